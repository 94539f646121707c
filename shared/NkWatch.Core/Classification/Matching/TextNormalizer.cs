using System.Globalization;
using System.Text;

namespace NkWatch.Core.Classification.Matching;

/// <summary>
/// Folds text the way the rules are matched: Unicode NFKC (full-width letters, ligatures,
/// decomposed Hangul), lower case, one apostrophe for all the curly quotes, hyphens and dashes as
/// spaces, runs of spaces as one, zero-width characters and soft hyphens dropped, and dotted
/// initials joined (U.N. reads as "un", D.P.R.K. as "dprk", N. Korea as "n korea").
/// Terms are folded the same way when the rules are compiled, so both sides agree.
/// </summary>
internal static class TextNormalizer
{
    private const byte Keep = 0;
    private const byte Lower = 1;
    private const byte Blank = 2;
    private const byte LineBreak = 3;
    private const byte Dot = 4;
    private const byte Apostrophe = 5;
    private const byte Drop = 6;
    private const byte Other = 7;
    private const byte SentenceEnd = 8;

    private static readonly byte[] AsciiActions = BuildAsciiActions();

    /// <summary>
    /// For each non-ASCII character that NFKC leaves alone and that needs no mapping of its own
    /// (Hangul syllables, Han, accented Latin letters), its lower case; 0 for the others, which take
    /// the slow path. Built once; it keeps Korean and accented text off the normalisation API.
    /// </summary>
    private static readonly bool[] Combining = BuildCombining();

    private static readonly char[] StableLower = BuildStableLower();

    /// <summary>Folds a term or a short text for comparison (no offsets kept).</summary>
    public static string Fold(string text)
    {
        var buffer = new NormalizedText();
        Normalize(text, buffer);
        return buffer.ToString().Trim();
    }

    public static void Normalize(ReadOnlySpan<char> text, NormalizedText into)
    {
        into.Clear(text.Length + 16);
        var inInitials = false;

        // The common cases (ASCII letters, digits, punctuation and single spaces; Hangul, Han and
        // accented letters NFKC leaves alone) are written straight into the buffers with the state
        // in locals; everything else goes through NormalizedText.
        var chars = into.CharBuffer;
        var starts = into.StartBuffer;
        var words = into.WordStarts;
        var length = 0;
        var atWordStart = true;
        var wide = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                var action = AsciiActions[c];
                if (action <= Lower && length < chars.Length && length < starts.Length)
                {
                    if (atWordStart)
                    {
                        words.Add(length);
                        atWordStart = false;
                    }

                    chars[length] = (char)(c | (action << 5));
                    starts[length] = i;
                    length++;
                    continue;
                }

                if (action == Blank && length > 0 && chars[length - 1] is not (' ' or '\n') && length < chars.Length && length < starts.Length)
                {
                    chars[length] = ' ';
                    starts[length] = i;
                    length++;
                    atWordStart = true;
                    continue;
                }

                into.SetLength(length);
                into.AtWordStart = atWordStart;
                if (action == Dot)
                {
                    inInitials = AppendDot(text, i, into, inInitials);
                }
                else
                {
                    var mapped = action switch
                    {
                        Lower => (char)(c | 0x20),
                        Apostrophe => '\'',
                        _ => c,
                    };
                    AppendMapped(into, action, mapped, i, i + 1);
                }
            }
            else
            {
                var stable = StableLower[c];
                if (stable != 0 && (i + 1 == text.Length || !IsCombining(text[i + 1])) && length < chars.Length && length < starts.Length)
                {
                    if (atWordStart)
                    {
                        words.Add(length);
                        atWordStart = false;
                    }

                    wide |= stable >= AhoCorasickAutomaton.NarrowLimit;
                    chars[length] = stable;
                    starts[length] = i;
                    length++;
                    continue;
                }

                into.SetLength(length);
                into.AtWordStart = atWordStart;
                i = AppendNonAscii(text, i, into);
            }

            length = into.Length;
            atWordStart = into.AtWordStart;
            chars = into.CharBuffer;
            starts = into.StartBuffer;
        }

        into.SetLength(length);
        into.AtWordStart = atWordStart;
        into.NoteWide(wide);
    }

    /// <summary>Folds the non-ASCII character at <paramref name="i"/> (with what combines with it); returns the last index used.</summary>
    private static int AppendNonAscii(ReadOnlySpan<char> text, int i, NormalizedText into)
    {
        var c = text[i];
        var action = NonAsciiAction(c, out var mapped);
        if (action != Other)
        {
            AppendMapped(into, action, mapped, i, i + 1);
            return i;
        }

        if (IsCombining(c) && into.Length > 0 && ComposeWithLast(into, c, i))
        {
            return i;
        }

        var end = UnitEnd(text, i);
        AppendUnit(text[i..end], i, end, into);
        return end - 1;
    }

    /// <summary>
    /// A dot after a one-letter word: between initials (U.N., D.P.R.K.) it is dropped; after a single
    /// initial (N. Korea, N.Korea) it reads as a space. Any other dot is kept (sentence ends).
    /// </summary>
    private static bool AppendDot(ReadOnlySpan<char> text, int i, NormalizedText into, bool inInitials)
    {
        var nextIsInitial = i + 2 < text.Length && char.IsAsciiLetter(text[i + 1]) && text[i + 2] == '.';
        var afterOneLetter = into.Length > 0 && char.IsAsciiLetterLower(into.Last) && !CharClass.IsWordChar(into.BeforeLast);
        if (inInitials || (afterOneLetter && nextIsInitial))
        {
            into.ExtendLast(i + 1);
            return nextIsInitial;
        }

        if (afterOneLetter)
        {
            into.AppendSpace(i, lineBreak: false);
            return false;
        }

        into.AppendSentencePunctuation('.', i);
        return false;
    }

    private static void AppendMapped(NormalizedText into, byte action, char mapped, int start, int end)
    {
        switch (action)
        {
            case SentenceEnd:
                into.AppendSentencePunctuation(mapped, start);
                break;
            case Blank:
                into.AppendSpace(start, lineBreak: false);
                break;
            case LineBreak:
                into.AppendSpace(start, lineBreak: true);
                break;
            case Drop:
                break;
            default:
                into.Append(mapped, start, end);
                break;
        }
    }

    /// <summary>A character and the combining marks (or conjoining Hangul vowels and finals) that follow it.</summary>
    private static int UnitEnd(ReadOnlySpan<char> text, int i)
    {
        var end = i + 1;
        if (char.IsHighSurrogate(text[i]) && end < text.Length && char.IsLowSurrogate(text[end]))
        {
            end++;
        }

        while (end < text.Length && IsCombining(text[end]))
        {
            end++;
        }

        return end;
    }

    private static bool IsCombining(char c) => c >= '\u0300' && (c < '\uAC00' || c > '\uD7A3') && Combining[c];

    private static bool[] BuildCombining()
    {
        var table = new bool[char.MaxValue + 1];
        for (var c = 0x300; c <= char.MaxValue; c++)
        {
            table[c] = c is >= 0x1160 and <= 0x11FF or >= 0xD7B0 and <= 0xD7FF
                || CharUnicodeInfo.GetUnicodeCategory((char)c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
        }

        return table;
    }

    private static char[] BuildStableLower()
    {
        var table = new char[char.MaxValue + 1];
        Span<char> one = stackalloc char[1];
        Span<char> buffer = stackalloc char[32];
        for (var c = 0x80; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            if (char.IsSurrogate(ch) || IsCombining(ch) || NonAsciiAction(ch, out _) != Other
                || CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }

            one[0] = ch;
            if (Fold(one, buffer) is var folded && folded.Length == 1 && folded[0] == ch)
            {
                table[c] = char.ToLowerInvariant(ch);
            }
        }

        return table;
    }

    private static void AppendUnit(ReadOnlySpan<char> unit, int start, int end, NormalizedText into)
    {
        Span<char> buffer = stackalloc char[64];
        var folded = Fold(unit, buffer);
        foreach (var c in folded)
        {
            if (c < 0x80)
            {
                var action = AsciiActions[c];
                AppendMapped(into, action == Dot ? Keep : action, action == Lower ? (char)(c | 0x20) : c, start, end);
                continue;
            }

            var nonAscii = NonAsciiAction(c, out var mapped);
            if (nonAscii == Other)
            {
                into.AppendNonAscii(char.ToLowerInvariant(c), start, end);
                continue;
            }

            AppendMapped(into, nonAscii, mapped, start, end);
        }
    }

    /// <summary>
    /// A combining mark after a character that took the fast path (an ASCII "e" before U+0301):
    /// composes it with that character when NFKC makes one character of the two.
    /// </summary>
    private static bool ComposeWithLast(NormalizedText into, char mark, int i)
    {
        Span<char> pair = [into.Last, mark];
        Span<char> buffer = stackalloc char[8];
        var composed = Fold(pair, buffer);
        if (composed.Length != 1)
        {
            return false;
        }

        into.ReplaceLast(char.ToLowerInvariant(composed[0]));
        into.ExtendLast(i + 1);
        return true;
    }

    /// <summary>NFKC of one unit; text that is not valid Unicode (a lone surrogate, an unassigned code point) is kept as it is.</summary>
    private static ReadOnlySpan<char> Fold(ReadOnlySpan<char> unit, Span<char> buffer)
    {
        try
        {
            if (unit.IsNormalized(NormalizationForm.FormKC))
            {
                return unit;
            }

            return unit.TryNormalize(buffer, out var written, NormalizationForm.FormKC)
                ? buffer[..written]
                : unit.ToString().Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return unit;
        }
    }

    private static byte NonAsciiAction(char c, out char mapped)
    {
        mapped = c;
        switch (c)
        {
            case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u02BC' or '\uFF07':
                mapped = '\'';
                return Keep;
            case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' or '\uFF02':
                mapped = '"';
                return Keep;
            case >= '\u2010' and <= '\u2015' or '\u2212' or '\uFE58' or '\uFE63' or '\uFF0D' or '\u00B7' or '\u2027' or '\u30FB':
                return Blank;
            case '\u00A0' or >= '\u2000' and <= '\u200A' or '\u202F' or '\u205F' or '\u3000':
                return Blank;
            case '\u2028' or '\u2029' or '\u0085':
                return LineBreak;
            case '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF':
                return Drop;
            case '\u2026':
                mapped = '.';
                return SentenceEnd;

            // Japanese ends a sentence with 。！？ and no space after: they end it where they stand; 、 parts words.
            case '\u3002' or '\uFF61' or '\uFF01' or '\uFF1F':
                return LineBreak;
            case '\u3001' or '\uFF64':
                return Blank;
            default:
                return Other;
        }
    }

    private static byte[] BuildAsciiActions()
    {
        var actions = new byte[128];
        for (var c = 0; c < 128; c++)
        {
            actions[c] = c switch
            {
                >= 'A' and <= 'Z' => Lower,
                ' ' or '\t' or '\r' or '\f' or '\v' or '-' or '_' => Blank,
                '\n' => LineBreak,
                '.' => Dot,
                '!' or '?' => SentenceEnd,
                '`' => Apostrophe,
                < ' ' or '\x7F' => Drop,
                _ => Keep,
            };
        }

        return actions;
    }
}
