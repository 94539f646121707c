using System.Text.Json;
using System.Text.Json.Serialization;

namespace NkWatch.Storage.Sqlite;

/// <summary>Records kept as JSON in a column: the schema stays small while the records grow.</summary>
internal static class StoredJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidDataException($"stored {typeof(T).Name} is null");
}
