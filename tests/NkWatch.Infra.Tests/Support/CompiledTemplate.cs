using System.Text.Json;

namespace NkWatch.Infra.Tests.Support;

/// <summary>
/// The ARM JSON that <c>bicep build</c> makes of infra/main.bicep. Each module is nested in it as
/// a Microsoft.Resources/deployments resource with a template of its own, so every look-up here
/// walks the nested templates too. Resources are an array in plain templates and an object keyed
/// by symbolic name in templates that use user-defined types (languageVersion 2.0).
/// </summary>
internal sealed class CompiledTemplate(JsonDocument document, string text) : IDisposable
{
    public JsonElement Root => document.RootElement;

    public string Text { get; } = text;

    public static CompiledTemplate Parse(string json) => new(JsonDocument.Parse(json), json);

    public IEnumerable<JsonElement> Resources() => ResourcesIn(Root);

    public IEnumerable<JsonElement> ResourcesOfType(string type) =>
        Resources().Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase));

    public JsonElement SingleOfType(string type)
    {
        var matches = ResourcesOfType(type).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"Expected one {type}, found {matches.Count}.");
    }

    /// <summary>The template of the module deployed under <paramref name="deploymentName"/>.</summary>
    public JsonElement ModuleTemplate(string deploymentName) =>
        Module(deploymentName).GetProperty("properties").GetProperty("template");

    /// <summary>The value main.bicep passes to a module parameter (often an ARM expression).</summary>
    public JsonElement ModuleParameter(string deploymentName, string parameter) =>
        Module(deploymentName).GetProperty("properties").GetProperty("parameters").GetProperty(parameter).GetProperty("value");

    /// <summary>Every value, anywhere in the template, of a property with this exact name.</summary>
    public IEnumerable<JsonElement> ValuesOfProperty(string name) => ValuesOfProperty(Root, name);

    /// <summary>Every property name and string value in the template.</summary>
    public IEnumerable<string> Words() => WordsIn(Root);

    public void Dispose() => document.Dispose();

    private JsonElement Module(string deploymentName) =>
        ResourcesOfType("Microsoft.Resources/deployments")
            .Single(d => d.GetProperty("name").GetString() == deploymentName);

    private static IEnumerable<JsonElement> ResourcesIn(JsonElement template)
    {
        if (!template.TryGetProperty("resources", out var resources))
        {
            yield break;
        }

        var items = resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(p => p.Value)
            : resources.EnumerateArray();
        foreach (var resource in items)
        {
            yield return resource;
            if (resource.TryGetProperty("properties", out var properties)
                && properties.ValueKind == JsonValueKind.Object
                && properties.TryGetProperty("template", out var nested))
            {
                foreach (var inner in ResourcesIn(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    private static IEnumerable<JsonElement> ValuesOfProperty(JsonElement element, string name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals(name))
                    {
                        yield return property.Value;
                    }

                    foreach (var value in ValuesOfProperty(property.Value, name))
                    {
                        yield return value;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var value in element.EnumerateArray().SelectMany(item => ValuesOfProperty(item, name)))
                {
                    yield return value;
                }

                break;
        }
    }

    private static IEnumerable<string> WordsIn(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    yield return property.Name;
                    foreach (var word in WordsIn(property.Value))
                    {
                        yield return word;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var word in element.EnumerateArray().SelectMany(WordsIn))
                {
                    yield return word;
                }

                break;
            case JsonValueKind.String:
                yield return element.GetString()!;
                break;
        }
    }
}
