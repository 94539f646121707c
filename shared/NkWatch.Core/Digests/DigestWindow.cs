using NkWatch.Core.Pipeline;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Digests;

/// <summary>
/// The matches one digest covers: those stored after <see cref="Start"/> up to and including
/// <see cref="End"/>. The one definition the scheduler, the sender, the preview and the stores
/// share, so a preview shows the digest that would be sent and both backends read the same matches.
/// </summary>
public readonly record struct DigestWindow
{
    /// <summary>How far back a digest reads at most; older matches are history (the archive has them).</summary>
    public static readonly TimeSpan MaxLookBack = TimeSpan.FromDays(62);

    /// <summary>A window reaches back no further than <see cref="MaxLookBack"/> before its end, and never ends before it starts.</summary>
    public DigestWindow(DateTimeOffset start, DateTimeOffset end)
    {
        Start = start < end - MaxLookBack ? end - MaxLookBack : start;
        End = end > Start ? end : Start;
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public bool IsEmpty => End <= Start;

    public bool Contains(DateTimeOffset storedAt) => storedAt > Start && storedAt <= End;

    /// <summary>Matches stored this recently may still be committing elsewhere; a digest read at <paramref name="now"/> stops at this instant.</summary>
    public static DateTimeOffset CutoffAt(DateTimeOffset now, DigestOptions options) => now - options.VisibilityMargin;

    /// <summary>How far the subscriber's digests have delivered: the later of the cursor's and the subscriber's watermark.</summary>
    public static DateTimeOffset WatermarkOf(Subscriber subscriber, DigestCursor? cursor) =>
        cursor is not null && cursor.Watermark > subscriber.Watermark ? cursor.Watermark : subscriber.Watermark;

    /// <summary>
    /// The window of a new digest read at <paramref name="cutoff"/>: from the watermark up to the
    /// cutoff. A subscriber whose digests kept failing does not make every later one read all history.
    /// </summary>
    public static DigestWindow Next(Subscriber subscriber, DigestCursor? cursor, DateTimeOffset cutoff) =>
        new(WatermarkOf(subscriber, cursor), cutoff);

    /// <summary>
    /// The window the subscriber's next send covers: an unfinished claim keeps its own window (a
    /// takeover sends the digest that was under way), otherwise <see cref="Next"/>.
    /// </summary>
    public static DigestWindow ToSend(Subscriber subscriber, DigestCursor? cursor, DateTimeOffset cutoff) =>
        cursor?.Claim is { } claim ? claim.Window : Next(subscriber, cursor, cutoff);

    /// <summary>
    /// The cursor after a claimed period finished: sent and empty digests move the watermark to the
    /// window's end; a rejected one leaves it, so its stories go out with the next digest.
    /// </summary>
    public static DigestCursor Advance(DigestCursor cursor, DigestClaim claim, DigestOutcome outcome) => cursor with
    {
        Watermark = outcome != DigestOutcome.Rejected && claim.WindowEnd > cursor.Watermark ? claim.WindowEnd : cursor.Watermark,
        LastPeriod = claim.Period,
        Claim = cursor.Claim?.DigestId == claim.DigestId ? null : cursor.Claim,
    };
}
