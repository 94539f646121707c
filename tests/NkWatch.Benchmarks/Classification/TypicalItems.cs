using System.Text.Encodings.Web;
using System.Text.Json;
using NkWatch.Core.Classification;

namespace NkWatch.Benchmarks.Classification;

/// <summary>
/// "Typical items" for the classifier's speed: every item of the development corpus (headlines and
/// leads in English and Korean, relevant and not, in the corpus's proportions), its lead lengthened
/// with the leads of the next items in the same language to about 600 characters, as feeds carry.
/// </summary>
public static class TypicalItems
{
    public const int LeadLength = 600;

    public static string RepositoryFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NkWatch.sln")))
            {
                return Path.Combine([dir.FullName, .. parts]);
            }
        }

        throw new FileNotFoundException("cannot find the repository (NkWatch.sln) above " + AppContext.BaseDirectory);
    }

    /// <summary>The shipped rules, or the file <c>NKWATCH_BENCH_RULES</c> names (to time an earlier version of them on the same items).</summary>
    public static RuleSet DefaultRules() =>
        RuleSetLoader.Load(Environment.GetEnvironmentVariable("NKWATCH_BENCH_RULES") is { Length: > 0 } other ? other : RepositoryFile("config", "rules.json"));

    public static IReadOnlyList<ClassifierInput> Load()
    {
        var corpus = File.ReadLines(RepositoryFile("tests", "corpus", "classifier", "dev.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => (Id: e.GetProperty("id").GetString()!, Title: e.GetProperty("title").GetString()!, Summary: e.GetProperty("summary").GetString()!, Language: e.GetProperty("language").GetString()!))
            .ToList();
        var items = new List<ClassifierInput>();
        for (var i = 0; i < corpus.Count; i++)
        {
            var lead = corpus[i].Summary;
            for (var j = (i + 1) % corpus.Count; lead.Length < LeadLength && j != i; j = (j + 1) % corpus.Count)
            {
                if (corpus[j].Language == corpus[i].Language)
                {
                    lead += " " + corpus[j].Summary;
                }
            }

            var cut = lead.Length <= LeadLength ? lead.Length : lead.LastIndexOf(' ', LeadLength);
            items.Add(new ClassifierInput(corpus[i].Id, corpus[i].Title, lead[..(cut > 0 ? cut : LeadLength)], corpus[i].Language));
        }

        return items;
    }

    /// <summary>
    /// Writes <paramref name="count"/> JSON lines for <c>nkwatch classify</c>, cycling through the
    /// typical items, with Korean as UTF-8 (as <c>nkwatch parse</c> writes it), not \u escapes.
    /// </summary>
    public static void WriteJsonLines(TextWriter output, int count)
    {
        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var items = Load();
        for (var n = 0; n < count; n++)
        {
            var item = items[n % items.Count];
            output.WriteLine(JsonSerializer.Serialize(new { id = $"{item.Id}-{n}", title = item.Title, summary = item.Summary, language = item.Language }, options));
        }
    }
}
