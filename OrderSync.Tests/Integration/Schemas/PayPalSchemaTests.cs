using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OrderSync.Sandbox.PayPal;
using OrderSync.Sandbox.Schemas;
using OrderSync.Tests.Integration.PayPal;

namespace OrderSync.Tests.Integration.Schemas;

/// <summary>
/// The PayPal simulator's checks against PayPal's published OpenAPI specifications
/// (OrderSync.Sandbox/Schemas/paypal, from paypal/paypal-rest-api-specifications), with every object closed to the
/// properties the specifications name.
/// </summary>
[TestClass]
public sealed class PayPalSchemaTests
{
    private const string Batch = "/v1/shipping/trackers-batch";
    private static PlatformSchemas _schemas = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) => _schemas = await PlatformSchemas.SharedAsync();

    [TestMethod]
    public async Task A_wrong_property_in_a_tracker_is_named()
    {
        var problems = await _schemas.PayPalRequestProblemsAsync("POST", Batch, Trackers(new JsonObject
        {
            ["transaction_id"] = "8MC585209K746392H", ["tracking_number"] = "443844607820", ["status"] = "SHIPPED", ["carrier"] = "FEDEX",
            ["tracking_numbr"] = "443844607820",
        }));

        Assert.AreEqual("trackers-batch.post request: /trackers/0 must NOT have unevaluated properties \"tracking_numbr\"", Message(problems));
    }

    [TestMethod]
    public async Task A_wrong_property_beside_the_trackers_is_named()
    {
        var body = Trackers(new JsonObject { ["transaction_id"] = "8MC585209K746392H", ["tracking_number"] = "1Z999", ["status"] = "SHIPPED", ["carrier"] = "UPS" });
        body["notify"] = true;

        Assert.AreEqual("trackers-batch.post request: / must NOT have unevaluated properties \"notify\"", Message(await _schemas.PayPalRequestProblemsAsync("POST", Batch, body)));
    }

    [TestMethod]
    [DataRow("FEDEX", "")]
    [DataRow("OTHER", "")]
    [DataRow("FEDEXX", "trackers-batch.post request: /trackers/0/carrier must be equal to one of the allowed values")]
    public async Task The_carrier_is_one_of_the_published_carriers_or_OTHER(string carrier, string expected)
    {
        var tracker = new JsonObject { ["transaction_id"] = "8MC585209K746392H", ["tracking_number"] = "1Z999", ["status"] = "SHIPPED", ["carrier"] = carrier };
        if (carrier == "OTHER") tracker["carrier_name_other"] = "Speedy Parcels Ltd";

        Assert.AreEqual(expected, Message(await _schemas.PayPalRequestProblemsAsync("POST", Batch, Trackers(tracker))));
    }

    [TestMethod]
    public async Task A_required_property_left_out_is_named()
    {
        var problems = await _schemas.PayPalRequestProblemsAsync("POST", Batch, Trackers(new JsonObject { ["tracking_number"] = "1Z999", ["status"] = "SHIPPED" }));

        Assert.AreEqual("trackers-batch.post request: /trackers/0 must have required property 'transaction_id'", Message(problems));
    }

    [TestMethod]
    public async Task An_answer_with_a_property_the_specification_does_not_name_is_a_problem()
    {
        var problems = await _schemas.PayPalAnswerProblemsAsync("POST", Batch, 200, JsonNode.Parse("""
            {"tracker_identifiers": [{"transaction_id": "8MC585209K746392H", "tracking_number": "443844607820", "trackingNumber": "x"}]}
            """));

        Assert.AreEqual("trackers-batch.post answer: /tracker_identifiers/0 must NOT have unevaluated properties \"trackingNumber\"", Message(problems));
    }

    [TestMethod]
    public async Task An_empty_array_where_the_specification_wants_at_least_one_item_is_a_problem()
    {
        var problems = await _schemas.PayPalAnswerProblemsAsync("POST", Batch, 200, JsonNode.Parse("""{"tracker_identifiers": [], "errors": []}"""));

        Assert.AreEqual("trackers-batch.post answer: /tracker_identifiers must NOT have fewer than 1 items | trackers-batch.post answer: /errors must NOT have fewer than 1 items",
            Message(problems));
    }

    [TestMethod]
    public async Task A_call_the_specifications_do_not_publish_is_named()
    {
        var problems = await _schemas.PayPalRequestProblemsAsync("POST", "/v1/shipping/trackers/batch", new JsonObject());

        Assert.AreEqual("POST /v1/shipping/trackers/batch is not an operation of the published PayPal specifications", Message(problems));
    }

    [TestMethod]
    public async Task The_simulator_refuses_a_body_the_specification_does_not_allow_as_PayPal_does()
    {
        await using var simulator = await PayPalSimulator.StartAsync(PayPalTestSources.ClientId, PayPalTestSources.ClientSecret);
        using var http = new HttpClient(simulator.CreateHandler()) { BaseAddress = simulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http));

        using var answer = await http.PostAsJsonAsync(Batch.TrimStart('/'), Trackers(new JsonObject
        {
            ["transaction_id"] = "8MC585209K746392H", ["tracking_number"] = "443844607820", ["status"] = "SHIPPED", ["carrier"] = "FEDEX", ["colour"] = "red",
        }));
        var body = await answer.Content.ReadFromJsonAsync<JsonObject>();

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.AreEqual("INVALID_REQUEST", body!["name"]!.GetValue<string>());
        StringAssert.Contains(body["details"]![0]!["description"]!.GetValue<string>(), "unevaluated properties \"colour\"");
        Assert.IsEmpty(simulator.BatchTrackers, "a refused body changed nothing");
    }

    private static async Task<string> TokenAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/oauth2/token")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{PayPalTestSources.ClientId}:{PayPalTestSources.ClientSecret}")));
        using var answer = await http.SendAsync(request);
        return (await answer.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
    }

    private static JsonObject Trackers(JsonObject tracker) => new() { ["trackers"] = new JsonArray(tracker) };

    private static string Message(IReadOnlyList<JsonObject> problems) =>
        string.Join(" | ", problems.Select(p => p["message"]!.GetValue<string>()));
}
