using OrderSync.Core.Lifecycle;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.Carriers;
using OrderSync.Core.Platforms.PayPal;

namespace OrderSync.Core.Execution;

/// <summary>
/// A shipment as trackers on the PayPal capture, one per tracking number, through trackers-batch: OrderSync knows the
/// capture id from the merchant order's transactions, not the PayPal order id that the Orders v2 track endpoint needs.
/// A correction cancels the trackers of numbers no longer in the shipment (PayPal cannot change a tracker's number), sets
/// the carrier on those it keeps, and adds the new ones.
/// The reference is the tracker ids, "{capture}-{number}" comma-separated, as trackers-batch names them.
/// </summary>
public sealed class PayPalTrackingReport(PayPalTracking? paypal = null)
{
    /// <summary>PayPal-Request-Id takes 1 to 108 characters (PayPal's Orders v2 reference; see PLATFORMS.md).</summary>
    public const int MaxRequestIdLength = 108;

    /// <param name="mayHaveRun">An earlier run may have added the trackers: PayPal is asked for each before it is added.</param>
    public async Task<Signal> ReportAsync(ReportTrackingToPayPal report, bool mayHaveRun, CancellationToken cancellationToken)
    {
        var client = paypal ?? throw PlatformException.Permanent("PayPal tracking cannot be sent: OrderSync:PayPal is not configured");
        var numbers = ReportedTracking.Numbers(report.Tracking, TrackingTarget.PayPal);
        if (numbers.IsEmpty) throw PlatformException.Permanent("PayPal tracking needs a tracking number, and the shipment has none");
        var (carrier, other) = ReportedTracking.Carrier(report.Tracking, numbers) is { } known ? CarrierNames.ToPayPal(known)
            : !string.IsNullOrWhiteSpace(report.Tracking.Carrier) ? CarrierNames.ToPayPal(report.Tracking.Carrier)
            : throw PlatformException.Permanent($"PayPal tracking needs a carrier: the vendor named none, and the number {numbers[0]} does not show one");

        if (report.TrackerId is { } previous)
        {
            var before = NumbersOf(previous, report.CaptureId).ToList();
            foreach (var stale in before.Except(numbers, StringComparer.OrdinalIgnoreCase))
                await client.CancelBatchTrackerAsync(report.CaptureId, stale, RequestId($"{report.Id}:cancel:{stale}"), cancellationToken);
            // A number the shipment keeps stays on its tracker; only its carrier may have been corrected.
            foreach (var kept in numbers.Intersect(before, StringComparer.OrdinalIgnoreCase))
                await client.UpdateBatchTrackerAsync(new PayPalBatchTracker(report.CaptureId, kept, carrier, other), PayPalTracker.Shipped,
                    RequestId($"{report.Id}:update:{kept}"), cancellationToken);
        }

        var batches = numbers.Select(n => new PayPalBatchTracker(report.CaptureId, n, carrier, other)).Chunk(PayPalTracking.MaxBatchSize).ToList();
        for (var i = 0; i < batches.Count; i++)
        {
            var result = await client.AddBatchAsync(batches[i], RequestId($"{report.Id}:batch:{i}"), mayHaveRun, cancellationToken);
            if (result.Errors.Count > 0)
                throw PlatformException.Permanent($"PayPal refused tracking on capture {report.CaptureId}: " +
                    string.Join("; ", result.Errors.Select(e => $"{e.Name}{(e.Issues.Count == 0 ? "" : $" ({string.Join(", ", e.Issues)})")}{(e.Message is null ? "" : $": {e.Message}")}")));
        }
        return new CommandSucceeded(report.Id, string.Join(",", numbers.Select(n => $"{report.CaptureId}-{n}")));
    }

    /// <summary>
    /// Each PayPal call gets its own request id: PayPal answers a repeated PayPal-Request-Id with the first call's result
    /// (developer.paypal.com/api/rest/reference/idempotency/). A key over PayPal's limit is shortened to a hash, deterministically.
    /// </summary>
    public static string RequestId(string key) => PlatformKeys.Fit(key, MaxRequestIdLength);

    private static IEnumerable<string> NumbersOf(string trackerIds, string captureId) => trackerIds
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(id => id.StartsWith(captureId + "-", StringComparison.Ordinal))
        .Select(id => id[(captureId.Length + 1)..]);
}
