namespace OrderSync.Tests.Support;

/// <summary>Stripe's published test vector and documented example events (see samples/stripe/README.md for their sources).</summary>
public static class StripeSamples
{
    /// <summary>stripe-dotnet's EventUtilityTest vector: the body's bytes, its secret and its Stripe-Signature header.</summary>
    public static byte[] VectorBody() => Read("event_test_signature.json");

    public const string VectorSecret = "webhook_secret";
    public const long VectorTimestamp = 1533204620;
    public const string VectorV1 = "2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7";
    public const string VectorV0 = "63f3a72374a733066c4be69ed7f8e5ac85c22c9f0a6a612ab9a025a9e4ee7eef";
    public const string VectorHeader = $"t=1533204620,v1={VectorV1},v0={VectorV0}";

    public static byte[] PaymentIntentSucceeded() => Read("payment_intent.succeeded.json");
    public static byte[] PaymentIntentPaymentFailed() => Read("payment_intent.payment_failed.json");
    public static byte[] ChargeRefunded() => Read("charge.refunded.json");
    public static byte[] ChargeDisputeCreated() => Read("charge.dispute.created.json");

    /// <summary>The envelope every event sample shares (the fixture's event).</summary>
    public const string EventId = "evt_1MoS6tLgUG5tbmjchDsX6fiT";
    public const long EventCreated = 1234567890;

    private static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "stripe", name));
}
