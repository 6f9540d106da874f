namespace OrderSync.Core.Lifecycle;

/// <summary>One line of an order's audit log: a signal received, a decision taken, a command issued, with its error if any.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Summary, string? Error = null);
