using NkWatch.Core.Digests;

namespace NkWatch.Core.Matches;

/// <summary>
/// The stored matches the archive lists at one moment: whole UTC days (the Azure timeline is a
/// partition per day) from <see cref="DigestWindow.MaxLookBack"/> before the end of tomorrow up to
/// that end. The archive reads as far back as a digest does; it reaches into tomorrow because a
/// clock on another instance may run slightly ahead of ours. Both adapters list exactly this span.
/// </summary>
public readonly record struct ArchiveSpan
{
    private ArchiveSpan(DateTime newestDay)
    {
        NewestDay = newestDay;
        OldestDay = newestDay - DigestWindow.MaxLookBack;
    }

    /// <summary>The last UTC day listed (midnight, UTC).</summary>
    public DateTime NewestDay { get; }

    /// <summary>The first UTC day listed (midnight, UTC).</summary>
    public DateTime OldestDay { get; }

    /// <summary>Matches stored at or after this instant are listed.</summary>
    public DateTimeOffset Since => new(OldestDay, TimeSpan.Zero);

    /// <summary>Matches stored at or after this instant are not listed (yet).</summary>
    public DateTimeOffset Until => new(NewestDay.AddDays(1), TimeSpan.Zero);

    public static ArchiveSpan At(DateTimeOffset now) => new(now.UtcDateTime.Date.AddDays(1));
}
