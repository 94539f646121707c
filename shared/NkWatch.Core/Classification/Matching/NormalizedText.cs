namespace NkWatch.Core.Classification.Matching;

/// <summary>
/// A field's text as the matcher reads it (folded case, one kind of quote, hyphens as spaces, ...),
/// with, for every character, the span of the original text it came from, so that a match found
/// here is reported at the right offsets of the text the user gave. While folding, it also notes
/// where words start and where a sentence may end, for the proximity rules.
/// </summary>
internal sealed class NormalizedText
{
    private char[] chars = new char[512];
    private int[] starts = new int[512];
    private int[] ends = new int[512];
    private bool atWordStart = true;

    public int Length { get; private set; }

    public ReadOnlySpan<char> Chars => chars.AsSpan(0, Length);

    public char this[int index] => chars[index];

    /// <summary>Whether any character is at or above <see cref="AhoCorasickAutomaton.NarrowLimit"/> (Hangul, Han, ...).</summary>
    public bool HasWideChars { get; private set; }

    /// <summary>Positions where a run of non-space characters begins.</summary>
    public List<int> WordStarts { get; } = [];

    /// <summary>Positions of '.', '!', '?' and line breaks: where a sentence may end.</summary>
    public List<int> SentenceBreaks { get; } = [];

    /// <summary>Where the character at <paramref name="index"/> starts in the original text.</summary>
    public int OriginalStart(int index) => starts[index];

    /// <summary>Where the character at <paramref name="index"/> ends (exclusive) in the original text.</summary>
    public int OriginalEnd(int index) => ends[index];

    public override string ToString() => new(Chars);

    internal char Last => Length == 0 ? '\0' : chars[Length - 1];

    internal char BeforeLast => Length < 2 ? '\0' : chars[Length - 2];

    internal void Clear(int expectedLength)
    {
        Length = 0;
        HasWideChars = false;
        atWordStart = true;
        WordStarts.Clear();
        SentenceBreaks.Clear();
        if (chars.Length < expectedLength)
        {
            Grow(expectedLength);
        }
    }

    /// <summary>Appends one character of a word (not a space).</summary>
    internal void Append(char c, int originalStart, int originalEnd)
    {
        var at = Length;
        if ((uint)at >= (uint)chars.Length)
        {
            Grow(at + 1);
        }

        if (atWordStart)
        {
            WordStarts.Add(at);
            atWordStart = false;
        }

        chars[at] = c;
        starts[at] = originalStart;
        ends[at] = originalEnd;
        Length = at + 1;
    }

    /// <summary>Appends a space or a line break; a run of them is kept as one (a line break if the run holds one).</summary>
    internal void AppendSpace(int originalStart, bool lineBreak)
    {
        if (Length == 0)
        {
            return;
        }

        var last = chars[Length - 1];
        if (last is ' ' or '\n')
        {
            if (lineBreak && last == ' ')
            {
                chars[Length - 1] = '\n';
                SentenceBreaks.Add(Length - 1);
            }

            return;
        }

        atWordStart = true;
        if (lineBreak)
        {
            SentenceBreaks.Add(Length);
        }

        var at = Length;
        if ((uint)at >= (uint)chars.Length)
        {
            Grow(at + 1);
        }

        chars[at] = lineBreak ? '\n' : ' ';
        starts[at] = originalStart;
        ends[at] = originalStart + 1;
        Length = at + 1;
    }

    /// <summary>Appends '.', '!' or '?', noting that a sentence may end here.</summary>
    internal void AppendSentencePunctuation(char c, int originalStart)
    {
        SentenceBreaks.Add(Length);
        Append(c, originalStart, originalStart + 1);
    }

    /// <summary>Appends a non-ASCII character of a word, noting whether the narrow scanning table can still be used.</summary>
    internal void AppendNonAscii(char c, int originalStart, int originalEnd)
    {
        HasWideChars |= c >= AhoCorasickAutomaton.NarrowLimit;
        Append(c, originalStart, originalEnd);
    }

    /// <summary>Replaces the last character (a base character composed with the mark that followed it).</summary>
    internal void ReplaceLast(char c)
    {
        HasWideChars |= c >= AhoCorasickAutomaton.NarrowLimit;
        chars[Length - 1] = c;
    }

    /// <summary>Lets the last character also cover original text that was dropped after it.</summary>
    internal void ExtendLast(int originalEnd) => ends[Length - 1] = originalEnd;

    private void Grow(int needed)
    {
        var size = Math.Max(needed, chars.Length * 2);
        Array.Resize(ref chars, size);
        Array.Resize(ref starts, size);
        Array.Resize(ref ends, size);
    }
}
