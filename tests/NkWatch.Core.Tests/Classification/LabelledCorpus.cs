using System.Text.Json;
using NkWatch.Core.Classification;

namespace NkWatch.Core.Tests.Classification;

/// <summary>A line of the labelled corpora under tests/corpus/classifier.</summary>
internal sealed record LabelledItem(ClassifierInput Input, bool Relevant, IReadOnlyList<string> Topics);

internal static class LabelledCorpus
{
    public static IReadOnlyList<LabelledItem> Load(string name) =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "corpus", "classifier", name))
            .Where(line => line.Length > 0)
            .Select(line =>
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var input = new ClassifierInput(
                    root.GetProperty("id").GetString()!,
                    root.GetProperty("title").GetString()!,
                    root.GetProperty("summary").GetString()!,
                    root.GetProperty("language").GetString());
                var topics = root.TryGetProperty("topics", out var t) ? t.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
                return new LabelledItem(input, root.GetProperty("label").GetString() == "relevant", topics);
            })];
}
