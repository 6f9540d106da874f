namespace OrderSync.Sandbox.PayPal;

public abstract partial record PayPalFault
{
    /// <summary>
    /// Applies the request's effect (the tracker is added), then holds the answer for <see cref="Delay"/> (or until the
    /// caller goes away): the caller sees a timeout although PayPal did the work — the "first answer lost" case.
    /// Played by the tracking endpoints ("track", "tracker", "trackers-batch").
    /// </summary>
    public sealed record StallAfterEffect(TimeSpan Delay) : PayPalFault;
}
