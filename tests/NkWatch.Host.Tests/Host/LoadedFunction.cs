using System.Text.Json;
using NkWatch.Host.Tests.Rpc;

namespace NkWatch.Host.Tests.Host;

/// <summary>A function as the worker described it in its FunctionMetadataResponse, and as loaded.</summary>
public sealed class LoadedFunction(RpcFunctionMetadata metadata)
{
    public RpcFunctionMetadata Metadata { get; } = metadata;

    public string Id => Metadata.FunctionId;

    public string Name => Metadata.Name;

    /// <summary>The raw bindings: the JSON the host binds triggers from.</summary>
    public IReadOnlyList<FunctionBinding> Bindings { get; } = [.. metadata.RawBindings.Select(FunctionBinding.Parse)];

    public FunctionBinding Trigger(string type) =>
        Bindings.SingleOrDefault(b => b.Type.Equals(type, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"{Name} has no {type} binding");
}

/// <summary>One binding of a function (name, type, direction and the rest of its JSON).</summary>
public sealed record FunctionBinding(string Name, string Type, string Direction, JsonElement Json)
{
    public static FunctionBinding Parse(string raw)
    {
        using var document = JsonDocument.Parse(raw);
        var json = document.RootElement.Clone();
        return new FunctionBinding(Text(json, "name") ?? string.Empty, Text(json, "type") ?? string.Empty, Text(json, "direction") ?? string.Empty, json);
    }

    public string? QueueName => Text(Json, "queueName");

    /// <summary>Whether an HTTP trigger's route (under the host's prefix) and methods take this request; <c>{name}</c> takes one segment.</summary>
    public bool Serves(HttpMethod method, string routePrefix, IReadOnlyList<string> pathSegments)
    {
        var methods = Json.TryGetProperty("methods", out var m) && m.ValueKind == JsonValueKind.Array
            ? m.EnumerateArray().Select(x => x.GetString()).ToList()
            : null;
        if (methods is not null && !methods.Contains(method.Method, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        var route = (routePrefix.Trim('/') + "/" + (Text(Json, "route") ?? Name)).Trim('/').Split('/');
        return route.Length == pathSegments.Count
            && route.Zip(pathSegments).All(p => (p.First.StartsWith('{') && p.First.EndsWith('}') && p.Second.Length > 0) || p.First.Equals(p.Second, StringComparison.OrdinalIgnoreCase));
    }

    private static string? Text(JsonElement json, string property) =>
        json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
