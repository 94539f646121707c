namespace NkWatch.Core.Classification.Matching;

/// <summary>The writing system a character belongs to, as far as word boundaries care.</summary>
internal enum Script : byte
{
    /// <summary>Spaces, punctuation, symbols: never part of a word.</summary>
    None,

    /// <summary>Latin letters and digits (and other alphabets written with spaces between words).</summary>
    Latin,

    /// <summary>Hangul: particles attach to nouns, so a Korean term may sit inside a longer word.</summary>
    Hangul,

    /// <summary>Han characters (北, 南北 in Korean headlines): a term must not run into another one.</summary>
    Han,
}

internal static class CharClass
{
    public static Script ScriptOf(char c)
    {
        if (c < 0x80)
        {
            return char.IsAsciiLetterOrDigit(c) ? Script.Latin : Script.None;
        }

        if (c is >= '\uAC00' and <= '\uD7A3' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F' or >= '\uA960' and <= '\uA97F' or >= '\uD7B0' and <= '\uD7FF')
        {
            return Script.Hangul;
        }

        if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF')
        {
            return Script.Han;
        }

        return char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            ? Script.Latin
            : Script.None;
    }

    public static bool IsWordChar(char c) => ScriptOf(c) != Script.None;

    /// <summary>
    /// Whether a term of <paramref name="termScript"/> may end (or begin) next to <paramref name="neighbour"/>:
    /// Latin and Han terms must not run into a letter of their own script; Hangul terms may, since
    /// particles (의, 은, 이, 들) attach to them.
    /// </summary>
    public static bool IsBoundary(Script termScript, char neighbour) => termScript switch
    {
        Script.Latin => ScriptOf(neighbour) != Script.Latin,
        Script.Han => ScriptOf(neighbour) != Script.Han,
        _ => true,
    };
}
