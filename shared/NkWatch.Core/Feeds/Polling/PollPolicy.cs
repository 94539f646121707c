namespace NkWatch.Core.Feeds;

/// <summary>
/// When to poll a feed next. After a success: about twice per expected new item, from the feed's
/// own publishing rate, bounded by <see cref="MinInterval"/> and <see cref="MaxInterval"/>, never
/// longer than the catalogue's <c>pollMinutes</c>, never sooner than the server's
/// Cache-Control max-age allows. After a failure: exponential backoff with jitter, capped at
/// <see cref="MaxInterval"/> (or a longer Retry-After, up to a day), so a broken feed is retried
/// for ever and recovers by itself on its first success.
/// </summary>
public sealed class PollPolicy(Random random)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(6);
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    /// <summary>The interval a feed's publishing rate calls for, before max-age and jitter.</summary>
    public static TimeSpan IntervalFor(FeedSource feed, double itemsPerDay)
    {
        var interval = itemsPerDay > 0 ? TimeSpan.FromDays(1 / (2 * itemsPerDay)) : DefaultInterval;
        if (feed.PollMinutes is > 0 and var minutes && interval > TimeSpan.FromMinutes(minutes))
        {
            interval = TimeSpan.FromMinutes(minutes);
        }

        return Clamp(interval, MinInterval, MaxInterval);
    }

    public DateTimeOffset NextAfterSuccess(FeedSource feed, double itemsPerDay, TimeSpan? maxAge, DateTimeOffset now)
    {
        var interval = IntervalFor(feed, itemsPerDay);
        if (maxAge > interval)
        {
            interval = maxAge.Value < MaxInterval ? maxAge.Value : MaxInterval;
        }

        // ±10% spreads feeds that started together, so they do not all fall due on the same tick.
        return now + interval * (0.9 + 0.2 * random.NextDouble());
    }

    public DateTimeOffset NextAfterFailure(int consecutiveFailures, TimeSpan? retryAfter, DateTimeOffset now)
    {
        var exponent = Math.Min(Math.Max(consecutiveFailures - 1, 0), 16);
        var ceiling = FirstBackoff * Math.Pow(2, exponent);
        if (ceiling > MaxInterval)
        {
            ceiling = MaxInterval;
        }

        // "Equal jitter": at least half the backoff, so retries spread out but still grow.
        var backoff = ceiling * (0.5 + 0.5 * random.NextDouble());
        if (retryAfter > backoff)
        {
            backoff = retryAfter.Value < MaxRetryAfter ? retryAfter.Value : MaxRetryAfter;
        }

        return now + backoff;
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min ? min : value > max ? max : value;
}
