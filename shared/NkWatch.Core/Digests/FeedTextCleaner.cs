using NkWatch.Core.Email;
using NkWatch.Core.Feeds;

namespace NkWatch.Core.Digests;

/// <summary>
/// Feed text made fit for a digest: one line, no control characters (they break headers and
/// layout), no bidirectional controls (they make text read otherwise than it is), and no "%%"
/// so a feed cannot spell a per-recipient substitution tag.
/// </summary>
public static class FeedTextCleaner
{
    public static string SingleLine(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var folded = new string([.. BidiControls.Remove(text).Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c)]);
        while (folded.Contains("%%", StringComparison.Ordinal))
        {
            folded = folded.Replace("%%", "%", StringComparison.Ordinal);
        }

        return HtmlText.Truncate(HtmlText.FoldWhitespace(folded), max);
    }
}
