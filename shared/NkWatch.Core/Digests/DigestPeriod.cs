using System.Globalization;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Digests;

/// <summary>
/// A digest period: a local date ("daily-2026-11-28"), an ISO week ("weekly-2026-W48") or the
/// instant of the newest match an instant digest answers ("instant-" and its UTC time as digits).
/// Messages and records carry the name; periods of one frequency order by the time they stand for.
/// </summary>
public readonly record struct DigestPeriod
{
    private const string InstantFormat = "yyyyMMddHHmmssfffffff";

    private DigestPeriod(Frequency frequency, long order, string name) => (Frequency, Order, Name) = (frequency, order, name);

    public Frequency Frequency { get; }

    public string Name { get; }

    /// <summary>The position in time within the frequency: a day number, a week number, a time as digits padded to full precision.</summary>
    private long Order { get; }

    public static DigestPeriod Daily(DateOnly day) =>
        new(Frequency.Daily, day.DayNumber, "daily-" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public static DigestPeriod Weekly(int isoYear, int week) =>
        new(Frequency.Weekly, (isoYear * 100L) + week, string.Create(CultureInfo.InvariantCulture, $"weekly-{isoYear}-W{week:00}"));

    public static DigestPeriod Instant(DateTimeOffset newest)
    {
        var digits = newest.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);
        return new(Frequency.Instant, long.Parse(digits[..19], CultureInfo.InvariantCulture), "instant-" + digits);
    }

    /// <summary>Reads a period's name; false for a name of no known form (a hand-made message), which orders with nothing.</summary>
    public static bool TryParse(string? name, out DigestPeriod period)
    {
        period = default;
        if (name is null)
        {
            return false;
        }

        if (name.StartsWith("daily-", StringComparison.Ordinal)
            && DateOnly.TryParseExact(name["daily-".Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            period = Daily(day);
            return period.Name == name;
        }

        if (name.StartsWith("weekly-", StringComparison.Ordinal) && name.Length == "weekly-2026-W48".Length && name[11] == '-' && name[12] == 'W'
            && int.TryParse(name.AsSpan(7, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(name.AsSpan(13, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var week) && week is >= 1 and <= 53)
        {
            period = Weekly(year, week);
            return true;
        }

        // Instant names from an earlier release were shorter (to the minute): padded, they order with today's.
        var digits = name.StartsWith("instant-", StringComparison.Ordinal) ? name["instant-".Length..] : string.Empty;
        if (digits.Length is >= 12 and <= 21 && digits.All(char.IsAsciiDigit))
        {
            period = new(Frequency.Instant, long.Parse(digits.PadRight(21, '0')[..19], CultureInfo.InvariantCulture), name);
            return true;
        }

        return false;
    }

    /// <summary>True when <paramref name="other"/> is a later period of the same frequency.</summary>
    public bool IsBefore(DigestPeriod other) => Frequency == other.Frequency && Order < other.Order;

    public override string ToString() => Name;
}
