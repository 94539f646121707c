using System.Text;

namespace NkWatch.Core.Search;

/// <summary>
/// The words the archive is searched by, the same for what is indexed and what is asked, on both
/// backends. Spaced scripts: lower-cased words, plurals folded ("resolutions" finds "resolution").
/// Korean and Japanese run words together (particles in Korean, no spaces at all in Japanese), so
/// each run of Hangul or of kana and kanji becomes overlapping pairs of characters: "북한" finds
/// "북한은", "拉致" finds "拉致被害者".
/// </summary>
public static class SearchText
{
    /// <summary>Longer tokens are cut: an index key stays short whatever a feed sends.</summary>
    public const int MaxTokenLength = 40;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "at", "by", "for", "in", "is", "of", "on", "or", "the", "to", "with",
    };

    /// <summary>Distinct tokens indexed per match: a title and a long summary stay well under it.</summary>
    public const int MaxTokensPerMatch = 400;

    /// <summary>
    /// What both backends index for a match: the distinct tokens of its title and summary with how
    /// often each occurs, in order of first occurrence, at most <see cref="MaxTokensPerMatch"/>.
    /// </summary>
    public static IReadOnlyList<(string Token, int Count)> Indexed(string title, string summary) =>
        [.. Tokens(title + "\n" + summary).GroupBy(t => t, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).Take(MaxTokensPerMatch)];

    /// <summary>The tokens of a text, in order, repeats included.</summary>
    public static IEnumerable<string> Tokens(string text)
    {
        var normalised = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var start = 0;
        while (start < normalised.Length)
        {
            var kind = KindOf(normalised[start]);
            if (kind == Script.None)
            {
                start++;
                continue;
            }

            var end = start + 1;
            while (end < normalised.Length && KindOf(normalised[end]) == kind)
            {
                end++;
            }

            var run = normalised[start..end];
            start = end;
            if (kind == Script.Spaced)
            {
                if ((run.Length > 1 || char.IsAsciiDigit(run[0])) && !StopWords.Contains(run))
                {
                    yield return Cut(Singular(run));
                }
            }
            else if (run.Length == 1)
            {
                yield return run;
            }
            else
            {
                for (var i = 0; i + 2 <= run.Length; i++)
                {
                    yield return run.Substring(i, 2);
                }
            }
        }
    }

    /// <summary>English plurals only ("detainees", "countries"); "status" and "crisis" are left whole.</summary>
    private static string Singular(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        return word.Length > 3 && word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i') && char.IsAsciiLetterLower(word[^2]) ? word[..^1] : word;
    }

    private static string Cut(string token) => token.Length <= MaxTokenLength ? token : token[..MaxTokenLength];

    private enum Script
    {
        None,
        Spaced,
        Hangul,
        Japanese,
    }

    private static Script KindOf(char c) => c switch
    {
        >= '\uAC00' and <= '\uD7A3' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F' => Script.Hangul,
        >= '\u3040' and <= '\u30FF' or >= '\u31F0' and <= '\u31FF' or >= '\u3400' and <= '\u4DBF'
            or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or '\u3005' => Script.Japanese,
        _ when char.IsLetterOrDigit(c) => Script.Spaced,
        _ => Script.None,
    };
}
