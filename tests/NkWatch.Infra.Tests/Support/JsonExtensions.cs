using System.Text.Json;

namespace NkWatch.Infra.Tests.Support;

internal static class JsonExtensions
{
    /// <summary>Follows a path of property names, failing with the path when one is missing.</summary>
    public static JsonElement At(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            Assert.True(
                current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out current),
                $"No '{name}' on the way to {string.Join('.', path)} in {element}");
        }

        return current;
    }

    public static string Text(this JsonElement element, params string[] path) =>
        element.At(path).GetString() ?? throw new InvalidOperationException($"{string.Join('.', path)} is null.");
}
