using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OrderSync.Sandbox.Shopify;

/// <summary>
/// One page of orders(first, after, query: "…:>='time'" or "…:>'time'"): the orders whose time passes the filter, ordered
/// by that time to the tick then by id, starting just past the <see cref="After"/> cursor (Base64 of "ticks|id").
/// </summary>
internal sealed record OrderTimePage(DateTimeOffset Since, bool Inclusive, int First, (long Ticks, string Id)? After)
{
    /// <param name="filter">Finds the time filter in variables.query, with the groups "op" (">" or ">=") and "at".</param>
    public static OrderTimePage Parse(JsonObject variables, Regex filter)
    {
        var match = filter.Match(variables["query"]!.GetValue<string>());
        var since = DateTimeOffset.Parse(match.Groups["at"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var inclusive = match.Groups["op"].Value == ">=";
        var first = variables["first"]?.GetValue<int>() ?? 50;
        var after = variables["after"]?.GetValue<string>() is { } cursor ? Decode(cursor) : ((long, string)?)null;
        return new OrderTimePage(since, inclusive, first, after);
    }

    /// <summary>This page of <paramref name="orders"/> as a connection {nodes, pageInfo {hasNextPage, endCursor}}.</summary>
    /// <param name="time">The order's time the filter, the order and the cursor use.</param>
    /// <param name="comparedAs">The order's time as compared with the filter's (the merchant side compares whole seconds); as it is when null.</param>
    public JsonObject Connection<TOrder>(IEnumerable<TOrder> orders, Func<TOrder, DateTimeOffset> time, Func<TOrder, string> id,
        Func<TOrder, JsonObject> node, Func<DateTimeOffset, DateTimeOffset>? comparedAs = null)
    {
        comparedAs ??= t => t;
        var matching = orders
            .Where(o => Inclusive ? comparedAs(time(o)) >= Since : comparedAs(time(o)) > Since)
            .OrderBy(o => time(o).UtcTicks).ThenBy(id, StringComparer.Ordinal)
            .Where(o => After is not { } a || time(o).UtcTicks > a.Ticks || (time(o).UtcTicks == a.Ticks && string.CompareOrdinal(id(o), a.Id) > 0))
            .ToList();
        var page = matching.Take(First).ToList();
        return new JsonObject
        {
            ["nodes"] = new JsonArray([.. page.Select(o => (JsonNode)node(o))]),
            ["pageInfo"] = new JsonObject
            {
                ["hasNextPage"] = matching.Count > page.Count,
                ["endCursor"] = page.Count == 0 ? null : Encode(time(page[^1]).UtcTicks, id(page[^1])),
            },
        };
    }

    private static string Encode(long ticks, string id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ticks}|{id}"));

    private static (long, string) Decode(string cursor)
    {
        var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split('|', 2);
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), parts[1]);
    }
}
