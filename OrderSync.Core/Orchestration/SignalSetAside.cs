using OrderSync.Core.Messaging;

namespace OrderSync.Core.Orchestration;

/// <summary>The input of the activity that sets a signal aside: the signal, and why its order's orchestration could not apply it.</summary>
public sealed record SignalSetAside(SignalEnvelope Envelope, string Error);
