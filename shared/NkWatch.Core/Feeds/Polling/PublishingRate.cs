namespace NkWatch.Core.Feeds;

/// <summary>
/// Estimates how many items a day a feed publishes. From item dates when it has them: the items of
/// the last <see cref="Window"/> over the time since the oldest of them (so a feed whose newest
/// post is weeks old reads as slow). Without dates, from what polls observe, smoothed.
/// </summary>
public static class PublishingRate
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);
    private static readonly TimeSpan MinSpan = TimeSpan.FromHours(6);
    private const double Smoothing = 0.3;

    public static double FromDates(IEnumerable<DateTimeOffset?> published, DateTimeOffset now, double previous)
    {
        var recent = published.OfType<DateTimeOffset>().Where(d => d > now - Window).ToList();
        if (recent.Count == 0)
        {
            return published.Any(d => d is not null) ? 0 : previous;
        }

        var span = now - recent.Min();
        if (span < MinSpan)
        {
            span = MinSpan;
        }

        return recent.Count / span.TotalDays;
    }

    /// <summary>For feeds without dates: new items since the previous poll, folded into the running estimate.</summary>
    public static double FromObservation(int newItems, TimeSpan sincePrevious, double previous)
    {
        if (sincePrevious <= TimeSpan.Zero)
        {
            return previous;
        }

        var observed = newItems / Math.Max(sincePrevious.TotalDays, MinSpan.TotalDays);
        return previous <= 0 ? observed : previous + Smoothing * (observed - previous);
    }
}
