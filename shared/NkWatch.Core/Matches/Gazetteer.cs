using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NkWatch.Core.Matches;

/// <summary>
/// Names that survive translation (config/gazetteer.json, built into the assembly): each entry is
/// one person, place or body with its spellings in English, Korean and Japanese, and a weight for
/// how much sharing it says about two items being one event. Latin spellings match whole words
/// (acronyms in capitals only: "UN", not "un"); Hangul and Japanese spellings match inside words,
/// since particles attach to them ("유엔은", "国連で").
/// </summary>
public sealed class Gazetteer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly List<(string Name, bool Latin, bool CaseSensitive, GazetteerEntry Entry)> names;

    private readonly Dictionary<string, double> weights;

    public Gazetteer(IReadOnlyList<GazetteerEntry> entries)
    {
        Entries = entries;
        weights = entries.GroupBy(e => e.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Weight, StringComparer.Ordinal);
        names = [.. entries
            .SelectMany(e => e.Names.Select(n => n.Normalize(NormalizationForm.FormKC)).Select(n => (Name: n, Latin: n.Any(char.IsAsciiLetter), CaseSensitive: IsAcronym(n), Entry: e)))
            .Select(n => n with { Name = n.CaseSensitive ? n.Name : n.Name.ToLowerInvariant() })
            .OrderByDescending(n => n.Name.Length)];
    }

    public IReadOnlyList<GazetteerEntry> Entries { get; }

    /// <summary>The weight of the entry with this id in a story signature; 1 for an id it does not know.</summary>
    public double WeightOf(string id) => weights.GetValueOrDefault(id, 1);

    /// <summary>The gazetteer built into NkWatch.Core.</summary>
    public static Gazetteer BuiltIn { get; } = Load();

    /// <summary>The entries named in the text, each once.</summary>
    public IEnumerable<GazetteerEntry> Find(string text)
    {
        var normalised = text.Normalize(NormalizationForm.FormKC);
        var lower = normalised.ToLowerInvariant();
        var found = new HashSet<GazetteerEntry>();
        foreach (var (name, latin, caseSensitive, entry) in names)
        {
            if (!found.Contains(entry) && Contains(caseSensitive ? normalised : lower, name, latin))
            {
                found.Add(entry);
            }
        }

        return found;
    }

    private static bool Contains(string text, string name, bool latin)
    {
        for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            var end = at + name.Length;
            if (!latin || ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAcronym(string name) => name.Any(char.IsAsciiLetter) && name.All(c => char.IsAsciiLetterUpper(c) || c is '.' or '-');

    private static Gazetteer Load()
    {
        using var stream = typeof(Gazetteer).Assembly.GetManifestResourceStream("NkWatch.Core.gazetteer.json")
            ?? throw new InvalidOperationException("the built-in gazetteer is missing from NkWatch.Core");
        var file = JsonSerializer.Deserialize<GazetteerFile>(stream, Json)
            ?? throw new InvalidDataException("the built-in gazetteer is empty");
        return new Gazetteer(file.Entries);
    }

    private sealed record GazetteerFile([property: JsonRequired] IReadOnlyList<GazetteerEntry> Entries);
}

public sealed record GazetteerEntry(string Id, IReadOnlyList<string> Names)
{
    public double Weight { get; init; } = 1;
}
