using System.Text.Json;
using NkWatch.Core.Classification;

namespace NkWatch.Cli.Commands;

/// <summary>An input line of classify and eval: <c>{"id","title","summary"|"text","language"?,"label"?}</c>.</summary>
internal sealed record LabelledItem(ClassifierInput Input, string? Label);

internal static class LabelledLines
{
    public static TextReader Open(string? path, TextReader stdin)
    {
        if (path is null or "-")
        {
            return stdin;
        }

        return File.Exists(path) ? new StreamReader(path) : throw new UsageException($"{path}: no such file");
    }

    public static bool TryRead(string line, out LabelledItem item, out string problem)
    {
        item = null!;
        problem = string.Empty;
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "expected a JSON object";
                return false;
            }

            var id = Text(root, "id");
            if (string.IsNullOrEmpty(id))
            {
                problem = "missing \"id\"";
                return false;
            }

            var summary = Text(root, "summary") ?? Text(root, "text") ?? string.Empty;
            item = new LabelledItem(new ClassifierInput(id, Text(root, "title") ?? string.Empty, summary, Text(root, "language")), Text(root, "label"));
            return true;
        }
        catch (JsonException ex)
        {
            problem = "not JSON: " + ex.Message;
            return false;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
