namespace NkWatch.Core.Classification.Matching;

/// <summary>
/// A field's text as the matcher reads it (folded case, one kind of quote, hyphens as spaces, ...),
/// with, for every character, where in the original text it came from, so that a match found here
/// is reported at the right offsets of the text the user gave. Most characters come from exactly
/// one original character; the few that do not (a letter and its combining mark, initials whose
/// dots were dropped) keep their original end in a short list. While folding, it also notes where
/// words start and where a sentence may end, for the proximity rules.
/// </summary>
internal sealed class NormalizedText
{
    private readonly List<(int Index, int End)> wideEnds = [];
    private char[] chars = new char[512];
    private int[] starts = new int[512];
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
    public int OriginalEnd(int index)
    {
        for (var i = wideEnds.Count - 1; i >= 0 && wideEnds[i].Index >= index; i--)
        {
            if (wideEnds[i].Index == index)
            {
                return wideEnds[i].End;
            }
        }

        return starts[index] + 1;
    }

    public override string ToString() => new(Chars);

    internal char Last => Length == 0 ? '\0' : chars[Length - 1];

    /// <summary>The buffers, for the folding loop that writes ASCII without a call per character.</summary>
    internal char[] CharBuffer => chars;

    internal int[] StartBuffer => starts;

    /// <summary>The next character begins a word (the last one was a space, or there is none yet).</summary>
    internal bool AtWordStart
    {
        get => atWordStart;
        set => atWordStart = value;
    }

    /// <summary>Sets the length after the folding loop wrote characters into the buffers directly.</summary>
    internal void SetLength(int length) => Length = length;

    /// <summary>Records that the folding loop wrote a character at or above <see cref="AhoCorasickAutomaton.NarrowLimit"/>.</summary>
    internal void NoteWide(bool wide) => HasWideChars |= wide;

    /// <summary>Makes room for at least one more character.</summary>
    internal void GrowForOneMore() => Grow(Length + 1);

    internal char BeforeLast => Length < 2 ? '\0' : chars[Length - 2];

    internal void Clear(int expectedLength)
    {
        Length = 0;
        HasWideChars = false;
        atWordStart = true;
        WordStarts.Clear();
        SentenceBreaks.Clear();
        wideEnds.Clear();
        if (chars.Length < expectedLength)
        {
            Grow(expectedLength);
        }
    }

    /// <summary>
    /// The fast path for one ASCII character of a word, from the original character at
    /// <paramref name="original"/>: one character and one offset written, nothing called.
    /// </summary>
    internal void AppendAscii(char c, int original)
    {
        var at = Length;
        if ((uint)at >= (uint)chars.Length || (uint)at >= (uint)starts.Length)
        {
            Grow(at + 1);
        }

        if (atWordStart)
        {
            WordStarts.Add(at);
            atWordStart = false;
        }

        chars[at] = c;
        starts[at] = original;
        Length = at + 1;
    }

    /// <summary>Appends one character of a word (not a space) that came from the original text [start, end).</summary>
    internal void Append(char c, int originalStart, int originalEnd)
    {
        AppendAscii(c, originalStart);
        if (originalEnd != originalStart + 1)
        {
            wideEnds.Add((Length - 1, originalEnd));
        }
    }

    /// <summary>Appends a non-ASCII character of a word, noting whether the narrow scanning table can still be used.</summary>
    internal void AppendNonAscii(char c, int originalStart, int originalEnd)
    {
        HasWideChars |= c >= AhoCorasickAutomaton.NarrowLimit;
        Append(c, originalStart, originalEnd);
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

        if (lineBreak)
        {
            SentenceBreaks.Add(Length);
        }

        AppendAscii(lineBreak ? '\n' : ' ', originalStart);
        atWordStart = true;
    }

    /// <summary>Appends '.', '!' or '?', noting that a sentence may end here.</summary>
    internal void AppendSentencePunctuation(char c, int originalStart)
    {
        SentenceBreaks.Add(Length);
        AppendAscii(c, originalStart);
    }

    /// <summary>Replaces the last character (a base character composed with the mark that followed it).</summary>
    internal void ReplaceLast(char c)
    {
        HasWideChars |= c >= AhoCorasickAutomaton.NarrowLimit;
        chars[Length - 1] = c;
    }

    /// <summary>Lets the last character also cover original text that was dropped after it.</summary>
    internal void ExtendLast(int originalEnd)
    {
        var index = Length - 1;
        if (wideEnds.Count > 0 && wideEnds[^1].Index == index)
        {
            wideEnds[^1] = (index, originalEnd);
        }
        else
        {
            wideEnds.Add((index, originalEnd));
        }
    }

    private void Grow(int needed)
    {
        var size = Math.Max(needed, chars.Length * 2);
        Array.Resize(ref chars, size);
        Array.Resize(ref starts, size);
    }
}
