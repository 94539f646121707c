using NkWatch.Core.Classification;

namespace NkWatch.Core.Digests;

/// <summary>
/// The summary cut to a snippet around the first matched term, split into plain and matched runs.
/// Hits are checked against the text before use: an offset outside the summary or over other
/// words (a cut summary, a hostile message) is ignored rather than trusted.
/// </summary>
public static class SnippetBuilder
{
    public const int MaxLength = 280;

    /// <summary>Words kept before the first match when the snippet cannot start at the beginning.</summary>
    private const int LeadIn = 60;

    public static IReadOnlyList<SnippetPart> Build(string summary, IEnumerable<Hit> hits, IReadOnlySet<string> topics)
    {
        if (string.IsNullOrWhiteSpace(summary))
        {
            return [];
        }

        var spans = ValidSpans(summary, hits, topics);
        var (start, end) = Window(summary, spans);
        var parts = new List<SnippetPart>();
        var cursor = start;
        foreach (var (spanStart, spanEnd) in spans)
        {
            if (spanStart < start || spanEnd > end)
            {
                continue;
            }

            Add(parts, summary[cursor..spanStart], matched: false);
            Add(parts, summary[spanStart..spanEnd], matched: true);
            cursor = spanEnd;
        }

        Add(parts, summary[cursor..end], matched: false);
        if (start > 0)
        {
            parts.Insert(0, new SnippetPart("… ", false));
        }

        if (end < summary.Length)
        {
            parts.Add(new SnippetPart(" …", false));
        }

        return parts;
    }

    /// <summary>Matched spans in the summary, in order and without overlaps.</summary>
    private static List<(int Start, int End)> ValidSpans(string summary, IEnumerable<Hit> hits, IReadOnlySet<string> topics)
    {
        var spans = hits
            .Where(h => h.Field == "summary" && topics.Contains(h.Topic) && TermSpelling.TextOf(h, string.Empty, summary) is not null)
            .Select(h => (Start: h.Start, End: WordEnd(summary, h.Start + h.Length)))
            .OrderBy(s => s.Start)
            .ThenByDescending(s => s.End)
            .ToList();
        var merged = new List<(int Start, int End)>();
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start < merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, span.End));
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }

    private static (int Start, int End) Window(string summary, List<(int Start, int End)> spans)
    {
        if (summary.Length <= MaxLength)
        {
            return (0, summary.Length);
        }

        var start = 0;
        if (spans.Count > 0 && spans[0].End > MaxLength - LeadIn)
        {
            start = WordStart(summary, Math.Max(0, spans[0].Start - LeadIn));
        }

        var end = Math.Min(summary.Length, start + MaxLength);
        if (end < summary.Length)
        {
            var space = summary.LastIndexOf(' ', end - 1, end - start);
            end = space > start + (MaxLength / 2) ? space : end;
        }

        if (end < summary.Length && char.IsLowSurrogate(summary[end]))
        {
            end--;
        }

        return (start, end);
    }

    /// <summary>
    /// A term matched inside a longer word ("camp" in "camps") is highlighted to the word's end; in
    /// scripts written without spaces (Han, kana, Hangul particles) the term alone is.
    /// </summary>
    private static int WordEnd(string text, int end)
    {
        while (end < text.Length && char.IsLetter(text[end]) && text[end] < '\u1100')
        {
            end++;
        }

        return end;
    }

    private static int WordStart(string text, int index)
    {
        var space = text.IndexOf(' ', index);
        return space < 0 ? index : space + 1;
    }

    private static void Add(List<SnippetPart> parts, string text, bool matched)
    {
        var clean = FeedTextCleaner.SingleLine(text, int.MaxValue);
        if (clean.Length == 0)
        {
            return;
        }

        // Folding trims the edges; keep one space where the raw text had one, so words do not run together.
        if (!matched && text.Length > 0 && char.IsWhiteSpace(text[0]) && parts.Count > 0)
        {
            clean = " " + clean;
        }

        if (!matched && text.Length > 0 && char.IsWhiteSpace(text[^1]))
        {
            clean += " ";
        }

        parts.Add(new SnippetPart(clean, matched));
    }
}
