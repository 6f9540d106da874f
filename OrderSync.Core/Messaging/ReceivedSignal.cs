namespace OrderSync.Core.Messaging;

/// <summary>A message taken from the queue: its envelope, or why it could not be read, and how often it has been delivered.</summary>
public sealed record ReceivedSignal(string MessageId, string PopReceipt, long DequeueCount, string Body, SignalEnvelope? Envelope, string? ReadError);
