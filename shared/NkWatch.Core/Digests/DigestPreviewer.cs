using NkWatch.Core.Matches;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Digests;

/// <summary>A digest as it would go out now, with its window; null Rendered: nothing to send.</summary>
public sealed record DigestPreview(Subscriber Subscriber, DateTimeOffset From, DateTimeOffset To, int Stories, RenderedDigest? Rendered);

/// <summary>
/// Renders what a subscriber's next digest would hold, with their real links, without sending it
/// and without touching the digest log: no claim, no record, the watermark stays where it is.
/// </summary>
public sealed class DigestPreviewer(
    ISubscriberStore subscribers,
    IMatchStore matches,
    IDigestLog log,
    DigestComposer composer,
    DigestRenderer renderer,
    LinkBuilder links,
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
        var from = cursor?.Watermark > subscriber.Watermark ? cursor.Watermark : subscriber.Watermark;
        var to = clock.GetUtcNow();
        IReadOnlyList<StoredMatch> stored = from < to ? await matches.ListStoredBetweenAsync(from, to, cancellationToken).ConfigureAwait(false) : [];
        var content = composer.Compose(subscriber, stored, to);
        if (content.IsEmpty)
        {
            return new DigestPreview(subscriber, from, to, 0, null);
        }

        var digest = new Digest(
            "preview",
            subscriber,
            "preview",
            content.Sections,
            content.MoreStories,
            new DigestLinks(links.Preferences(subscriber.Id), links.Unsubscribe(subscriber.Id), links.Archive()));
        var rendered = await renderer.RenderAsync(digest, cancellationToken).ConfigureAwait(false);
        return new DigestPreview(subscriber, from, to, digest.StoryCount + digest.MoreStories, rendered);
    }
}
