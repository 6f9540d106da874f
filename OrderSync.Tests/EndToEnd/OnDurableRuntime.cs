using OrderSync.Local;

namespace OrderSync.Tests.EndToEnd;

// The end-to-end suite again, on the local shell's durable runtime (OrderSync:Runtime=Durable): each class inherits every
// test of its outbox-runtime class, with the same expectations. Not here: UnreadableOrderEndToEndTests, as the durable
// runtime does not yet list a signal whose orchestration failed among the poisoned ones (docs/design.md, "The local
// shell's two runtimes").

[TestClass]
public sealed class OrderPushOnDurable : OrderPushEndToEndTests
{
    protected override OrderRuntime Runtime => OrderRuntime.Durable;
}

[TestClass]
public sealed class LifecycleOnDurable : LifecycleEndToEndTests
{
    protected override OrderRuntime Runtime => OrderRuntime.Durable;
}

[TestClass]
public sealed class TrackingPollOnDurable : TrackingPollEndToEndTests
{
    protected override OrderRuntime Runtime => OrderRuntime.Durable;
}

[TestClass]
public sealed class BackfillOnDurable : BackfillEndToEndTests
{
    protected override OrderRuntime Runtime => OrderRuntime.Durable;
}

[TestClass]
public sealed class PoisonedSignalOnDurable : PoisonedSignalEndToEndTests
{
    protected override OrderRuntime Runtime => OrderRuntime.Durable;
}

[TestClass]
public sealed class CrashRecoveryOnDurable : CrashRecoveryEndToEndTests
{
    protected override OrderRuntime Runtime => OrderRuntime.Durable;
}

[TestClass]
public sealed class GracefulShutdownOnDurable : GracefulShutdownEndToEndTests
{
    protected override OrderRuntime Runtime => OrderRuntime.Durable;

    /// <summary>
    /// Nothing: the engine does not give an activity back on a graceful stop. Its work item shows again once the engine's
    /// visibility timeout lapses (OrderSync:Durable:VisibilityTimeout, 4 s in these worlds), and the other host runs it, once.
    /// </summary>
    protected override IReadOnlyList<string> GivingBack => [];
}

[TestClass]
public sealed class RacingOnDurable : RacingEndToEndTests
{
    protected override OrderRuntime Runtime => OrderRuntime.Durable;
}

[TestClass]
public sealed class SlowCallOnDurable : SlowCallEndToEndTests
{
    protected override OrderRuntime Runtime => OrderRuntime.Durable;
}
