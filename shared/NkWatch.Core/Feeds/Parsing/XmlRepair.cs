using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace NkWatch.Core.Feeds;

/// <summary>
/// The repairs that recover most broken feeds met in the wild without guessing at structure:
/// characters XML forbids are dropped, HTML entities XML does not know (<c>&amp;nbsp;</c>,
/// <c>&amp;eacute;</c>) become character references, <c>&amp;#X41;</c> becomes <c>&amp;#x41;</c>,
/// a bare <c>&amp;</c> becomes <c>&amp;amp;</c>, and an XML declaration that is not at the start
/// (after a comment, say) is dropped. CDATA sections are left as they are. Returns the same
/// instance when there was nothing to repair.
/// </summary>
internal static partial class XmlRepair
{
    public static string Repair(string original)
    {
        var text = original.Length > 5 ? original[..5] + MisplacedDeclaration().Replace(original[5..], string.Empty) : original;
        var builder = new StringBuilder(text.Length + 64);
        var position = 0;
        foreach (Match cdata in CdataPattern().Matches(text))
        {
            RepairSegment(text.AsSpan(position, cdata.Index - position), builder);
            builder.Append(StripInvalidCharacters(cdata.Value));
            position = cdata.Index + cdata.Length;
        }

        RepairSegment(text.AsSpan(position), builder);
        var repaired = builder.ToString();
        return repaired == original ? original : repaired;
    }

    private static void RepairSegment(ReadOnlySpan<char> segment, StringBuilder builder)
    {
        var text = StripInvalidCharacters(segment.ToString());
        builder.Append(ReferencePattern().Replace(text, FixReference));
    }

    private static string FixReference(Match match)
    {
        var name = match.Groups["name"];
        if (!name.Success)
        {
            return "&amp;";
        }

        var value = name.Value;
        if (value[0] == '#')
        {
            var isHex = value.Length > 1 && value[1] is 'x' or 'X';
            var digits = isHex ? value[2..] : value[1..];
            var valid = int.TryParse(digits, isHex ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture, out var code) && IsXmlCharacter(code);
            return !valid ? string.Empty : isHex ? "&#x" + digits + ";" : match.Value;
        }

        if (value is "amp" or "lt" or "gt" or "quot" or "apos")
        {
            return match.Value;
        }

        var decoded = WebUtility.HtmlDecode(match.Value);
        return decoded != match.Value && decoded.Length > 0
            ? string.Concat(decoded.EnumerateRunes().Select(r => $"&#{r.Value.ToString(CultureInfo.InvariantCulture)};"))
            : "&amp;" + value + ";";
    }

    private static string StripInvalidCharacters(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\u0008') && !text.AsSpan().ContainsAnyInRange('\u000B', '\u001F') && !text.AsSpan().ContainsAny('\uFFFE', '\uFFFF'))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (IsXmlCharacter(c) || char.IsSurrogate(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsXmlCharacter(int code) =>
        code is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    [GeneratedRegex(@"<\?xml\s[^>]*\?>")]
    private static partial Regex MisplacedDeclaration();

    [GeneratedRegex(@"<!\[CDATA\[.*?\]\]>", RegexOptions.Singleline)]
    private static partial Regex CdataPattern();

    [GeneratedRegex(@"&(?:(?<name>#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});)?")]
    private static partial Regex ReferencePattern();
}
