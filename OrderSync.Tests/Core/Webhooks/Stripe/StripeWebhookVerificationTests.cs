using OrderSync.Sandbox.Stripe;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.Stripe;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Core.Webhooks.Stripe;

/// <summary>
/// The Stripe source's signature check (Stripe.net's EventUtility.ValidateSignature, with the time of receipt as now),
/// against stripe-dotnet's official vector: src/StripeTests/Services/Events/EventUtilityTest.cs with
/// src/StripeTests/Resources/event_test_signature.json, secret "webhook_secret", t=1533204620 (see samples/stripe/README.md).
/// </summary>
[TestClass]
public sealed class StripeWebhookVerificationTests
{
    private const long T = StripeSamples.VectorTimestamp;
    private static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    private static StripeWebhookSource Source(params string[] secrets) => Source(DefaultTolerance, secrets);

    private static StripeWebhookSource Source(TimeSpan tolerance, params string[] secrets) =>
        new(Options.Create(new StripeOptions { WebhookSecrets = [.. secrets], SignatureTolerance = tolerance }), NullLogger<StripeWebhookSource>.Instance);

    private static async Task<Authenticity> VerifyAsync(StripeWebhookSource source, byte[] body, string? header, long receivedAtUnix)
    {
        var headers = new WebhookHeaders(header is null ? [] : [new("Stripe-Signature", header)]);
        return await source.VerifyAsync(null, headers, body, DateTimeOffset.FromUnixTimeSeconds(receivedAtUnix), CancellationToken.None);
    }

    private static Task<Authenticity> VerifyVectorAsync(StripeWebhookSource source, byte[] body, string? header = StripeSamples.VectorHeader, long receivedAt = T + 100) =>
        VerifyAsync(source, body, header, receivedAt);

    // ---- the official vector ----

    [TestMethod]
    public void Vector_body_is_the_484_LF_only_bytes_Stripe_signed_with_its_trailing_newline()
    {
        var body = StripeSamples.VectorBody();

        Assert.HasCount(484, body);
        Assert.AreEqual((byte)'\n', body[^1]);
        Assert.DoesNotContain((byte)'\r', body);
        Assert.AreEqual(StripeSamples.VectorV1, StripeSigner.V1(body, StripeSamples.VectorSecret, T), "the sample no longer matches the published v1");
    }

    [TestMethod]
    public async Task Given_the_official_vector_When_received_100_s_after_signing_Then_it_is_authentic() =>
        Assert.AreEqual(Authenticity.Authentic, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), StripeSamples.VectorBody()));

    [TestMethod]
    public async Task Given_the_official_vector_When_received_at_the_signed_second_Then_it_is_authentic() =>
        Assert.AreEqual(Authenticity.Authentic, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), StripeSamples.VectorBody(), receivedAt: T));

    [TestMethod]
    public async Task Given_the_vector_signed_with_another_secret_Then_it_is_forged()
    {
        var body = StripeSamples.VectorBody();
        var forged = StripeSigner.Header(body, "not_the_webhook_secret", T);

        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), body, forged));
        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(Source("not_the_webhook_secret_either"), body));
    }

    // ---- the body must be the bytes Stripe signed ----

    [TestMethod]
    [DataRow(1, DisplayName = "trailing newline dropped")]
    [DataRow(2, DisplayName = "closing brace and newline dropped")]
    [DataRow(242, DisplayName = "half the body")]
    public async Task Given_a_truncated_body_Then_it_is_forged(int bytesCut) =>
        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), StripeSamples.VectorBody()[..^bytesCut]));

    [TestMethod]
    public async Task Given_the_body_with_CRLF_line_endings_Then_it_is_forged()
    {
        var crlf = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(StripeSamples.VectorBody()).Replace("\n", "\r\n"));
        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), crlf));
    }

    [TestMethod]
    public async Task Given_the_same_event_re_encoded_compactly_Then_it_is_forged()
    {
        var compact = Encoding.UTF8.GetBytes(System.Text.Json.Nodes.JsonNode.Parse(StripeSamples.VectorBody())!.ToJsonString());

        CollectionAssert.AreNotEqual(StripeSamples.VectorBody(), compact);
        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), compact));
    }

    [TestMethod]
    public async Task Given_invalid_UTF8_in_place_of_a_signed_replacement_character_Then_it_is_forged()
    {
        // A lenient decoder reads the stray 0xFF as U+FFFD, whose UTF-8 (EF BF BD) is what was signed: other bytes would verify.
        byte[] signed = [.. "{\"note\": \"\uFFFD\"}"u8];
        byte[] delivered = [.. "{\"note\": \""u8, 0xFF, .. "\"}"u8];
        var header = StripeSigner.Header(signed, StripeSamples.VectorSecret, T);

        Assert.AreEqual(Authenticity.Authentic, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), signed, header));
        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), delivered, header));
    }

    // ---- the signed timestamp ----

    [TestMethod]
    [DataRow(300L, DisplayName = "exactly the tolerance late")]
    [DataRow(-300L, DisplayName = "exactly the tolerance early (sender's clock ahead)")]
    public async Task Given_a_timestamp_at_the_edge_of_the_tolerance_Then_it_is_authentic(long offset) =>
        Assert.AreEqual(Authenticity.Authentic, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), StripeSamples.VectorBody(), receivedAt: T + offset));

    [TestMethod]
    [DataRow(301L, DisplayName = "one second stale")]
    [DataRow(400L, DisplayName = "the stale case of Stripe's own test (tolerance + 100)")]
    [DataRow(86_400L, DisplayName = "replayed a day later")]
    public async Task Given_a_stale_timestamp_Then_it_is_forged(long secondsLate) =>
        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), StripeSamples.VectorBody(), receivedAt: T + secondsLate));

    [TestMethod]
    [DataRow(301L)]
    [DataRow(3_600L)]
    public async Task Given_a_timestamp_from_the_future_beyond_the_tolerance_Then_it_is_forged(long secondsEarly) =>
        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), StripeSamples.VectorBody(), receivedAt: T - secondsEarly));

    [TestMethod]
    public async Task Given_a_configured_tolerance_Then_it_is_the_one_applied()
    {
        var body = StripeSamples.VectorBody();

        Assert.AreEqual(Authenticity.Authentic, await VerifyVectorAsync(Source(TimeSpan.FromMinutes(10), StripeSamples.VectorSecret), body, receivedAt: T + 500));
        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(Source(TimeSpan.FromMinutes(1), StripeSamples.VectorSecret), body, receivedAt: T + 100));
    }

    [TestMethod]
    public async Task Given_the_timestamp_changed_to_a_fresh_one_but_the_signature_kept_Then_it_is_forged()
    {
        var replayed = $"t={T + 1000},v1={StripeSamples.VectorV1}";
        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), StripeSamples.VectorBody(), replayed, receivedAt: T + 1000));
    }

    // ---- the header ----

    [TestMethod]
    public async Task Given_no_Stripe_Signature_header_Then_it_is_forged() =>
        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), StripeSamples.VectorBody(), header: null));

    [TestMethod]
    [DataRow("", DisplayName = "empty")]
    [DataRow("   ", DisplayName = "whitespace")]
    [DataRow("garbage", DisplayName = "no key=value")]
    [DataRow("t=,v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7", DisplayName = "empty timestamp")]
    [DataRow("t,v1=,v0=", DisplayName = "Stripe's own bad header 1")]
    [DataRow("t,,", DisplayName = "Stripe's own bad header 2")]
    [DataRow(",,", DisplayName = "commas only")]
    [DataRow("v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7", DisplayName = "no timestamp")]
    [DataRow("t=1533204620", DisplayName = "no signature")]
    [DataRow("t=1533204620,v1=2220F87EF101A04665F11CDF770523143F875572008577FA0F20882DDB9CC3C7", DisplayName = "upper-case hex")]
    [DataRow("t=1533204620,v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c", DisplayName = "digest one digit short")]
    [DataRow("t=1533204620,v1=sha256=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7", DisplayName = "prefixed digest")]
    public async Task Given_a_garbled_header_Then_it_is_forged(string header) =>
        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), StripeSamples.VectorBody(), header));

    [TestMethod]
    public async Task Given_only_the_v0_signature_Then_it_is_forged()
    {
        var v0Only = $"t={T},v0={StripeSamples.VectorV0}";
        var v0CarryingTheV1Digest = $"t={T},v0={StripeSamples.VectorV1}";

        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), StripeSamples.VectorBody(), v0Only));
        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), StripeSamples.VectorBody(), v0CarryingTheV1Digest));
    }

    [TestMethod]
    public async Task Given_a_timestamp_that_is_not_a_number_but_signed_with_the_secret_Then_it_is_forged_not_thrown()
    {
        // Stripe.net checks the digest before it parses t, so this reaches its Convert.ToInt32 and throws a FormatException.
        var body = StripeSamples.VectorBody();
        var header = $"t=soon,v1={StripeSigner.V1(body, StripeSamples.VectorSecret, "soon")}";

        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), body, header));
    }

    [TestMethod]
    public async Task Given_whitespace_around_the_header_items_Then_the_vector_is_still_authentic() =>
        Assert.AreEqual(Authenticity.Authentic, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), StripeSamples.VectorBody(),
            $" t={T}, v1={StripeSamples.VectorV1} , v0={StripeSamples.VectorV0} "));

    // ---- secret rotation ----

    [TestMethod]
    public async Task Given_two_secrets_during_rotation_Then_a_delivery_signed_with_either_is_authentic()
    {
        var body = StripeSamples.VectorBody();
        var signedWithNew = StripeSigner.Header(body, "whsec_new", T);

        Assert.AreEqual(Authenticity.Authentic, await VerifyVectorAsync(Source("whsec_new", StripeSamples.VectorSecret), body));
        Assert.AreEqual(Authenticity.Authentic, await VerifyVectorAsync(Source(StripeSamples.VectorSecret, "whsec_new"), body));
        Assert.AreEqual(Authenticity.Authentic, await VerifyVectorAsync(Source("whsec_new", StripeSamples.VectorSecret), body, signedWithNew));
        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), body, signedWithNew));
    }

    [TestMethod]
    public async Task Given_two_secrets_When_signed_with_neither_Then_it_is_forged()
    {
        var body = StripeSamples.VectorBody();
        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(Source("whsec_new", "whsec_old"), body));
    }

    [TestMethod]
    public async Task Given_a_header_with_one_v1_per_secret_while_Stripe_rolls_Then_the_one_that_matches_is_enough()
    {
        var body = StripeSamples.VectorBody();
        var header = $"t={T},v1={StripeSigner.V1(body, "whsec_expiring", T)},v1={StripeSamples.VectorV1}";

        Assert.AreEqual(Authenticity.Authentic, await VerifyVectorAsync(Source(StripeSamples.VectorSecret), body, header));
        Assert.AreEqual(Authenticity.Authentic, await VerifyVectorAsync(Source("whsec_expiring"), body, header));
    }

    // ---- no secret configured ----

    [TestMethod]
    public async Task Given_no_secret_configured_Then_every_delivery_is_forged_and_one_warning_names_the_setting()
    {
        var logger = new RecordingLogger<StripeWebhookSource>();
        var source = new StripeWebhookSource(Options.Create(new StripeOptions()), logger);

        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(source, StripeSamples.VectorBody()));
        Assert.AreEqual(Authenticity.Forged, await VerifyVectorAsync(source, StripeSamples.VectorBody()));

        var warning = logger.Entries.Single();
        Assert.AreEqual(LogLevel.Warning, warning.Level);
        Assert.Contains("OrderSync:Stripe:WebhookSecrets", warning.Message);
    }

    [TestMethod]
    public async Task Verification_never_logs_the_body_or_the_secret()
    {
        var logger = new RecordingLogger<StripeWebhookSource>();
        var source = new StripeWebhookSource(Options.Create(new StripeOptions { WebhookSecrets = [StripeSamples.VectorSecret] }), logger);

        await VerifyVectorAsync(source, StripeSamples.VectorBody());
        await VerifyVectorAsync(source, StripeSamples.VectorBody(), StripeSigner.Header(StripeSamples.VectorBody(), "other", T));
        await VerifyVectorAsync(source, StripeSamples.VectorBody(), "garbage");

        foreach (var (_, message) in logger.Entries)
        {
            Assert.DoesNotContain(StripeSamples.VectorSecret, message);
            Assert.DoesNotContain("evt_123", message);
        }
    }
}
