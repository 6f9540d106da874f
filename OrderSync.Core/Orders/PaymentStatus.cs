namespace OrderSync.Core.Orders;

/// <summary>Where the money stands, whichever platform reported it.</summary>
public enum PaymentStatus
{
    Unknown,
    Pending,
    Authorized,
    PartiallyPaid,
    Paid,
    PartiallyRefunded,
    Refunded,
    Voided,
}

public static class PaymentStatusRules
{
    /// <summary>Captured money: what "push only if paid" waits for.</summary>
    public static bool IsCaptured(this PaymentStatus status) =>
        status is PaymentStatus.Paid or PaymentStatus.PartiallyRefunded;
}
