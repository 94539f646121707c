using System.Globalization;
using System.Text.RegularExpressions;

namespace NkWatch.Core.Feeds;

/// <summary>
/// Parses feed dates culture-invariantly: RFC 822 with numeric offsets or named zones (KST, EST, CEST...)
/// and ISO 8601. A date with no zone is taken as UTC, never as the host's local time.
/// </summary>
public static partial class FeedDateParser
{
    private static readonly Dictionary<string, TimeSpan> ZoneOffsets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = TimeSpan.Zero, ["UTC"] = TimeSpan.Zero, ["GMT"] = TimeSpan.Zero, ["Z"] = TimeSpan.Zero,
        ["EST"] = TimeSpan.FromHours(-5), ["EDT"] = TimeSpan.FromHours(-4),
        ["CST"] = TimeSpan.FromHours(-6), ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7), ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8), ["PDT"] = TimeSpan.FromHours(-7),
        ["KST"] = TimeSpan.FromHours(9), ["JST"] = TimeSpan.FromHours(9),
        ["HKT"] = TimeSpan.FromHours(8), ["SGT"] = TimeSpan.FromHours(8),
        ["BST"] = TimeSpan.FromHours(1), ["IST"] = new TimeSpan(5, 30, 0),
        ["CET"] = TimeSpan.FromHours(1), ["CEST"] = TimeSpan.FromHours(2),
        ["EET"] = TimeSpan.FromHours(2), ["EEST"] = TimeSpan.FromHours(3),
        ["WET"] = TimeSpan.Zero, ["WEST"] = TimeSpan.FromHours(1),
        ["MSK"] = TimeSpan.FromHours(3), ["AEST"] = TimeSpan.FromHours(10), ["AEDT"] = TimeSpan.FromHours(11),
    };

    private static readonly string[] Rfc822Formats =
    [
        "d MMM yyyy H:m:s", "d MMM yyyy H:m", "d MMM yy H:m:s", "d MMM yy H:m",
        "d MMMM yyyy H:m:s", "d MMMM yyyy H:m", "d MMM yyyy",
    ];

    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (char.IsDigit(text[0]) && text.Length >= 10 && text[4] == '-')
        {
            return ParseIso(text);
        }

        return ParseRfc822(text) ?? ParseIso(text);
    }

    private static DateTimeOffset? ParseIso(string text)
    {
        const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out var value) ? value : null;
    }

    private static DateTimeOffset? ParseRfc822(string text)
    {
        var match = Rfc822Pattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var body = match.Groups["body"].Value.Replace(",", " ", StringComparison.Ordinal);
        body = WhitespacePattern().Replace(body, " ").Trim();
        if (!DateTime.TryParseExact(body, Rfc822Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            return null;
        }

        var offset = ZoneOffset(match.Groups["zone"].Value);
        return offset is null ? null : new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset.Value);
    }

    private static TimeSpan? ZoneOffset(string zone)
    {
        if (zone.Length == 0)
        {
            return TimeSpan.Zero;
        }

        if (zone[0] is '+' or '-')
        {
            var digits = zone[1..].Replace(":", string.Empty, StringComparison.Ordinal);
            if (digits.Length != 4 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm))
            {
                return null;
            }

            var span = new TimeSpan(hhmm / 100, hhmm % 100, 0);
            return zone[0] == '-' ? -span : span;
        }

        return ZoneOffsets.TryGetValue(zone, out var named) ? named : TimeSpan.Zero;
    }

    // Optional weekday, then the date and time, then an optional zone (numeric or named).
    [GeneratedRegex(@"^(?:[A-Za-z]{2,9},?\s*)?(?<body>\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*(?<zone>[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?\s*$")]
    private static partial Regex Rfc822Pattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}
