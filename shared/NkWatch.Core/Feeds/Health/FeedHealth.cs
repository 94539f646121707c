namespace NkWatch.Core.Feeds;

/// <summary>How a feed is doing, as the operator sees it (<c>nkwatch feeds status</c>, the health endpoint).</summary>
public enum FeedCondition
{
    /// <summary>Not polled yet.</summary>
    New,

    /// <summary>Polled successfully, publishing at its usual pace.</summary>
    Ok,

    /// <summary>Polled successfully, but silent for much longer than its own rate leads to expect.</summary>
    Stale,

    /// <summary>The last poll failed; it is retried with backoff.</summary>
    Failing,

    /// <summary>Not polled: a setting it needs is missing (ReliefWeb's appname).</summary>
    Skipped,
}

public static class FeedConditions
{
    /// <summary>The condition's shown name: "new", "ok", "stale", "failing", "skipped".</summary>
    public static string Name(this FeedCondition condition) => EnumNames.Of(condition);
}

/// <summary>One feed's health: the figures behind <see cref="Condition"/> and a one-line reason for it.</summary>
public sealed record FeedHealth(
    string FeedId,
    string Name,
    FeedCondition Condition,
    string Reason,
    DateTimeOffset? LastSuccessAt,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    int ConsecutiveFailures,
    double ItemsPerDay,
    DateTimeOffset? NewestItemAt,
    DateTimeOffset? NextPollAt,
    string? MovedTo)
{
    /// <summary>Silence is judged against the feed's own rate: this many expected gaps, and never less than <see cref="MinStaleAfter"/>.</summary>
    public const int StaleAfterGaps = 4;

    public static readonly TimeSpan MinStaleAfter = TimeSpan.FromDays(2);

    /// <summary>For feeds whose rate is unknown (no dates, nothing new yet).</summary>
    public static readonly TimeSpan UnknownRateStaleAfter = TimeSpan.FromDays(14);

    public static FeedHealth Assess(FeedSource feed, FeedState? state, DateTimeOffset now, string? notPolled = null)
    {
        if (notPolled is not null)
        {
            return Build(feed, state ?? FeedState.New(feed.Id), FeedCondition.Skipped, notPolled);
        }

        if (state is null || state.LastPolledAt is null)
        {
            return Build(feed, state ?? FeedState.New(feed.Id), FeedCondition.New, "not polled yet");
        }

        if (state.ConsecutiveFailures > 0)
        {
            return Build(feed, state, FeedCondition.Failing, $"{state.ConsecutiveFailures} failed poll(s) in a row: {state.LastError}");
        }

        var staleAfter = StaleAfter(state.ItemsPerDay);
        var newest = state.NewestItemAt;
        if (newest is null)
        {
            var since = now - (state.LastSuccessAt ?? now);
            return since > staleAfter
                ? Build(feed, state, FeedCondition.Stale, "no dated item seen")
                : Build(feed, state, FeedCondition.Ok, "polled; no dated item yet");
        }

        var silence = now - newest.Value;
        return silence > staleAfter
            ? Build(feed, state, FeedCondition.Stale, $"nothing new for {Describe(silence)} (expected within {Describe(staleAfter)})")
            : Build(feed, state, FeedCondition.Ok, $"newest item {Describe(silence)} ago");
    }

    public static TimeSpan StaleAfter(double itemsPerDay)
    {
        if (itemsPerDay <= 0)
        {
            return UnknownRateStaleAfter;
        }

        var gaps = TimeSpan.FromDays(StaleAfterGaps / itemsPerDay);
        return gaps < MinStaleAfter ? MinStaleAfter : gaps > TimeSpan.FromDays(365) ? TimeSpan.FromDays(365) : gaps;
    }

    private static FeedHealth Build(FeedSource feed, FeedState state, FeedCondition condition, string reason) => new(
        feed.Id,
        feed.Name,
        condition,
        reason,
        state.LastSuccessAt,
        state.LastError,
        state.LastErrorAt,
        state.ConsecutiveFailures,
        state.ItemsPerDay,
        state.NewestItemAt,
        state.NextPollAt,
        state.MovedTo);

    private static string Describe(TimeSpan span) => span.TotalDays >= 2
        ? $"{span.TotalDays:0} days"
        : span.TotalHours >= 2 ? $"{span.TotalHours:0} hours" : $"{Math.Max(span.TotalMinutes, 0):0} minutes";
}
