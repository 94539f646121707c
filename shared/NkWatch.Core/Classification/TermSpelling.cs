using System.Globalization;
using System.Text;

namespace NkWatch.Core.Classification;

/// <summary>
/// Whether text a hit points at is a spelling of the hit's term, judged independently of the
/// classifier's own folding: the same letters and digits (case, punctuation, spaces and hyphens
/// aside, after NFKC), allowing a plural ending (-s, -es, y to -ies) and, for a "word*" term, any
/// ending. Readers of stored hits (digests, the archive) use it to refuse offsets that point at
/// other words: a cut summary, a hostile message.
/// </summary>
public static class TermSpelling
{
    public static bool IsSpellingOf(string matched, string term)
    {
        ArgumentNullException.ThrowIfNull(matched);
        ArgumentNullException.ThrowIfNull(term);
        var prefix = term.EndsWith('*');
        var wanted = Letters(prefix ? term[..^1] : term);
        var found = Letters(matched);
        if (wanted.Length == 0)
        {
            return false;
        }

        if (prefix)
        {
            return found.StartsWith(wanted, StringComparison.Ordinal);
        }

        return found == wanted
            || found == wanted + "s"
            || found == wanted + "es"
            || (wanted.EndsWith('y') && found == wanted[..^1] + "ies");
    }

    /// <summary>
    /// The text a hit points at in its field, when it is a spelling of the hit's term; null for
    /// an offset outside the text or over other words.
    /// </summary>
    public static string? TextOf(Hit hit, string title, string summary)
    {
        ArgumentNullException.ThrowIfNull(hit);
        var field = hit.Field == "title" ? title ?? string.Empty : summary ?? string.Empty;
        if (hit.Length <= 0 || hit.Start < 0 || hit.Start > field.Length - hit.Length)
        {
            return null;
        }

        var text = field.Substring(hit.Start, hit.Length);
        return IsSpellingOf(text, hit.Term) ? text : null;
    }

    private static string Letters(string text)
    {
        string folded;
        try
        {
            folded = text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Not valid Unicode (a lone surrogate): compared as it stands.
            folded = text;
        }

        return new string([.. folded.ToLower(CultureInfo.InvariantCulture).Where(char.IsLetterOrDigit)]);
    }
}
