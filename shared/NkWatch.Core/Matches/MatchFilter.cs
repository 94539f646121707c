using System.Globalization;

namespace NkWatch.Core.Matches;

/// <summary>
/// Which stored matches a listing wants: one topic, the feeds of one language, and only those
/// stored before a cursor (the next page). Empty parts select everything.
/// </summary>
public sealed record MatchFilter
{
    public static readonly MatchFilter All = new();

    /// <summary>A topic id of the rule file, or null for every topic.</summary>
    public string? Topic { get; init; }

    /// <summary>The feeds whose items are wanted (a language's feeds in the catalogue), or null for every feed.</summary>
    public IReadOnlySet<string>? FeedIds { get; init; }

    /// <summary>Only matches that come after this one in newest-first order.</summary>
    public MatchCursor? Before { get; init; }

    public bool Includes(StoredMatch match) =>
        Includes(match.FeedId, match.Topics) && (Before is not { } before || before.IsAfter(match));

    /// <summary>The topic and feed part of the filter, for what knows only a match's feed and topics (a search index row).</summary>
    public bool Includes(string feedId, IEnumerable<string> topics) =>
        (Topic is null || topics.Contains(Topic, StringComparer.Ordinal))
        && (FeedIds is null || FeedIds.Contains(feedId));
}

/// <summary>
/// A place in the newest-first order of matches (stored time, then item id, both descending),
/// written as <c>ticks-itemid</c> so it can travel in a URL.
/// </summary>
public readonly record struct MatchCursor(long StoredAtTicks, string ItemId)
{
    public static MatchCursor Of(StoredMatch match) => new(match.StoredAt.UtcTicks, match.ItemId);

    /// <summary>True when <paramref name="match"/> comes after this cursor, newest first.</summary>
    public bool IsAfter(StoredMatch match) =>
        match.StoredAt.UtcTicks < StoredAtTicks
        || (match.StoredAt.UtcTicks == StoredAtTicks && string.CompareOrdinal(match.ItemId, ItemId) < 0);

    public override string ToString() => StoredAtTicks.ToString(CultureInfo.InvariantCulture) + "-" + ItemId;

    /// <summary>Reads a cursor this type wrote; false for anything else (item ids are letters, digits, '-' and '_').</summary>
    public static bool TryParse(string? text, out MatchCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 100)
        {
            return false;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == text.Length - 1
            || !long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !text[(dash + 1)..].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        cursor = new MatchCursor(ticks, text[(dash + 1)..]);
        return true;
    }
}
