using System.Runtime.InteropServices;

namespace NkWatch.Core.Classification.Matching;

/// <summary>
/// Words and sentences of a normalised field, for the proximity rules: a word is a run of
/// characters between spaces; a sentence ends at a line break or at '.', '!' or '?' before a
/// space, except after a common abbreviation (Mr., Gen., Sept., No.).
/// </summary>
internal sealed class TextLayout
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "sgt", "capt", "adm", "gov", "sen", "rep", "amb",
        "st", "mt", "no", "nos", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "inc", "corp", "co", "ltd", "jr", "sr", "dept", "est", "approx", "fig", "vol",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly List<int> sentenceStarts = [];
    private List<int> wordStarts = [];

    public int WordCount => wordStarts.Count;

    /// <summary>Takes the word starts noted while folding, and decides which of the possible sentence ends are ones.</summary>
    public void Build(NormalizedText text)
    {
        wordStarts = text.WordStarts;
        sentenceStarts.Clear();
        sentenceStarts.Add(0);
        var chars = text.Chars;
        foreach (var i in text.SentenceBreaks)
        {
            if (chars[i] == '\n' || EndsSentence(chars, i))
            {
                StartSentence(i + 1);
            }
        }
    }

    /// <summary>The number of the word holding the character at <paramref name="position"/> (0 before the first word).</summary>
    public int WordAt(int position) => LastAtOrBefore(wordStarts, position);

    public int SentenceAt(int position) => LastAtOrBefore(sentenceStarts, position);

    /// <summary>
    /// <see cref="WordAt"/> for positions visited in increasing order: <paramref name="cursor"/>
    /// remembers where the last answer was, so a sweep over sorted hits is linear.
    /// </summary>
    public int WordAt(int position, ref int cursor) => Advance(wordStarts, position, ref cursor);

    public int SentenceAt(int position, ref int cursor) => Advance(sentenceStarts, position, ref cursor);

    private static bool EndsSentence(ReadOnlySpan<char> chars, int i)
    {
        var next = i + 1;
        while (next < chars.Length && chars[next] is '"' or '\'' or ')' or ']')
        {
            next++;
        }

        if (next < chars.Length && chars[next] is not (' ' or '\n'))
        {
            return false;
        }

        if (chars[i] != '.')
        {
            return true;
        }

        var tokenStart = chars[..i].LastIndexOfAny(' ', '\n') + 1;
        var word = chars[tokenStart..i].TrimStart("\"'([");
        return word.Length == 0 || !AbbreviationLookup.Contains(word);
    }

    private static int Advance(List<int> list, int position, ref int cursor)
    {
        var starts = CollectionsMarshal.AsSpan(list);
        if (cursor >= starts.Length || (cursor > 0 && starts[cursor] > position))
        {
            cursor = LastAtOrBefore(list, position);
        }

        while (cursor + 1 < starts.Length && starts[cursor + 1] <= position)
        {
            cursor++;
        }

        return cursor;
    }

    private static int LastAtOrBefore(List<int> starts, int position)
    {
        var index = starts.BinarySearch(position);
        return index >= 0 ? index : Math.Max(0, ~index - 1);
    }

    private void StartSentence(int position)
    {
        if (sentenceStarts[^1] < position)
        {
            sentenceStarts.Add(position);
        }
    }
}
