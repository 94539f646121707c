using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;
using NkWatch.Core.Digests;
using NkWatch.Core.Email;
using NkWatch.Core.Feeds;
using NkWatch.Core.Messaging;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Pipeline;

/// <summary>
/// SendDigest: renders and sends subscribers' digests, each at most once per period, and none lost.
/// <list type="number">
/// <item>Claim: the subscriber's cursor takes a claim (compare-and-swap) that fixes the digest id and
/// the window of matches it covers, with a lease. A second worker with the same message finds the
/// claim and leaves it; a retry after the lease runs out takes it over with the same window, so it
/// sends the same digest.</item>
/// <item>Compose and render the window (identical digests of several subscribers render once and go
/// in one SendGrid request, each recipient with their own links as substitutions).</item>
/// <item>Send, unless less than half the lease is left (a send that could outlive the claim is not started).</item>
/// <item>Record the period's outcome as soon as the recipient's send is accepted, then move the cursor:
/// watermark to the window's end, claim cleared. A worker that dies between the two leaves a claim
/// whose period is recorded; the next one finishes the move. One that dies before the record leaves an
/// unfinished claim, which the next worker takes over, whatever period its message names.</item>
/// </list>
/// A send SendGrid asked to retry releases the claim (same window) and is retried by the queue.
/// Without the secrets a digest needs (the token key for its links, the sender's settings) nothing
/// is claimed and the batch fails with <see cref="MissingSettingException"/>: the queue retries the
/// message and then poisons it, and once the secret is there the scheduler queues the subscriber's
/// digest again (the same period, or the next, whose window holds its matches): nothing is lost,
/// nothing is sent twice.
/// </summary>
public sealed partial class DigestSender(
    ISubscriberStore subscribers,
    IMatchStore matches,
    IDigestLog log,
    DigestComposer composer,
    DigestRenderer renderer,
    LinkBuilder links,
    IEmailSender email,
    RequiredSettings required,
    IOptions<DigestOptions> options,
    TimeProvider clock,
    ILogger<DigestSender> logger)
{
    private const int MaxCursorRounds = 8;

    private readonly DigestOptions settings = options.Value;

    /// <summary>One message, as the queue trigger delivers it; throws <see cref="DeliveryDeferredException"/> so the queue retries a deferred send.</summary>
    public async Task<DigestReport> SendAsync(DigestMessage message, CancellationToken cancellationToken)
    {
        var report = (await SendBatchAsync([message], cancellationToken).ConfigureAwait(false))[0];
        return report.Outcome == DigestOutcome.Deferred
            ? throw new DeliveryDeferredException($"digest for subscriber {report.SubscriberId} ({report.Period}) deferred: {report.Detail}")
            : report;
    }

    /// <summary>Several messages at once (the command line, the benchmark): identical digests share one request.</summary>
    public async Task<IReadOnlyList<DigestReport>> SendBatchAsync(IReadOnlyList<DigestMessage> messages, CancellationToken cancellationToken)
    {
        if (required.FirstMissingFor(SecretWork.Links | SecretWork.Sending) is { } missing)
        {
            LogMissingSetting(messages.Count, missing.Message);
            throw new MissingSettingException(missing);
        }

        var reports = new DigestReport[messages.Count];
        var ready = new List<(int Index, PreparedDigest Digest)>();
        var renderings = new Dictionary<string, RenderedDigest>(StringComparer.Ordinal);

        // One cutoff for the whole batch: subscribers with the same watermark get the same window, hence the same digest.
        var cutoff = DigestWindow.CutoffAt(clock.GetUtcNow(), settings);
        for (var i = 0; i < messages.Count; i++)
        {
            var (prepared, report) = await PrepareOrDeferAsync(messages[i], cutoff, renderings, cancellationToken).ConfigureAwait(false);
            if (prepared is null)
            {
                reports[i] = report!;
            }
            else
            {
                ready.Add((i, prepared));
            }
        }

        foreach (var group in ready.GroupBy(r => r.Digest.RenderingKey, StringComparer.Ordinal))
        {
            foreach (var chunk in group.Chunk(EmailBatch.MaxRecipients))
            {
                var sendable = new List<(int Index, PreparedDigest Digest)>();
                foreach (var item in chunk)
                {
                    if (HasTimeToSend(item.Digest.Claim))
                    {
                        sendable.Add(item);
                    }
                    else
                    {
                        reports[item.Index] = await FinishAsync(item.Digest, new SendResult(SendStatus.RetryLater, "claim lease too short to start a send"), cancellationToken).ConfigureAwait(false);
                    }
                }

                if (sendable.Count == 0)
                {
                    continue;
                }

                // Each recipient is recorded the moment their send is accepted, not after the whole batch.
                var batch = ToBatch(sendable.Select(s => s.Digest).ToList());
                await email.SendBatchAsync(
                    batch,
                    async (k, result) => reports[sendable[k].Index] = await FinishAsync(sendable[k].Digest, result, cancellationToken).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
            }
        }

        return reports;
    }

    /// <summary>A subscriber whose record cannot be read is deferred (logged with the id), not the end of the batch.</summary>
    private async Task<(PreparedDigest? Prepared, DigestReport? Report)> PrepareOrDeferAsync(DigestMessage message, DateTimeOffset cutoff, Dictionary<string, RenderedDigest> renderings, CancellationToken cancellationToken)
    {
        try
        {
            return await PrepareAsync(message, cutoff, renderings, cancellationToken).ConfigureAwait(false);
        }
        catch (UnreadableRecordException ex)
        {
            LogDeferred(message.SubscriberId, string.Empty, message.Period, ex.Message);
            return (null, new DigestReport(message.SubscriberId, message.Period, DigestOutcome.Deferred, 0, ex.Message));
        }
    }

    private async Task<(PreparedDigest? Prepared, DigestReport? Report)> PrepareAsync(DigestMessage message, DateTimeOffset cutoff, Dictionary<string, RenderedDigest> renderings, CancellationToken cancellationToken)
    {
        var subscriber = await subscribers.GetAsync(message.SubscriberId, cancellationToken).ConfigureAwait(false);
        if (subscriber is null || subscriber.Status != SubscriberStatus.Confirmed)
        {
            return (null, new DigestReport(message.SubscriberId, message.Period, DigestOutcome.Skipped, 0, "no confirmed subscriber"));
        }

        if (await log.GetAsync(subscriber.Id, message.Period, cancellationToken).ConfigureAwait(false) is { } done)
        {
            // A redelivery after a crash between the record and the cursor move: finish the move.
            var cursor = await log.GetCursorAsync(subscriber.Id, cancellationToken).ConfigureAwait(false);
            if (cursor?.Claim?.Period == message.Period)
            {
                await MoveCursorAsync(subscriber.Id, cursor.Claim, done.Outcome, cancellationToken).ConfigureAwait(false);
            }

            return (null, new DigestReport(subscriber.Id, message.Period, DigestOutcomes.Already(done.Outcome), done.StoryCount));
        }

        if (Supersedes((await log.GetCursorAsync(subscriber.Id, cancellationToken).ConfigureAwait(false))?.LastPeriod, message.Period))
        {
            // A late retry of a period after which a later one was sent: its matches went out then.
            return (null, new DigestReport(subscriber.Id, message.Period, DigestOutcome.Skipped, 0, "a later period was already sent"));
        }

        var claim = await ClaimAsync(subscriber, message.Period, cutoff, cancellationToken).ConfigureAwait(false);
        if (claim is null && await log.GetAsync(subscriber.Id, message.Period, cancellationToken).ConfigureAwait(false) is { } finished)
        {
            // Another worker finished this very period since it was looked up above: said as such, not as busy.
            return (null, new DigestReport(subscriber.Id, message.Period, DigestOutcomes.Already(finished.Outcome), finished.StoryCount));
        }

        if (claim is null)
        {
            LogBusy(subscriber.Id, message.Period);
            return (null, new DigestReport(subscriber.Id, message.Period, DigestOutcome.Busy, 0, "another worker holds this subscriber's digest"));
        }

        var stored = await matches.ListStoredBetweenAsync(claim.Window, cancellationToken).ConfigureAwait(false);

        // Ranked as of the window's end, not the clock: a retry composes exactly the same digest.
        var content = await composer.ComposeAsync(subscriber, stored, claim.WindowEnd, cancellationToken).ConfigureAwait(false);
        var digest = new Digest(claim.DigestId, subscriber, claim.Period, content.Sections, content.MoreStories, DigestLinks.Tagged(links.Archive()));
        var prepared = new PreparedDigest(subscriber, claim, digest, null!, string.Empty);
        if (content.IsEmpty)
        {
            return (null, await FinishAsync(prepared, null, cancellationToken).ConfigureAwait(false));
        }

        var key = RenderingKey(content, digest);
        if (!renderings.TryGetValue(key, out var rendered))
        {
            rendered = await renderer.RenderAsync(digest, cancellationToken).ConfigureAwait(false);
            renderings[key] = rendered;
        }

        return (prepared with { Rendering = rendered, RenderingKey = key }, null);
    }

    /// <summary>A later period of the same frequency than <paramref name="period"/> was already sent.</summary>
    internal static bool Supersedes(string? lastSent, string period) =>
        DigestPeriod.TryParse(lastSent, out var last) && DigestPeriod.TryParse(period, out var asked) && asked.IsBefore(last);

    /// <summary>Takes the subscriber's claim for the period, or null when another worker holds a live one.</summary>
    private async Task<DigestClaim?> ClaimAsync(Subscriber subscriber, string period, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxCursorRounds; round++)
        {
            var cursor = await log.GetCursorAsync(subscriber.Id, cancellationToken).ConfigureAwait(false)
                ?? new DigestCursor { SubscriberId = subscriber.Id, Watermark = subscriber.Watermark };

            // A worker that recorded its period but died before moving the cursor: finish its move first.
            if (cursor.Claim is { } held && await log.GetAsync(subscriber.Id, held.Period, cancellationToken).ConfigureAwait(false) is { } heldRecord)
            {
                await log.TrySaveCursorAsync(DigestWindow.Advance(cursor, held, heldRecord.Outcome), cancellationToken).ConfigureAwait(false);
                continue;
            }

            // Another worker finished this very period since the record was looked up: nothing to claim.
            var now = clock.GetUtcNow();
            if ((cursor.Claim is { } live && live.ClaimedUntil > now) || (cursor.Claim is null && cursor.LastPeriod == period))
            {
                return null;
            }

            // An unfinished claim is taken over whatever period this message names: its window and digest
            // id stay, so a rerun after a crash sends the digest that was under way, not a second one.
            var window = DigestWindow.Next(subscriber, cursor, cutoff);
            var claim = cursor.Claim is { } stale
                ? stale with { ClaimedUntil = now + settings.ClaimLease, Attempt = stale.Attempt + 1 }
                : new DigestClaim(period, DigestIdOf(subscriber.Id, period), window.Start, window.End, now + settings.ClaimLease, 1);
            if (await log.TrySaveCursorAsync(cursor with { Claim = claim }, cancellationToken).ConfigureAwait(false))
            {
                return claim;
            }
        }

        return null;
    }

    /// <summary>
    /// Ends the lease of every claim held, so the next pass takes them over at once (with their
    /// windows and digest ids). Only for a caller that knows no other worker is sending: the command
    /// line holding its data folder's lock after a crash. The number released.
    /// </summary>
    public async Task<int> ReleaseHeldClaimsAsync(CancellationToken cancellationToken)
    {
        var released = 0;
        var now = clock.GetUtcNow();
        foreach (var cursor in await log.ListCursorsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (cursor.Claim is { } claim && claim.ClaimedUntil > now
                && await log.TrySaveCursorAsync(cursor with { Claim = claim with { ClaimedUntil = now } }, cancellationToken).ConfigureAwait(false))
            {
                released++;
            }
        }

        return released;
    }

    private bool HasTimeToSend(DigestClaim claim) => clock.GetUtcNow() + (settings.ClaimLease / 2) <= claim.ClaimedUntil;

    /// <summary>Records the outcome and moves the cursor; a deferred send only releases its claim.</summary>
    private async Task<DigestReport> FinishAsync(PreparedDigest prepared, SendResult? result, CancellationToken cancellationToken)
    {
        var (subscriber, claim, digest, _, _) = prepared;
        if (result?.Status == SendStatus.RetryLater)
        {
            await ReleaseAsync(subscriber.Id, claim, cancellationToken).ConfigureAwait(false);
            LogDeferred(subscriber.Id, claim.DigestId, claim.Period, result.Detail ?? string.Empty);
            return new DigestReport(subscriber.Id, claim.Period, DigestOutcome.Deferred, digest.StoryCount, result.Detail);
        }

        var outcome = result is null ? DigestOutcome.Empty : result.Status == SendStatus.Sent ? DigestOutcome.Sent : DigestOutcome.Rejected;
        var record = new DigestRecord(subscriber.Id, claim.Period, claim.DigestId, digest.StoryCount, clock.GetUtcNow(), outcome)
        {
            WindowStart = claim.WindowStart,
            WindowEnd = claim.WindowEnd,
            Attempts = claim.Attempt,
            Detail = outcome == DigestOutcome.Rejected ? result?.Detail : null,
        };
        await log.RecordAsync(record, cancellationToken).ConfigureAwait(false);
        await MoveCursorAsync(subscriber.Id, claim, outcome, cancellationToken).ConfigureAwait(false);
        if (outcome == DigestOutcome.Sent)
        {
            LogSent(subscriber.Id, claim.DigestId, claim.Period, digest.StoryCount);
        }
        else if (outcome == DigestOutcome.Rejected)
        {
            LogRejected(subscriber.Id, claim.DigestId, claim.Period, result?.Detail ?? string.Empty);
        }

        return new DigestReport(subscriber.Id, claim.Period, outcome, digest.StoryCount, outcome == DigestOutcome.Sent ? null : result?.Detail);
    }

    private async Task MoveCursorAsync(string subscriberId, DigestClaim claim, DigestOutcome outcome, CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxCursorRounds; round++)
        {
            var cursor = await log.GetCursorAsync(subscriberId, cancellationToken).ConfigureAwait(false) ?? new DigestCursor { SubscriberId = subscriberId };
            if (await log.TrySaveCursorAsync(DigestWindow.Advance(cursor, claim, outcome), cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        // The period is recorded; the next claim on this cursor completes the move (see ClaimAsync).
        LogCursorContended(subscriberId, claim.Period);
    }

    private async Task ReleaseAsync(string subscriberId, DigestClaim claim, CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxCursorRounds; round++)
        {
            var cursor = await log.GetCursorAsync(subscriberId, cancellationToken).ConfigureAwait(false);
            if (cursor?.Claim?.DigestId != claim.DigestId
                || await log.TrySaveCursorAsync(cursor with { Claim = claim with { ClaimedUntil = clock.GetUtcNow() } }, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private EmailBatch ToBatch(IReadOnlyList<PreparedDigest> digests)
    {
        var rendered = digests[0].Rendering;
        return new EmailBatch
        {
            Subject = rendered.Subject,
            Html = rendered.Html,
            Text = rendered.Text,
            Categories = ["digest", digests[0].Digest.FrequencyName],
            Recipients = [.. digests.Select(ToRecipient)],
        };
    }

    private EmailRecipient ToRecipient(PreparedDigest prepared)
    {
        var id = prepared.Subscriber.Id;
        var unsubscribe = SubstitutionSafe(links.Unsubscribe(id));
        return new EmailRecipient
        {
            To = prepared.Subscriber.Email,
            MessageId = prepared.Claim.DigestId,
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{unsubscribe}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
            CustomArgs = new Dictionary<string, string>
            {
                ["digest_id"] = prepared.Claim.DigestId,
                ["subscriber_id"] = id,
                ["period"] = prepared.Claim.Period,
            },
            Substitutions = new Dictionary<string, string>
            {
                [DigestLinks.PreferencesTag] = SubstitutionSafe(links.Preferences(id)),
                [DigestLinks.UnsubscribeTag] = unsubscribe,
            },
        };
    }

    /// <summary>
    /// A substitution lands unescaped in both parts (SendGrid cannot escape it for the HTML part), so
    /// a link must hold nothing HTML would read as markup; ours never do, this makes sure.
    /// </summary>
    private static string SubstitutionSafe(string url) =>
        url.Replace("&", "%26", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal)
            .Replace("\"", "%22", StringComparison.Ordinal).Replace("'", "%27", StringComparison.Ordinal);

    public static string DigestIdOf(string subscriberId, string period) => ItemIdentity.Hash("digest:" + subscriberId + ":" + period);

    /// <summary>Digests that show the same stories in the same order, zone and frequency render to the same email, whoever receives them.</summary>
    private static string RenderingKey(DigestContent content, Digest digest)
    {
        var shown = content.Sections.Select(s => new { s.TopicName, Stories = s.Stories.Select(t => t with { Rank = 0, Score = 0 }) });
        var json = JsonSerializer.SerializeToUtf8Bytes(new { shown, content.MoreStories, Zone = digest.Zone.Id, digest.FrequencyName });
        return Convert.ToHexString(SHA256.HashData(json));
    }

    private sealed record PreparedDigest(Subscriber Subscriber, DigestClaim Claim, Digest Digest, RenderedDigest Rendering, string RenderingKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest {DigestId} sent to subscriber {SubscriberId} for {Period}: {Stories} stories")]
    private partial void LogSent(string subscriberId, string digestId, string period, int stories);

    [LoggerMessage(Level = LogLevel.Error, Message = "Digest {DigestId} for subscriber {SubscriberId} ({Period}) permanently rejected: {Reason}")]
    private partial void LogRejected(string subscriberId, string digestId, string period, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest {DigestId} for subscriber {SubscriberId} ({Period}) deferred: {Reason}")]
    private partial void LogDeferred(string subscriberId, string digestId, string period, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Digests} digests not sent, their messages will be retried: {Problem}")]
    private partial void LogMissingSetting(int digests, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest for subscriber {SubscriberId} ({Period}) is held by another worker")]
    private partial void LogBusy(string subscriberId, string period);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cursor of subscriber {SubscriberId} stayed contended after {Period} finished; the next claim completes it")]
    private partial void LogCursorContended(string subscriberId, string period);
}

/// <summary>The email service asked to try later; the queue message is retried.</summary>
public sealed class DeliveryDeferredException(string message) : Exception(message);
