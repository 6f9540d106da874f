namespace OrderSync.Tests.EndToEnd;

/// <summary>Marks a class of the end-to-end suite that runs its tests on the durable runtime (OrderSync:Runtime=Durable).</summary>
public interface IOnDurableRuntime;

// The end-to-end suite again, on the local shell's durable runtime (OrderSync:Runtime=Durable): each class inherits every
// test of its outbox-runtime class, with the same expectations, but where an override says why the engine differs.

[TestClass]
public sealed class OrderPushOnDurable : OrderPushEndToEndTests, IOnDurableRuntime;

[TestClass]
public sealed class LifecycleOnDurable : LifecycleEndToEndTests, IOnDurableRuntime;

[TestClass]
public sealed class TrackingPollOnDurable : TrackingPollEndToEndTests, IOnDurableRuntime;

[TestClass]
public sealed class BackfillOnDurable : BackfillEndToEndTests, IOnDurableRuntime;

[TestClass]
public sealed class PoisonedSignalOnDurable : PoisonedSignalEndToEndTests, IOnDurableRuntime;

[TestClass]
public sealed class UnreadableOrderOnDurable : UnreadableOrderEndToEndTests, IOnDurableRuntime;

[TestClass]
public sealed class CrashRecoveryOnDurable : CrashRecoveryEndToEndTests, IOnDurableRuntime;

[TestClass]
public sealed class GracefulShutdownOnDurable : GracefulShutdownEndToEndTests, IOnDurableRuntime
{
    /// <summary>
    /// Nothing: the engine does not give an activity back on a graceful stop. Its work item shows again once the engine's
    /// visibility timeout lapses (OrderSync:Durable:VisibilityTimeout, 20 s in these worlds), and the other host runs it, once.
    /// </summary>
    protected override IReadOnlyList<string> GivingBack => [];
}

[TestClass]
public sealed class SlowCallOnDurable : SlowCallEndToEndTests, IOnDurableRuntime;

[TestClass]
public sealed class RacingOnDurable : RacingEndToEndTests, IOnDurableRuntime
{
    /// <summary>
    /// Twice: the engine runs an activity at least once. When the order's partition moves between the two hosts mid-episode
    /// (a split brain it detects, discarding the losing episode), the push's work item may already be sent and run again;
    /// that run's lookup finds the vendor order the first made, so the vendor still gets one orderCreate.
    /// </summary>
    protected override int PushRunsAtMost => 2;
}
