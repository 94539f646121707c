using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using NkWatch.Core.Classification;

namespace NkWatch.Core.Matches;

/// <summary>
/// What an item says that does not depend on its language, for linking reports of one event in
/// English, Korean and Japanese: the rules' concepts it matched (a term group is one concept with
/// spellings in three languages), the gazetteer's names, UN document symbols (A/HRC/RES/55/21),
/// and numbers (600, 21st, 2023). Each feature is a string such as <c>e:kim-yo-jong</c>,
/// <c>s:A/HRC/43/L.17</c>, <c>n:600</c>, <c>y:2023</c> or <c>c:refugees/repatriation</c>.
/// </summary>
public static partial class StorySignature
{
    /// <summary>Each rule set's term-to-group map, built once per rule set rather than once per match.</summary>
    private static readonly ConditionalWeakTable<RuleSet, Dictionary<(string Topic, string Term), string>> GroupsByTerm = new();

    /// <summary>
    /// Two items in different languages are one story when the weight of what they share is at
    /// least this, and at least <see cref="MinCosine"/> of what each says; measured on
    /// tests/corpus/stories (docs/stories.md).
    /// </summary>
    public const double MinShared = 4.5;

    public const double MinCosine = 0.45;

    private const double SymbolWeight = 4;
    private const double NumberWeight = 2;
    private const double YearWeight = 0.5;
    private const double ConceptWeight = 0.25;

    /// <summary>The sorted, distinct features of an item.</summary>
    public static string[] Of(string title, string summary, IEnumerable<Hit> hits, RuleSet? rules, Gazetteer gazetteer)
    {
        var text = (title + "\n" + summary).Normalize(NormalizationForm.FormKC);
        var features = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in gazetteer.Find(text))
        {
            features.Add("e:" + entry.Id);
        }

        foreach (Match symbol in DocumentSymbol().Matches(text))
        {
            features.Add("s:" + symbol.Value.TrimEnd('.'));
        }

        var withoutSymbols = DocumentSymbol().Replace(text, " ");
        foreach (Match number in Number().Matches(withoutSymbols))
        {
            if (long.TryParse(number.Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 10)
            {
                features.Add((value is >= 1950 and <= 2100 ? "y:" : "n:") + value.ToString(CultureInfo.InvariantCulture));
            }
        }

        var groups = rules is null ? null : GroupsByTerm.GetValue(rules, Groups);
        foreach (var hit in hits)
        {
            features.Add("c:" + hit.Topic + "/" + (groups is not null && groups.TryGetValue((hit.Topic, hit.Term), out var group) ? group : hit.Term));
        }

        return [.. features.Order(StringComparer.Ordinal)];
    }

    /// <summary>How alike two signatures are (the cosine of their weighted features), or 0 when too little is shared to call them one story.</summary>
    public static double Similarity(IReadOnlyList<string> a, IReadOnlyList<string> b, Gazetteer gazetteer)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = 0.0;
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            var order = string.CompareOrdinal(a[i], b[j]);
            if (order == 0)
            {
                shared += Weight(a[i], gazetteer);
                i++;
                j++;
            }
            else if (order < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        var cosine = shared / Math.Sqrt(Total(a, gazetteer) * Total(b, gazetteer));
        return shared >= MinShared && cosine >= MinCosine ? cosine : 0;
    }

    public static double Weight(string feature, Gazetteer gazetteer) => feature[..2] switch
    {
        "s:" => SymbolWeight,
        "n:" => NumberWeight,
        "y:" => YearWeight,
        "e:" => gazetteer.WeightOf(feature[2..]),
        _ => ConceptWeight,
    };

    private static double Total(IReadOnlyList<string> features, Gazetteer gazetteer) => features.Sum(f => Weight(f, gazetteer));

    private static Dictionary<(string Topic, string Term), string> Groups(RuleSet rules)
    {
        var groups = new Dictionary<(string, string), string>();
        foreach (var topic in rules.Topics)
        {
            foreach (var group in topic.Groups)
            {
                foreach (var term in group.Terms)
                {
                    groups.TryAdd((topic.Id, term.Text), group.Name);
                }
            }
        }

        return groups;
    }

    /// <summary>UN document symbols: an organ's letter, then slash-separated parts (A/HRC/RES/55/21, S/2024/123, A/C.3/79/L.20).</summary>
    [GeneratedRegex(@"\b[ASE]/(?:[A-Z0-9][A-Z0-9.\-]*/)+[A-Z0-9][A-Z0-9.\-]*", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentSymbol();

    /// <summary>Whole numbers, with thousands separators or without; not the parts of a decimal ("2.5").</summary>
    [GeneratedRegex(@"(?<!\d)(?<!\d[.,])(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?!\d))", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
