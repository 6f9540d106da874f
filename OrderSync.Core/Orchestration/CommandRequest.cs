using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Orchestration;

/// <summary>The input of the activity that runs a command: the command, and the order it is for (for logs and traces).</summary>
public sealed record CommandRequest(OrderKey Order, Command Command);
