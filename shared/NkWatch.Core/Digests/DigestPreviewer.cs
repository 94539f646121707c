using Microsoft.Extensions.Options;
using NkWatch.Core.Matches;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Digests;

/// <summary>A digest as it would go out now, with its window; null Rendered: nothing to send.</summary>
public sealed record DigestPreview(Subscriber Subscriber, DigestWindow Window, int Stories, RenderedDigest? Rendered);

/// <summary>
/// Renders what a subscriber's next digest would hold, with their real links, without sending it
/// and without touching the digest log: no claim, no record, the watermark stays where it is. Its
/// window is the one the sender would claim now (<see cref="DigestWindow.ToSend"/>), composed as of
/// the window's end as the sender composes it, so the preview shows the stories that would be sent.
/// </summary>
public sealed class DigestPreviewer(
    ISubscriberStore subscribers,
    IMatchStore matches,
    IDigestLog log,
    DigestComposer composer,
    DigestRenderer renderer,
    LinkBuilder links,
    IOptions<DigestOptions> options,
    TimeProvider clock)
{
    /// <summary>The preview for the subscriber with this address, or null when there is none.</summary>
    public async Task<DigestPreview?> PreviewAsync(string email, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalize(email, out var normalized)
            || await subscribers.FindByEmailAsync(normalized, cancellationToken).ConfigureAwait(false) is not { } subscriber)
        {
            return null;
        }

        var cursor = await log.GetCursorAsync(subscriber.Id, cancellationToken).ConfigureAwait(false);

        // A claim whose period is recorded is finished: the sender moves the cursor on before its next window.
        if (cursor?.Claim is { } held && await log.GetAsync(subscriber.Id, held.Period, cancellationToken).ConfigureAwait(false) is { } record)
        {
            cursor = DigestWindow.Advance(cursor, held, record.Outcome);
        }

        var window = DigestWindow.ToSend(subscriber, cursor, DigestWindow.CutoffAt(clock.GetUtcNow(), options.Value));
        IReadOnlyList<StoredMatch> stored = window.IsEmpty ? [] : await matches.ListStoredBetweenAsync(window, cancellationToken).ConfigureAwait(false);
        var content = await composer.ComposeAsync(subscriber, stored, window.End, cancellationToken).ConfigureAwait(false);
        if (content.IsEmpty)
        {
            return new DigestPreview(subscriber, window, 0, null);
        }

        var digest = new Digest(
            "preview",
            subscriber,
            "preview",
            content.Sections,
            content.MoreStories,
            new DigestLinks(links.Preferences(subscriber.Id), links.Unsubscribe(subscriber.Id), links.Archive()));
        var rendered = await renderer.RenderAsync(digest, cancellationToken).ConfigureAwait(false);
        return new DigestPreview(subscriber, window, digest.StoryCount + digest.MoreStories, rendered);
    }
}
