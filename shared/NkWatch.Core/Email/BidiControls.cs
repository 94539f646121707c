namespace NkWatch.Core.Email;

/// <summary>
/// Bidirectional formatting characters (the Arabic letter mark, LRM/RLM, the embeddings,
/// overrides and isolates). In an address or a subject line they make text read otherwise than
/// it is ("gro.elpmaxe@..." shown as a familiar name), so NkWatch removes them from both.
/// </summary>
public static class BidiControls
{
    public static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    public static string Remove(string text) => text.AsSpan().ContainsAny(Controls) ? string.Concat(text.Where(c => !IsBidiControl(c))) : text;

    private static readonly System.Buffers.SearchValues<char> Controls = System.Buffers.SearchValues.Create("\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");
}
