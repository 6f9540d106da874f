using System.Text.Json.Nodes;

namespace OrderSync.Sandbox.Stripe;

/// <summary>
/// A form-encoded Stripe request body as the nested parameters it stands for, as docs.stripe.com/api describes them:
/// <c>shipping[address][line1]=…</c> is a hash inside a hash, <c>expand[]=a&amp;expand[]=b</c> or <c>expand[0]=a</c> a list,
/// <c>metadata[key]=value</c> one metadata key. An empty value stays an empty string: to Stripe it unsets the parameter.
/// </summary>
public static class StripeForm
{
    public static JsonObject Parse(IEnumerable<KeyValuePair<string, string>> form)
    {
        var root = new JsonObject();
        foreach (var (name, value) in form)
        {
            var path = Segments(name);
            JsonNode parent = root;
            for (var i = 0; i < path.Count; i++)
            {
                var last = i == path.Count - 1;
                var child = last ? JsonValue.Create(value) : IsIndex(path[i + 1]) ? new JsonArray() : (JsonNode)new JsonObject();
                parent = parent switch
                {
                    JsonObject o when last => o[path[i]] = child,
                    JsonObject o => o[path[i]] ??= child,
                    JsonArray a when path[i].Length == 0 || int.Parse(path[i]) >= a.Count => Added(a, child),
                    JsonArray a => a[int.Parse(path[i])] ?? child,
                    _ => parent,
                };
            }
        }
        return root;
    }

    /// <summary>The parameter names of <paramref name="name"/>: shipping[address][line1] → shipping, address, line1.</summary>
    private static List<string> Segments(string name)
    {
        var open = name.IndexOf('[');
        if (open <= 0 || !name.EndsWith(']')) return [name];
        return [name[..open], .. name[(open + 1)..^1].Split("][")];
    }

    private static bool IsIndex(string segment) => segment.Length == 0 || segment.All(char.IsAsciiDigit);

    private static JsonNode Added(JsonArray array, JsonNode child)
    {
        array.Add(child);
        return child;
    }
}
