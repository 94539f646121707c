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

    /// <summary>Han characters (北 in Korean headlines, 北朝鮮 in Japanese): a one-character term must not run into another one.</summary>
    Han,

    /// <summary>Hiragana and katakana: Japanese is written without spaces, so terms sit inside longer runs.</summary>
    Kana,
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

        if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF' or '\u3005')
        {
            return Script.Han;
        }

        if (c is >= '\u3041' and <= '\u309F' or >= '\u30A0' and <= '\u30FF' or >= '\u31F0' and <= '\u31FF' or >= '\uFF66' and <= '\uFF9F')
        {
            return Script.Kana;
        }

        return char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            ? Script.Latin
            : Script.None;
    }

    public static bool IsWordChar(char c) => ScriptOf(c) != Script.None;

    /// <summary>
    /// The script whose word boundary an edge of a pattern must respect: its edge character's,
    /// except that a Han term of two characters or more (北朝鮮, 拉致, 人権) may sit inside a longer
    /// run, as Japanese compounds (北朝鮮人権法, 拉致問題) and unspaced text need; a lone 北 may not (北京).
    /// </summary>
    public static Script EdgeScript(string pattern, char edge)
    {
        var script = ScriptOf(edge);
        return script == Script.Han && pattern.Length > 1 ? Script.Kana : script;
    }

    /// <summary>
    /// Whether a term of <paramref name="termScript"/> may end (or begin) next to <paramref name="neighbour"/>:
    /// Latin and one-character Han terms must not run into a letter of their own script; Hangul and
    /// Japanese terms may, since particles (의, 은, 이, 들; の, は, が) attach to them.
    /// </summary>
    public static bool IsBoundary(Script termScript, char neighbour) => termScript switch
    {
        Script.Latin => ScriptOf(neighbour) != Script.Latin,
        Script.Han => ScriptOf(neighbour) != Script.Han,
        _ => true,
    };
}
