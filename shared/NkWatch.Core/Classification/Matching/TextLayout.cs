namespace NkWatch.Core.Classification.Matching;

/// <summary>
/// Words and sentences of a normalised field, for the proximity rules: a word is a run of
/// characters between spaces that holds a letter or digit; a sentence ends at a line break or at
/// '.', '!' or '?' before a space, except after a common abbreviation (Mr., Gen., Sept., No.).
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

    private readonly List<int> wordStarts = [];
    private readonly List<int> sentenceStarts = [];

    public int WordCount => wordStarts.Count;

    public void Build(NormalizedText text)
    {
        wordStarts.Clear();
        sentenceStarts.Clear();
        sentenceStarts.Add(0);
        var tokenStart = -1;
        var tokenCounted = false;
        var chars = text.Chars;
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c is ' ' or '\n')
            {
                tokenStart = -1;
                if (c == '\n')
                {
                    StartSentence(i + 1);
                }

                continue;
            }

            if (tokenStart < 0)
            {
                tokenStart = i;
                tokenCounted = false;
            }

            if (!tokenCounted && CharClass.IsWordChar(c))
            {
                wordStarts.Add(tokenStart);
                tokenCounted = true;
            }

            if (c is '.' or '!' or '?' && EndsSentence(chars, tokenStart, i))
            {
                StartSentence(i + 1);
            }
        }
    }

    /// <summary>The number of the word holding the character at <paramref name="position"/> (0 before the first word).</summary>
    public int WordAt(int position) => LastAtOrBefore(wordStarts, position);

    public int SentenceAt(int position) => LastAtOrBefore(sentenceStarts, position);

    private static bool EndsSentence(ReadOnlySpan<char> chars, int tokenStart, int i)
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

        var word = chars[tokenStart..i].TrimStart("\"'([");
        return word.Length == 0 || !AbbreviationLookup.Contains(word);
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
