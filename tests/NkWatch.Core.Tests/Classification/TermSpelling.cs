using System.Globalization;
using System.Text;

namespace NkWatch.Core.Tests.Classification;

/// <summary>
/// Whether matched text is a spelling of a rule's term, judged independently of the classifier's
/// own folding: the same letters and digits (case, punctuation, spaces and hyphens aside, after
/// NFKC), allowing a plural ending (-s, -es, y to -ies) and, for a "word*" term, any ending.
/// </summary>
internal static class TermSpelling
{
    public static bool IsSpellingOf(string matched, string term)
    {
        var prefix = term.EndsWith('*');
        var wanted = Letters(prefix ? term[..^1] : term);
        var found = Letters(matched);
        if (prefix)
        {
            return found.StartsWith(wanted, StringComparison.Ordinal);
        }

        return found == wanted
            || found == wanted + "s"
            || found == wanted + "es"
            || (wanted.EndsWith('y') && found == wanted[..^1] + "ies");
    }

    public static void AssertSpellingOf(string matched, string term) =>
        Assert.True(IsSpellingOf(matched, term), $"\"{matched}\" is not a spelling of the term \"{term}\"");

    private static string Letters(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        return new string([.. folded.Where(char.IsLetterOrDigit)]);
    }
}
