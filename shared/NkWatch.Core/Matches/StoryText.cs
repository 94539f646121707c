using System.Text;

namespace NkWatch.Core.Matches;

/// <summary>
/// The words a headline and its lead are compared by. English: lower-cased words with stop words
/// and the vocabulary every North Korea item shares ("north", "korea", "human", "rights") left out,
/// and a light suffix strip so "tabled", "tables" and "table" meet. Korean: particles attach to
/// nouns ("북한은", "북한이"), so each Hangul run becomes overlapping syllable pairs, which match
/// whatever particle follows. Each feature is kept as a stable 32-bit hash.
/// </summary>
public static class StoryText
{
    /// <summary>How much of the summary counts as the lead: the opening words, not the whole article.</summary>
    public const int LeadWords = 60;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "has", "have", "he", "her", "his",
        "in", "into", "is", "it", "its", "of", "on", "or", "over", "she", "that", "the", "their", "them", "they",
        "this", "to", "was", "were", "which", "who", "will", "with", "would", "after", "about", "also", "but",
        "not", "new", "more", "than", "said", "says", "say", "told", "on", "up", "out", "amid", "against",

        // Shared by nearly every item NkWatch keeps: they say nothing about which story it is.
        "north", "korea", "korean", "koreans", "dprk", "pyongyang", "un", "united", "nations", "human", "rights",
        "right", "people", "democratic", "republic", "s", "n",
    };

    private static readonly HashSet<string> StopBigrams = new(StringComparer.Ordinal) { "북한", "인권" };

    /// <summary>Features of the title and the lead together.</summary>
    public static uint[] Features(string title, string summary) =>
        Hash(Tokens(title).Concat(Tokens(summary).Take(LeadWords)));

    /// <summary>Features of the title alone.</summary>
    public static uint[] TitleFeatures(string title) => Hash(Tokens(title));

    /// <summary>The normalised tokens of a text, in order.</summary>
    public static IEnumerable<string> Tokens(string text)
    {
        var normalised = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var start = 0;
        while (start < normalised.Length)
        {
            var hangul = IsHangul(normalised[start]);
            if (!hangul && !char.IsLetterOrDigit(normalised[start]))
            {
                start++;
                continue;
            }

            var end = start + 1;
            while (end < normalised.Length && IsHangul(normalised[end]) == hangul && (hangul || char.IsLetterOrDigit(normalised[end])))
            {
                end++;
            }

            var run = normalised[start..end];
            start = end;
            if (hangul)
            {
                foreach (var pair in HangulPairs(run))
                {
                    yield return pair;
                }
            }
            else if (run.Length > 1 && !StopWords.Contains(run))
            {
                yield return Stem(run);
            }
        }
    }

    private static IEnumerable<string> HangulPairs(string run)
    {
        if (run.Length == 2 && !StopBigrams.Contains(run))
        {
            yield return run;
        }

        for (var i = 0; i + 2 <= run.Length && run.Length > 2; i++)
        {
            var pair = run.Substring(i, 2);
            if (!StopBigrams.Contains(pair))
            {
                yield return pair;
            }
        }
    }

    /// <summary>A deliberately small stemmer: enough for headline variants, never a stem under three letters.</summary>
    private static string Stem(string word)
    {
        if (word.Length < 4 || !word.All(char.IsAsciiLetterLower))
        {
            return word;
        }

        foreach (var suffix in new[] { "ing", "ed", "es", "s" })
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal) && word.Length - suffix.Length >= 3 && !word.EndsWith("ss", StringComparison.Ordinal))
            {
                word = word[..^suffix.Length];
                break;
            }
        }

        return word.Length > 3 && word.EndsWith('e') ? word[..^1] : word;
    }

    private static bool IsHangul(char c) => c is >= '\uAC00' and <= '\uD7A3';

    private static uint[] Hash(IEnumerable<string> tokens) =>
        [.. tokens.Select(Fnv1a).Distinct().Order()];

    /// <summary>FNV-1a: stable across processes and machines, unlike string.GetHashCode.</summary>
    private static uint Fnv1a(string token)
    {
        var hash = 2166136261u;
        foreach (var c in token)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
