namespace OrderSync.Core.Webhooks;

/// <summary>Request headers as a webhook carries them; names are case-insensitive, repeated values are joined by commas.</summary>
public sealed class WebhookHeaders
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public WebhookHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, value) in headers)
            _values[name] = _values.TryGetValue(name, out var earlier) ? $"{earlier},{value}" : value;
    }

    public string? this[string name] => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
