using Azure.Data.Tables;

namespace OrderSync.Core.Storage;

/// <summary>Stores a byte payload in an entity as several binary properties: a table property holds at most 64 KiB.</summary>
internal static class ChunkedProperty
{
    private const int ChunkSize = 60 * 1024;
    private const int MaxChunks = 15; // well inside the 1 MiB entity limit

    public static void Write(TableEntity entity, string name, byte[] payload)
    {
        var chunks = (payload.Length + ChunkSize - 1) / ChunkSize;
        if (chunks > MaxChunks)
            throw new InvalidOperationException($"{name} is {payload.Length} bytes; an entity holds at most {MaxChunks * ChunkSize}.");
        entity[name + "Chunks"] = chunks;
        for (var i = 0; i < chunks; i++)
            entity[$"{name}{i}"] = payload.AsSpan(i * ChunkSize, Math.Min(ChunkSize, payload.Length - i * ChunkSize)).ToArray();
    }

    public static byte[] Read(TableEntity entity, string name)
    {
        var chunks = entity.GetInt32(name + "Chunks") ?? throw new InvalidDataException($"entity has no {name}");
        using var buffer = new MemoryStream();
        for (var i = 0; i < chunks; i++)
            buffer.Write(entity.GetBinary($"{name}{i}") ?? throw new InvalidDataException($"{name} chunk {i} is missing"));
        return buffer.ToArray();
    }
}
