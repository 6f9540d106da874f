using System.Text.Json.Nodes;
using OrderSync.Core.Configuration;
using OrderSync.Sandbox.Schemas;

namespace OrderSync.Tests.Integration.Schemas;

/// <summary>
/// The clients' GraphQL documents and the Shopify simulator's checks, against Shopify's published Admin schemas
/// (introspection per API version, from the pinned npm package @shopify/dev-mcp), with graphql-js.
/// </summary>
[TestClass]
public sealed class ShopifySchemaTests
{
    private const string OrderQuery = "query Q($id: ID!) { order(id: $id) { id name displayFinancialStatus } }";
    private static readonly string Configured = new ShopifyOptions().ApiVersion;
    private static PlatformSchemas _schemas = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) => _schemas = await PlatformSchemas.SharedAsync();

    [TestMethod]
    public async Task Every_document_the_clients_send_is_valid_under_the_configured_version_and_the_next_published_one()
    {
        var published = await _schemas.ShopifyVersionsAsync();
        CollectionAssert.Contains(published.ToList(), Configured, $"{Configured} is not published in @shopify/dev-mcp: {string.Join(", ", published)}");
        var versions = published.Where(v => string.CompareOrdinal(v, Configured) >= 0).Take(2).ToList();
        var documents = ShopifyDocuments.All();
        Assert.IsGreaterThanOrEqualTo(18, documents.Count, $"only {documents.Count} documents found: {string.Join(", ", documents.Select(d => d.Name))}");

        var failures = new List<string>();
        foreach (var version in versions)
            foreach (var (name, text) in documents)
                failures.AddRange((await _schemas.ShopifyDocumentProblemsAsync(version, text)).Select(p => $"{version} {name}: {p["message"]}"));

        Assert.IsEmpty(failures, string.Join(Environment.NewLine, failures));
    }

    [TestMethod]
    public async Task A_renamed_field_in_a_clients_document_is_named_with_its_type()
    {
        var (name, text) = ShopifyDocuments.All().Single(d => d.Name == "ShopifyVendorOrders.Create");

        var problems = await _schemas.ShopifyDocumentProblemsAsync(Configured, text.Replace("order { id name }", "order { id nom }"));

        StringAssert.StartsWith(Message(problems), "Cannot query field \"nom\" on type \"Order\".", name);
    }

    [TestMethod]
    public async Task An_argument_the_field_does_not_take_is_named()
    {
        var problems = await _schemas.ShopifyDocumentProblemsAsync(Configured,
            "mutation M($order: OrderCreateOrderInput!) { orderCreate(order: $order, notify: true) { order { id } userErrors { field message } } }");

        StringAssert.StartsWith(Message(problems), "Unknown argument \"notify\" on field \"Mutation.orderCreate\".");
    }

    [TestMethod]
    public async Task An_unpublished_version_is_refused_with_the_published_ones()
    {
        var problems = await _schemas.ShopifyDocumentProblemsAsync("2019-04", OrderQuery);

        StringAssert.StartsWith(Message(problems), "API version 2019-04 is not published (published: 2025-10,");
    }

    [TestMethod]
    [DataRow("""{"order": {"lineItems": [{"quantity": 1, "skuu": "A"}]}}""", "Field \"skuu\" is not defined by type \"OrderCreateLineItemInput\".")]
    [DataRow("""{"order": {"lineItems": [{"quantity": "one"}]}}""", "Int cannot represent non-integer value: \"one\"")]
    [DataRow("""{"order": {"currency": "EURO"}}""", "Value \"EURO\" does not exist in \"CurrencyCode\" enum.")]
    [DataRow("""{"order": {"shippingLines": [{"title": "Post"}]}}""", "Field \"priceSet\" of required type \"MoneyBagInput!\" was not provided.")]
    [DataRow("""{}""", "Variable \"$order\" of required type \"OrderCreateOrderInput!\" was not provided.")]
    public async Task Variables_are_checked_against_the_input_types(string variables, string expected)
    {
        var problems = await _schemas.ShopifyRequestProblemsAsync(Configured,
            "mutation M($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id } userErrors { field message } } }",
            JsonNode.Parse(variables)!.AsObject());

        StringAssert.Contains(Message(problems), expected);
    }

    [TestMethod]
    public async Task An_answer_is_shaped_to_exactly_the_fields_asked_for_under_their_aliases()
    {
        var (problems, data) = await _schemas.ShopifyAnswerAsync(Configured, "query Q($id: ID!) { first: order(id: $id) { id } }",
            new JsonObject { ["id"] = "gid://shopify/Order/1" },
            JsonNode.Parse("""{"first": {"id": "gid://shopify/Order/1", "name": "#1001", "tags": []}}"""));

        Assert.IsEmpty(problems);
        Assert.AreEqual("""{"first":{"id":"gid://shopify/Order/1"}}""", data!.ToJsonString());
    }

    [TestMethod]
    [DataRow("""{"order": {"id": null, "name": "#1", "displayFinancialStatus": "PAID"}}""", "Cannot return null for non-nullable field Order.id.")]
    [DataRow("""{"order": {"id": "gid://shopify/Order/1", "name": "#1", "displayFinancialStatus": "SETTLED"}}""", "Enum \"OrderDisplayFinancialStatus\" cannot represent value: \"SETTLED\"")]
    [DataRow("""{"order": {"id": "gid://shopify/Order/1", "displayFinancialStatus": "PAID"}}""", "The answer lacks \"name\", which the request asked for")]
    [DataRow("""{"order": {"id": "gid://shopify/Order/1", "name": ["#1"], "displayFinancialStatus": "PAID"}}""", "String cannot represent value: [\"#1\"]")]
    public async Task An_answer_Shopify_could_not_give_is_a_problem(string data, string expected)
    {
        var (problems, _) = await _schemas.ShopifyAnswerAsync(Configured, OrderQuery, new JsonObject { ["id"] = "gid://shopify/Order/1" }, JsonNode.Parse(data));

        Assert.AreEqual(expected, Message(problems));
    }

    private static string Message(IReadOnlyList<JsonObject> problems) =>
        string.Join(" | ", problems.Select(p => p["message"]!.GetValue<string>()));
}
