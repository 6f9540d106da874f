using System.Reflection;
using System.Text.Json.Nodes;
using Newtonsoft.Json;
using Stripe;

namespace OrderSync.Tests.Integration.Schemas;

/// <summary>
/// What is wrong with a JSON answer as the Stripe.net type it is read into (Stripe.net 53.1.0, Stripe's own SDK): a key the
/// type has no [JsonProperty] for, at any depth; or, on the object itself, a value-type property (amount, livemode,
/// created: never null on Stripe's side) that the answer lacks, which Stripe.net would read as 0 or false without a word.
/// Nested hashes may leave out optional attributes, as the API reference's own sample does (amount_details.tip.amount).
/// </summary>
public static class StripeNetContract
{
    public static IReadOnlyList<string> Problems(JsonObject answer, Type type)
    {
        var problems = new List<string>();
        Check(answer, type, type.Name, problems);
        foreach (var (name, property) in JsonProperties(type))
            if (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null && !answer.ContainsKey(name))
                problems.Add($"{type.Name} lacks \"{name}\", which Stripe.net reads as {Activator.CreateInstance(property.PropertyType)}");
        return problems;
    }

    private static void Check(JsonObject answer, Type type, string at, List<string> problems)
    {
        var properties = JsonProperties(type);
        foreach (var (key, value) in answer)
        {
            if (!properties.TryGetValue(key, out var property)) problems.Add($"{at} has no property for \"{key}\"");
            else if (value is JsonObject nested && Entity(property.PropertyType) is { } nestedType) Check(nested, nestedType, $"{at}.{key}", problems);
        }
    }

    /// <summary>The type's properties by their JSON name, non-public ones included (an expandable field's id and object share one).</summary>
    private static Dictionary<string, PropertyInfo> JsonProperties(Type type) =>
        type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => (Property: p, Name: p.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName))
            .Where(p => p.Name is not null)
            .ToDictionary(p => p.Name!, p => p.Property);

    /// <summary>The Stripe.net object type a nested hash is read into; null for dictionaries (metadata) and expandable ids.</summary>
    private static Type? Entity(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ExpandableField<>) ? type.GetGenericArguments()[0]
        : typeof(StripeEntity).IsAssignableFrom(type) ? type
        : null;
}
