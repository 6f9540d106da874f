using System.Reflection;
using OrderSync.Core.Platforms.Shopify;

namespace OrderSync.Tests.Integration.Schemas;

/// <summary>
/// Every GraphQL document the Shopify clients can send: each string constant or static string of a type in
/// OrderSync.Core.Platforms.Shopify that is a query or a mutation, found by reflection so a new one is never left out.
/// </summary>
public static class ShopifyDocuments
{
    public static IReadOnlyList<(string Name, string Text)> All() =>
    [
        .. typeof(ShopifyGraphQlClient).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(ShopifyGraphQlClient).Namespace)
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(f => f.FieldType == typeof(string))
                .Select(f => (Name: $"{t.Name}.{f.Name}", Text: (f.IsLiteral ? f.GetRawConstantValue() : f.GetValue(null)) as string)))
            .Where(d => d.Text is { } text && IsOperation(text))
            .Select(d => (d.Name, d.Text!))
            .OrderBy(d => d.Name, StringComparer.Ordinal),
    ];

    private static bool IsOperation(string text) =>
        text.TrimStart() is var t && (t.StartsWith("query ", StringComparison.Ordinal) || t.StartsWith("mutation ", StringComparison.Ordinal));
}
