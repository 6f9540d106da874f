using System.Diagnostics;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Platforms;
using OrderSync.Core.Telemetry;

namespace OrderSync.Core.Execution;

/// <summary>Runs one command against its platform and reports the outcome as the signal the decider expects.</summary>
public sealed class CommandExecutor(
    VendorOrderCommands vendorOrders,
    ShopifyTrackingReport shopifyTracking,
    PayPalTrackingReport paypalTracking,
    StripeTrackingReport stripeTracking,
    PaymentReferenceLookup paymentReferences)
{
    /// <param name="mayHaveRun">
    /// The command may have reached its platform before (see <see cref="Storage.OrderRecord.MayHaveRun"/>): creates that have
    /// no idempotency key of the platform's look for what an earlier run made before making it. On a first run they do not,
    /// which saves a call per create.
    /// </param>
    public async Task<Signal> ExecuteAsync(Command command, bool mayHaveRun, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = await RunAsync(command, mayHaveRun, cancellationToken);
        if (command is PushOrderToVendor push) OrderSyncTelemetry.Pushed(vendorOrders.KindOf(push.VendorId), outcome, Stopwatch.GetElapsedTime(started));
        return outcome;
    }

    private async Task<Signal> RunAsync(Command command, bool mayHaveRun, CancellationToken cancellationToken)
    {
        try
        {
            return command switch
            {
                PushOrderToVendor push => await vendorOrders.PushAsync(push, mayHaveRun, cancellationToken),
                UpdateVendorOrder update => await vendorOrders.UpdateAsync(update, cancellationToken),
                EditVendorOrderLines edit => await vendorOrders.EditLinesAsync(edit, cancellationToken),
                CancelVendorOrder cancel => await vendorOrders.CancelAsync(cancel, cancellationToken),
                CancelUnconfirmedPush cancel => await vendorOrders.CancelUnconfirmedPushAsync(cancel, cancellationToken),
                ReportTrackingToShopify report => await shopifyTracking.ReportAsync(report, cancellationToken),
                ReportTrackingToPayPal report => await paypalTracking.ReportAsync(report, mayHaveRun, cancellationToken),
                ReportTrackingToStripe report => await stripeTracking.ReportAsync(report, mayHaveRun, cancellationToken),
                FindPaymentReferences find => await paymentReferences.FindAsync(find, cancellationToken),
                _ => throw PlatformException.Permanent($"OrderSync has no executor for {command.GetType().Name}"),
            };
        }
        catch (PlatformException e)
        {
            return new CommandFailed(command.Id, e.Kind, e.Reason, e.RetryAfter);
        }
    }
}
