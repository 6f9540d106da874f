using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orchestration;
using OrderSync.Core.Policy;
using OrderSync.Core.Storage;

namespace OrderSync.Core.Serialization;

/// <summary>The one JSON contract for what OrderSync stores and queues (source-generated, camelCase, enums as text).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(SignalEnvelope))]
[JsonSerializable(typeof(PoisonedSignal))]
[JsonSerializable(typeof(OrderRecord))]
[JsonSerializable(typeof(Decision))]
[JsonSerializable(typeof(TimelineEntry))]
[JsonSerializable(typeof(OrderView))]
[JsonSerializable(typeof(ParkedSignal))]
[JsonSerializable(typeof(IReadOnlyList<ParkedSignal>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(IReadOnlyList<OrderSummary>))]
[JsonSerializable(typeof(Signal))]
[JsonSerializable(typeof(Command))]
[JsonSerializable(typeof(SyncSettings))]
[JsonSerializable(typeof(StoredOrder))]
[JsonSerializable(typeof(OrderRun))]
[JsonSerializable(typeof(OrderSave))]
[JsonSerializable(typeof(CommandRequest))]
[JsonSerializable(typeof(SignalSetAside))]
[JsonSerializable(typeof(StorageHealthReport))]
[JsonSerializable(typeof(IReadOnlyList<PoisonedSignalSummary>))]
internal sealed partial class OrderSyncJsonContext : JsonSerializerContext;

public static class OrderSyncJson
{
    public static JsonSerializerOptions Options => OrderSyncJsonContext.Default.Options;

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    public static byte[] SerializeToUtf8<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>());

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize(json, TypeInfo<T>()) ?? throw new JsonException($"null where a {typeof(T).Name} was expected");

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, TypeInfo<T>()) ?? throw new JsonException($"null where a {typeof(T).Name} was expected");

    public static (SignalEnvelope? Envelope, string? Error) TryDeserializeEnvelope(string json)
    {
        try
        {
            return (Deserialize<SignalEnvelope>(json), null);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return (null, $"unreadable signal: {e.Message}");
        }
    }

    private static JsonTypeInfo<T> TypeInfo<T>() =>
        (JsonTypeInfo<T>?)OrderSyncJsonContext.Default.GetTypeInfo(typeof(T))
        ?? throw new NotSupportedException($"{typeof(T).Name} is not part of OrderSync's JSON contract");
}
