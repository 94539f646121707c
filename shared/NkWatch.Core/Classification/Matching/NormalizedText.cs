namespace NkWatch.Core.Classification.Matching;

/// <summary>
/// A field's text as the matcher reads it (folded case, one kind of quote, hyphens as spaces, ...),
/// with, for every character, the span of the original text it came from, so that a match found
/// here is reported at the right offsets of the text the user gave.
/// </summary>
internal sealed class NormalizedText
{
    private char[] chars = new char[256];
    private int[] starts = new int[256];
    private int[] ends = new int[256];

    public int Length { get; private set; }

    public ReadOnlySpan<char> Chars => chars.AsSpan(0, Length);

    public char this[int index] => chars[index];

    /// <summary>Where the character at <paramref name="index"/> starts in the original text.</summary>
    public int OriginalStart(int index) => starts[index];

    /// <summary>Where the character at <paramref name="index"/> ends (exclusive) in the original text.</summary>
    public int OriginalEnd(int index) => ends[index];

    public override string ToString() => new(Chars);

    internal void Clear(int expectedLength)
    {
        Length = 0;
        if (chars.Length < expectedLength)
        {
            var size = Math.Max(expectedLength, chars.Length * 2);
            chars = new char[size];
            starts = new int[size];
            ends = new int[size];
        }
    }

    internal void Append(char c, int originalStart, int originalEnd)
    {
        if (Length == chars.Length)
        {
            Array.Resize(ref chars, Length * 2);
            Array.Resize(ref starts, Length * 2);
            Array.Resize(ref ends, Length * 2);
        }

        chars[Length] = c;
        starts[Length] = originalStart;
        ends[Length] = originalEnd;
        Length++;
    }

    internal char Last => Length == 0 ? '\0' : chars[Length - 1];

    internal char BeforeLast => Length < 2 ? '\0' : chars[Length - 2];

    /// <summary>Replaces the last character (a run of spaces that turns out to hold a line break).</summary>
    internal void ReplaceLast(char c) => chars[Length - 1] = c;

    /// <summary>Lets the last character also cover original text that was dropped after it.</summary>
    internal void ExtendLast(int originalEnd) => ends[Length - 1] = originalEnd;
}
