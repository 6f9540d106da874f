namespace OrderSync.Core.Platforms.PayPal;

/// <summary>
/// What trackers-batch answers: tracker_identifiers [{transaction_id, tracking_number, links}] for the trackers added, and
/// errors [{name, message, details}] for those refused (developer.paypal.com/api/tracking/v1/trackers-batch-post, response sample).
/// </summary>
public sealed record PayPalBatchResult(IReadOnlyList<PayPalBatchAdded> Added, IReadOnlyList<PayPalBatchError> Errors);

/// <param name="AlreadyPresent">True when PayPal already held this tracker, so it was not sent again.</param>
public sealed record PayPalBatchAdded(string TransactionId, string TrackingNumber, bool AlreadyPresent = false);

/// <param name="Issues">The details' issue names (e.g. INVALID_PARAMETER_VALUE), when PayPal gave any.</param>
public sealed record PayPalBatchError(string Name, string? Message, IReadOnlyList<string> Issues);
