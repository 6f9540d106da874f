using System.Net;
using System.Text.Json.Nodes;
using OrderSync.Sandbox.Stripe;
using OrderSync.Tests.Support;
using Stripe;

namespace OrderSync.Tests.Integration.Schemas;

/// <summary>
/// The Stripe simulator against Stripe.net, Stripe's own SDK: what it answers is read into the Stripe.net types with nothing
/// unknown and nothing missing, and what Stripe.net encodes (nested hashes, lists, metadata) is read as Stripe reads it.
/// </summary>
[TestClass]
public sealed class StripeContractTests
{
    private const string IntentId = "pi_3Contract0001";
    private static StripeSimulator _simulator = null!;
    private string _apiKey = null!;
    private HttpClient _http = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) => _simulator = await TestSimulators.StripeAsync();

    [TestInitialize]
    public void NewAccount()
    {
        _apiKey = $"sk_test_{Guid.NewGuid():N}";
        _simulator.AddAccount(_apiKey).AddPaymentIntent(IntentId);
        _http = new HttpClient { BaseAddress = _simulator.BaseUrl };
        _http.DefaultRequestHeaders.Authorization = new("Bearer", _apiKey);
    }

    [TestCleanup]
    public void Dispose() => _http.Dispose();

    [TestMethod]
    public async Task A_PaymentIntent_answer_has_every_attribute_Stripe_net_reads_and_none_it_does_not_know()
    {
        await Service().UpdateAsync(IntentId, WithShipping());

        foreach (var answer in new[] { await GetJsonAsync(), await PostJsonAsync("shipping[name]=Ada&shipping[address][line1]=1 Main St") })
        {
            var problems = StripeNetContract.Problems(answer, typeof(PaymentIntent));
            Assert.IsEmpty(problems, string.Join(Environment.NewLine, problems));
        }
    }

    [TestMethod]
    public async Task A_PaymentIntent_answer_has_every_attribute_of_the_object_on_Stripes_API_reference()
    {
        // The attributes of "The PaymentIntent object" sample, docs.stripe.com/api/payment_intents/object (2026-04-22.dahlia).
        string[] attributes =
        [
            "id", "object", "amount", "amount_capturable", "amount_details", "amount_received", "application", "application_fee_amount",
            "automatic_payment_methods", "canceled_at", "cancellation_reason", "capture_method", "client_secret", "confirmation_method",
            "created", "currency", "customer", "description", "last_payment_error", "latest_charge", "livemode", "metadata",
            "next_action", "on_behalf_of", "payment_method", "payment_method_options", "payment_method_types", "processing",
            "receipt_email", "review", "setup_future_usage", "shipping", "source", "statement_descriptor",
            "statement_descriptor_suffix", "status", "transfer_data", "transfer_group",
        ];

        CollectionAssert.AreEquivalent(attributes, (await GetJsonAsync()).Select(p => p.Key).ToArray());
    }

    [TestMethod]
    [DataRow("shipping[adress][line1]=1 Main St&shipping[name]=Ada", 400)]
    [DataRow("amount=1", 400)]
    public async Task An_error_answer_reads_into_Stripe_nets_StripeError(string form, int status)
    {
        using var answer = await PostAsync(form);
        var error = (await JsonNode.ParseAsync(await answer.Content.ReadAsStreamAsync()))!["error"]!.AsObject();

        Assert.AreEqual(status, (int)answer.StatusCode);
        Assert.IsEmpty(StripeNetContract.Problems(error, typeof(StripeError)));
        Assert.AreEqual("parameter_unknown", StripeEntity.FromJson<StripeError>(error.ToJsonString()).Code);
    }

    [TestMethod]
    public async Task A_parameter_unknown_inside_a_hash_is_named_with_its_path()
    {
        using var answer = await PostAsync("shipping[name]=Ada&shipping[adress][line1]=1 Main St");
        var error = StripeEntity.FromJson<StripeError>((await JsonNode.ParseAsync(await answer.Content.ReadAsStreamAsync()))!["error"]!.ToJsonString());

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.AreEqual(("parameter_unknown", "shipping[adress]", "Received unknown parameter: shipping[adress]"), (error.Code, error.Param, error.Message));
    }

    [TestMethod]
    public async Task Nested_hashes_lists_and_metadata_encoded_by_Stripe_net_are_read_as_Stripe_reads_them()
    {
        var options = WithShipping();
        options.Metadata = new Dictionary<string, string> { ["order"] = "1001", ["vendor"] = "vendor-a" };
        options.AddExpand("latest_charge");
        options.AddExpand("customer");

        var updated = await Service().UpdateAsync(IntentId, options);
        var later = await Service().UpdateAsync(IntentId, new PaymentIntentUpdateOptions { Metadata = new Dictionary<string, string> { ["order"] = "" } });

        Assert.AreEqual(("Ada Lovelace", "1 Main St", "Flat 2", "London", "N1 9GU", "GB", "DHL", "JD014600006281"),
            (updated.Shipping.Name, updated.Shipping.Address.Line1, updated.Shipping.Address.Line2, updated.Shipping.Address.City,
                updated.Shipping.Address.PostalCode, updated.Shipping.Address.Country, updated.Shipping.Carrier, updated.Shipping.TrackingNumber));
        CollectionAssert.AreEquivalent(new Dictionary<string, string> { ["order"] = "1001", ["vendor"] = "vendor-a" }, updated.Metadata.ToDictionary());
        CollectionAssert.AreEquivalent(new Dictionary<string, string> { ["vendor"] = "vendor-a" }, later.Metadata.ToDictionary(), "a key posted empty is unset");
        Assert.AreEqual("Ada Lovelace", later.Shipping.Name, "a hash not posted is kept");
    }

    [TestMethod]
    public async Task Shipping_posted_empty_is_unset()
    {
        await Service().UpdateAsync(IntentId, WithShipping());

        var answer = await PostJsonAsync("shipping=");

        Assert.IsNull(answer["shipping"]);
    }

    [TestMethod]
    public void The_form_parser_builds_hashes_and_lists_from_bracketed_names()
    {
        var parsed = StripeForm.Parse(
        [
            new("shipping[address][line1]", "1 Main St"), new("shipping[name]", "Ada"), new("expand[]", "a"), new("expand[]", "b"),
            new("items[0][price]", "p1"), new("items[1][price]", "p2"), new("metadata[order]", ""),
        ]);

        Assert.AreEqual("""
            {"shipping":{"address":{"line1":"1 Main St"},"name":"Ada"},"expand":["a","b"],"items":[{"price":"p1"},{"price":"p2"}],"metadata":{"order":""}}
            """.Trim(), parsed.ToJsonString());
    }

    private PaymentIntentService Service() =>
        new(new StripeClient(_apiKey, httpClient: new SystemNetHttpClient(new HttpClient(), maxNetworkRetries: 0, enableTelemetry: false),
            apiBase: _simulator.BaseUrl.GetLeftPart(UriPartial.Authority)));

    private static PaymentIntentUpdateOptions WithShipping() => new()
    {
        Shipping = new ChargeShippingOptions
        {
            Name = "Ada Lovelace", Carrier = "DHL", TrackingNumber = "JD014600006281",
            Address = new AddressOptions { Line1 = "1 Main St", Line2 = "Flat 2", City = "London", PostalCode = "N1 9GU", Country = "GB" },
        },
    };

    private async Task<JsonObject> GetJsonAsync() =>
        (await JsonNode.ParseAsync(await _http.GetStreamAsync($"v1/payment_intents/{IntentId}")))!.AsObject();

    private async Task<JsonObject> PostJsonAsync(string form)
    {
        using var answer = await PostAsync(form);
        Assert.AreEqual(HttpStatusCode.OK, answer.StatusCode, await answer.Content.ReadAsStringAsync());
        return (await JsonNode.ParseAsync(await answer.Content.ReadAsStreamAsync()))!.AsObject();
    }

    private Task<HttpResponseMessage> PostAsync(string form) =>
        _http.PostAsync($"v1/payment_intents/{IntentId}", new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
}
