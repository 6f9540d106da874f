using OrderSync.Core.Lifecycle;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.Stripe;

namespace OrderSync.Core.Execution;

/// <summary>A shipment's carrier and tracking numbers on the Stripe PaymentIntent; a correction replaces the numbers it had.</summary>
public sealed class StripeTrackingReport(StripeShipping stripe)
{
    /// <param name="mayHaveRun">An earlier run may have written the tracking: the PaymentIntent is read first (see <see cref="StripeShipping"/>).</param>
    public async Task<Signal> ReportAsync(ReportTrackingToStripe report, bool mayHaveRun, CancellationToken cancellationToken)
    {
        var numbers = ReportedTracking.Numbers(report.Tracking, TrackingTarget.Stripe);
        var shipTo = report.ShipTo ?? throw PlatformException.Permanent("Stripe tracking needs the order's shipping address, and the order has none");
        var carrier = ReportedTracking.ShopifyCompany(report.Tracking, numbers);
        var update = new StripeTrackingUpdate(report.PaymentIntentId, shipTo, carrier, numbers, report.Replaces.IsDefault ? [] : report.Replaces,
            Keeps: report.Keeps.IsDefault || mayHaveRun ? null : report.Keeps);
        await stripe.SetTrackingAsync(update, PlatformKeys.Fit(report.Id, StripeShipping.MaxIdempotencyKeyLength), cancellationToken);
        return new CommandSucceeded(report.Id, report.PaymentIntentId);
    }
}
