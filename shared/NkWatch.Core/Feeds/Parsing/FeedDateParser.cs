using System.Globalization;
using System.Text.RegularExpressions;

namespace NkWatch.Core.Feeds;

/// <summary>
/// Parses the dates feeds really carry, culture-invariantly: RFC 822 with numeric offsets or named
/// zones (KST, EST, CEST...), ISO 8601 / W3C-DTF (also partial, also with a space for the "T"),
/// asctime, and "Month d, yyyy". A date with no zone is taken as UTC, never as the host's local
/// time, so the result does not depend on the machine that parsed it.
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
        ["AKST"] = TimeSpan.FromHours(-9), ["AKDT"] = TimeSpan.FromHours(-8), ["HST"] = TimeSpan.FromHours(-10),
        ["KST"] = TimeSpan.FromHours(9), ["JST"] = TimeSpan.FromHours(9),
        ["HKT"] = TimeSpan.FromHours(8), ["SGT"] = TimeSpan.FromHours(8), ["AWST"] = TimeSpan.FromHours(8),
        ["BST"] = TimeSpan.FromHours(1), ["IST"] = new TimeSpan(5, 30, 0),
        ["CET"] = TimeSpan.FromHours(1), ["CEST"] = TimeSpan.FromHours(2), ["MET"] = TimeSpan.FromHours(1), ["MEST"] = TimeSpan.FromHours(2),
        ["EET"] = TimeSpan.FromHours(2), ["EEST"] = TimeSpan.FromHours(3),
        ["WET"] = TimeSpan.Zero, ["WEST"] = TimeSpan.FromHours(1),
        ["MSK"] = TimeSpan.FromHours(3), ["AEST"] = TimeSpan.FromHours(10), ["AEDT"] = TimeSpan.FromHours(11),
        ["NZST"] = TimeSpan.FromHours(12), ["NZDT"] = TimeSpan.FromHours(13),
    };

    private static readonly string[] MonthNames =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        var match = IsoPattern().Match(text);
        if (match.Success)
        {
            return Build(match, Group(match, "year"), Group(match, "month", 1), Group(match, "day", 1));
        }

        match = Rfc822Pattern().Match(text);
        if (match.Success || (match = AsctimePattern().Match(text)).Success || (match = MonthFirstPattern().Match(text)).Success)
        {
            var month = MonthNumber(match.Groups["monthName"].Value);
            return month is null ? null : Build(match, Year(match.Groups["year"].Value), month.Value, Group(match, "day"));
        }

        const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out var value) ? value : null;
    }

    private static DateTimeOffset? Build(Match match, int year, int month, int day)
    {
        var hour = Group(match, "hour");
        var minute = Group(match, "minute");
        var second = Group(match, "second");
        if (match.Groups["ampm"].Success && hour is >= 1 and <= 12)
        {
            hour = hour % 12 + (match.Groups["ampm"].Value.Equals("pm", StringComparison.OrdinalIgnoreCase) ? 12 : 0);
        }

        var offset = ZoneOffset(match.Groups["zone"].Value);
        if (offset is null || year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 24 || minute > 59 || second > 60)
        {
            return null;
        }

        // "24:00" and leap seconds are rolled forward rather than refused.
        var local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified)
            .AddHours(hour).AddMinutes(minute).AddSeconds(second).AddTicks(Fraction(match.Groups["fraction"].Value));
        return new DateTimeOffset(local, offset.Value);
    }

    private static int Group(Match match, string name, int absent = 0) =>
        match.Groups[name] is { Success: true, Length: > 0 } group ? int.Parse(group.ValueSpan, CultureInfo.InvariantCulture) : absent;

    private static long Fraction(string digits) =>
        digits.Length == 0 ? 0 : long.Parse(digits.PadRight(7, '0').AsSpan(0, 7), CultureInfo.InvariantCulture);

    private static int Year(string text)
    {
        var year = int.Parse(text, CultureInfo.InvariantCulture);
        return text.Length > 2 ? year : year + (year < 50 ? 2000 : 1900);
    }

    private static int? MonthNumber(string name)
    {
        if (name.Length < 3)
        {
            return null;
        }

        var index = Array.IndexOf(MonthNames, name[..3].ToLowerInvariant());
        return index < 0 ? null : index + 1;
    }

    private static TimeSpan? ZoneOffset(string zone)
    {
        if (zone.Length == 0)
        {
            return TimeSpan.Zero;
        }

        if (zone.StartsWith("GMT", StringComparison.OrdinalIgnoreCase) || zone.StartsWith("UTC", StringComparison.OrdinalIgnoreCase))
        {
            zone = zone.Length > 3 ? zone[3..] : "Z";
        }

        if (zone[0] is '+' or '-')
        {
            var digits = zone[1..].Replace(":", string.Empty, StringComparison.Ordinal);
            if (digits.Length is 1 or 2)
            {
                digits = digits.PadLeft(2, '0') + "00";
            }

            if (digits.Length != 4 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm) || hhmm % 100 > 59 || hhmm > 1400)
            {
                return null;
            }

            var span = new TimeSpan(hhmm / 100, hhmm % 100, 0);
            return zone[0] == '-' ? -span : span;
        }

        // RFC 822's single-letter military zones were defined with the wrong sign and are used
        // inconsistently; like most readers, take an unknown name as UTC rather than drop the date.
        return ZoneOffsets.TryGetValue(zone, out var named) ? named : TimeSpan.Zero;
    }

    private const string Time = @"(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:[.,](?<fraction>\d{1,9}))?)?";
    private const string Zone = @"(?<zone>Z|(?:GMT|UTC)?[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5})";

    [GeneratedRegex(@"^(?<year>\d{4})(?:-?(?<month>\d{2})(?:-?(?<day>\d{2}))?)?(?:[T\s]+" + Time + @")?\s*" + Zone + "?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoPattern();

    // Optional weekday, then "19 Nov 2026", an optional time and an optional zone.
    [GeneratedRegex(@"^(?:[A-Za-z]{2,9}\.?,?\s*)?(?<day>\d{1,2})[\s-]+(?<monthName>[A-Za-z]{3,9})\.?[\s-]+(?<year>\d{2}|\d{4}),?(?:\s+" + Time + @")?\s*" + Zone + @"?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc822Pattern();

    // asctime and Unix date(1): "Sun Jan  4 16:29:06 PST 2004".
    [GeneratedRegex(@"^[A-Za-z]{3},?\s+(?<monthName>[A-Za-z]{3})\s+(?<day>\d{1,2})\s+" + Time + @"\s+(?:" + Zone + @"\s+)?(?<year>\d{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex AsctimePattern();

    // "November 19, 2026 9:00 AM KST", "Nov 19 2026".
    [GeneratedRegex(@"^(?:[A-Za-z]{2,9},?\s+)?(?<monthName>[A-Za-z]{3,9})\.?\s+(?<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<year>\d{4})(?:,?\s+" + Time + @"\s*(?<ampm>[AaPp][Mm])?)?\s*" + Zone + @"?$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthFirstPattern();
}
