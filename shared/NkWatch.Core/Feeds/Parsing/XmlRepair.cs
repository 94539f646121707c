using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace NkWatch.Core.Feeds;

/// <summary>
/// The repairs that recover most broken feeds met in the wild without guessing at structure:
/// characters XML forbids are dropped, HTML entities XML does not know (<c>&amp;nbsp;</c>,
/// <c>&amp;eacute;</c>) become character references, <c>&amp;#X41;</c> becomes <c>&amp;#x41;</c>,
/// a bare <c>&amp;</c> becomes <c>&amp;amp;</c>, an XML declaration that is not at the start
/// (after a comment, say) is dropped, and in start tags an unquoted attribute value is quoted
/// (<c>isPermaLink=false</c>) and a repeated attribute is dropped (the first wins, as in HTML). A
/// tag whose attributes cannot be read for certain (a name without a value, a quote left open)
/// is left as it is. CDATA sections are left as they are. Returns the same instance when there
/// was nothing to repair.
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
        text = StartTagPattern().Replace(text, FixAttributes);
        builder.Append(ReferencePattern().Replace(text, FixReference));
    }

    /// <summary>A start tag with its attributes quoted and de-duplicated, or as it was when they cannot be read for certain.</summary>
    private static string FixAttributes(Match tag)
    {
        var attributes = tag.Groups["attributes"].Value;
        var rebuilt = new StringBuilder(attributes.Length + 8);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var lastUnquoted = false;
        var position = 0;
        while (position < attributes.Length)
        {
            var spaceStart = position;
            while (position < attributes.Length && char.IsWhiteSpace(attributes[position]))
            {
                position++;
            }

            if (position == attributes.Length)
            {
                rebuilt.Append(attributes, spaceStart, position - spaceStart);
                break;
            }

            var nameStart = position;
            while (position < attributes.Length && !char.IsWhiteSpace(attributes[position]) && attributes[position] is not ('=' or '"' or '\'' or '/'))
            {
                position++;
            }

            var name = attributes[nameStart..position];
            while (position < attributes.Length && char.IsWhiteSpace(attributes[position]))
            {
                position++;
            }

            if (name.Length == 0 || position == attributes.Length || attributes[position] != '=')
            {
                return tag.Value;
            }

            position++;
            while (position < attributes.Length && char.IsWhiteSpace(attributes[position]))
            {
                position++;
            }

            string value;
            if (position < attributes.Length && attributes[position] is '"' or '\'')
            {
                var close = attributes.IndexOf(attributes[position], position + 1);
                if (close < 0)
                {
                    return tag.Value;
                }

                value = attributes[position..(close + 1)];
                position = close + 1;
                lastUnquoted = false;
            }
            else
            {
                var valueStart = position;
                while (position < attributes.Length && !char.IsWhiteSpace(attributes[position]))
                {
                    if (attributes[position] is '"' or '\'')
                    {
                        return tag.Value;
                    }

                    position++;
                }

                if (position == valueStart)
                {
                    return tag.Value;
                }

                value = "\"" + attributes[valueStart..position] + "\"";
                lastUnquoted = position == attributes.Length;
            }

            if (names.Add(name))
            {
                rebuilt.Append(attributes, spaceStart, nameStart - spaceStart).Append(name).Append('=').Append(value);
            }
        }

        // <a href=x/> may end in "x/" or close the element: that one is not guessed.
        if (lastUnquoted && tag.Groups["end"].Value == "/>")
        {
            return tag.Value;
        }

        var repaired = rebuilt.ToString();
        return repaired == attributes ? tag.Value : string.Concat("<", tag.Groups["name"].Value, repaired, tag.Groups["end"].Value);
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

    // A start tag and its attributes, up to the first '>' (a '>' inside a quoted value cuts it short,
    // which leaves an open quote, and the tag is then kept as it was).
    [GeneratedRegex(@"<(?<name>[A-Za-z_][\w:.\-]*)(?<attributes>\s[^<>]*?)?(?<end>/?>)")]
    private static partial Regex StartTagPattern();

    [GeneratedRegex(@"<!\[CDATA\[.*?\]\]>", RegexOptions.Singleline)]
    private static partial Regex CdataPattern();

    [GeneratedRegex(@"&(?:(?<name>#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});)?")]
    private static partial Regex ReferencePattern();
}
