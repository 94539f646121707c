using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NkWatch.Core.Digests;
using NkWatch.Core.Email;
using NkWatch.Core.Feeds;
using NkWatch.Core.Messaging;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Pipeline;

/// <summary>
/// SendDigest: renders and sends one subscriber's digest for one period, at most once. The digest
/// log keyed by subscriber and period is checked before and written after sending; the subscriber's
/// watermark then moves to the digest's cutoff, so a failed send is retried with the same content
/// and nothing stored before the cutoff is skipped.
/// </summary>
public sealed partial class DigestSender(
    ISubscriberStore subscribers,
    IMatchStore matches,
    IDigestLog log,
    DigestComposer composer,
    DigestRenderer renderer,
    LinkBuilder links,
    IEmailSender email,
    IOptions<DigestOptions> options,
    TimeProvider clock,
    ILogger<DigestSender> logger)
{
    public async Task<DigestReport> SendAsync(DigestMessage message, CancellationToken cancellationToken)
    {
        var subscriber = await subscribers.GetAsync(message.SubscriberId, cancellationToken).ConfigureAwait(false);
        if (subscriber is null || subscriber.Status != SubscriberStatus.Confirmed)
        {
            return new DigestReport(message.SubscriberId, message.Period, "skipped", 0, "no confirmed subscriber");
        }

        if (await log.GetAsync(subscriber.Id, message.Period, cancellationToken).ConfigureAwait(false) is { } done)
        {
            return new DigestReport(subscriber.Id, message.Period, "already-" + done.Outcome, done.StoryCount);
        }

        var cutoff = clock.GetUtcNow() - options.Value.VisibilityMargin;
        var stored = await matches.ListStoredBetweenAsync(subscriber.Watermark, cutoff, cancellationToken).ConfigureAwait(false);
        var sections = composer.Compose(subscriber, stored);
        var digestId = ItemIdentity.Hash("digest:" + subscriber.Id + ":" + message.Period);
        if (sections.Count == 0)
        {
            await FinishAsync(subscriber, message.Period, digestId, 0, cutoff, "empty", cancellationToken).ConfigureAwait(false);
            return new DigestReport(subscriber.Id, message.Period, "empty", 0);
        }

        var digest = new Digest(digestId, subscriber, message.Period, sections, links.Preferences(subscriber.Id), links.Unsubscribe(subscriber.Id), links.Archive());
        var rendered = renderer.Render(digest);
        var result = await email.SendAsync(ToEmail(digest, rendered), cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case SendStatus.Sent:
                await FinishAsync(subscriber, message.Period, digestId, digest.StoryCount, cutoff, "sent", cancellationToken).ConfigureAwait(false);
                LogSent(subscriber.Id, message.Period, digest.StoryCount);
                return new DigestReport(subscriber.Id, message.Period, "sent", digest.StoryCount, result.Detail);
            case SendStatus.RetryLater:
                throw new DeliveryDeferredException($"digest {digestId} for subscriber {subscriber.Id} deferred: {result.Detail}");
            default:
                await FinishAsync(subscriber, message.Period, digestId, digest.StoryCount, subscriber.Watermark, "rejected", cancellationToken).ConfigureAwait(false);
                LogRejected(subscriber.Id, message.Period, result.Detail ?? string.Empty);
                return new DigestReport(subscriber.Id, message.Period, "rejected", digest.StoryCount, result.Detail);
        }
    }

    private async Task FinishAsync(Subscriber subscriber, string period, string digestId, int stories, DateTimeOffset watermark, string outcome, CancellationToken cancellationToken)
    {
        await log.AddAsync(new DigestRecord(subscriber.Id, period, digestId, stories, clock.GetUtcNow(), outcome), cancellationToken).ConfigureAwait(false);
        if (watermark > subscriber.Watermark)
        {
            await subscribers.UpdateAsync(subscriber with { Watermark = watermark }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static EmailMessage ToEmail(Digest digest, RenderedDigest rendered) => new()
    {
        To = digest.Subscriber.Email,
        Subject = rendered.Subject,
        Html = rendered.Html,
        Text = rendered.Text,
        MessageId = digest.DigestId,
        Headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = $"<{digest.UnsubscribeUrl}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        },
        Categories = ["digest", digest.Subscriber.Frequency.ToString().ToLowerInvariant()],
        CustomArgs = new Dictionary<string, string>
        {
            ["digest_id"] = digest.DigestId,
            ["subscriber_id"] = digest.Subscriber.Id,
        },
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest sent to subscriber {SubscriberId} for {Period}: {Stories} stories")]
    private partial void LogSent(string subscriberId, string period, int stories);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest for subscriber {SubscriberId} ({Period}) rejected: {Reason}")]
    private partial void LogRejected(string subscriberId, string period, string reason);
}

/// <summary>The email service asked to try later; the queue message is retried.</summary>
public sealed class DeliveryDeferredException(string message) : Exception(message);
