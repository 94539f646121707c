using Microsoft.Extensions.Logging;
using NkWatch.Core.Classification;
using NkWatch.Core.Configuration;
using NkWatch.Core.Feeds;
using NkWatch.Core.Messaging;
using NkWatch.Core.Storage;

namespace NkWatch.Core.Pipeline;

/// <summary>
/// PollFeed: fetches one feed, parses it, classifies the items not seen before and queues each
/// match, then records when to poll next. An item is new only when its id (the canonical link,
/// or the guid) was not seen before, in this feed or any other, nor, for an item without a link,
/// its fingerprint (the same post under a regenerated guid). Items are marked seen only after their matches are queued,
/// so a crash repeats work (StoreMatch is idempotent) rather than losing a match.
/// </summary>
public sealed partial class FeedPoller(
    IFeedCatalogProvider catalog,
    IClassifierProvider classifiers,
    FeedEndpoints endpoints,
    FeedFetcher fetcher,
    FeedParser parser,
    IFeedStateStore states,
    IItemStore items,
    MessagePublisher publisher,
    PollPolicy policy,
    TimeProvider clock,
    ILogger<FeedPoller> logger)
{
    public async Task<FeedPollReport> PollAsync(FeedPollMessage message, CancellationToken cancellationToken)
    {
        var feed = (await catalog.GetCatalogAsync(cancellationToken).ConfigureAwait(false)).Find(message.FeedId);
        if (feed is null)
        {
            LogUnknownFeed(message.FeedId);
            return new FeedPollReport(message.FeedId, PollOutcome.Unknown, 0, 0, 0, "not in the feed catalogue");
        }

        var state = await states.GetAsync(feed.Id, cancellationToken).ConfigureAwait(false) ?? FeedState.New(feed.Id);

        // A second delivery of the same message (or a message queued twice while the queue was
        // backed up) finds the feed already polled since it was scheduled.
        if (state.LastPolledAt >= message.DueAt && state.NextPollAt > clock.GetUtcNow())
        {
            LogAlreadyPolled(feed.Id);
            return new FeedPollReport(feed.Id, PollOutcome.AlreadyPolled, 0, 0, 0, null);
        }

        return await PollFeedAsync(feed, state, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Polls one feed now, whatever its schedule (<c>nkwatch feeds poll</c>): the stored validators
    /// still go out, and the next scheduled poll follows from the result as after any poll.
    /// </summary>
    public async Task<FeedPollReport> PollNowAsync(FeedSource feed, CancellationToken cancellationToken)
    {
        var state = await states.GetAsync(feed.Id, cancellationToken).ConfigureAwait(false) ?? FeedState.New(feed.Id);
        return await PollFeedAsync(feed, state, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FeedPollReport> PollFeedAsync(FeedSource feed, FeedState state, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var endpoint = endpoints.Resolve(feed);
        if (endpoint.Url is null)
        {
            return await SkipAsync(feed, state, endpoint.NotPolled!, now, cancellationToken).ConfigureAwait(false);
        }

        var fetched = await fetcher.FetchAsync(endpoint.Url, state, cancellationToken).ConfigureAwait(false);
        if (fetched.Outcome == FetchOutcome.Failed)
        {
            return await FailAsync(feed, state, FeedEndpoints.Explain(feed, fetched), fetched.RetryAfter, cancellationToken).ConfigureAwait(false);
        }

        if (fetched.Outcome == FetchOutcome.NotModified)
        {
            var unchanged = state with
            {
                ETag = fetched.ETag ?? state.ETag,
                LastModified = fetched.LastModified ?? state.LastModified,
                MovedTo = fetched.MovedTo?.AbsoluteUri,
            };
            await SaveSuccessAsync(feed, unchanged, fetched.MaxAge, now, cancellationToken).ConfigureAwait(false);
            return new FeedPollReport(feed.Id, PollOutcome.NotModified, 0, 0, 0, null);
        }

        ParsedFeed parsed;
        try
        {
            parsed = parser.Parse(feed, fetched);
        }
        catch (FeedParseException ex)
        {
            return await FailAsync(feed, state, ex.Message, null, cancellationToken).ConfigureAwait(false);
        }

        if (parsed.Warning is not null)
        {
            LogPartlyRead(feed.Id, parsed.Warning);
        }

        var (newItems, matches) = await ProcessItemsAsync(feed, parsed, now, cancellationToken).ConfigureAwait(false);
        var updated = state with
        {
            ETag = fetched.ETag,
            LastModified = fetched.LastModified,
            MovedTo = fetched.MovedTo?.AbsoluteUri,
            ItemsSeen = state.ItemsSeen + newItems,
            ItemsPerDay = EstimateRate(parsed, state, newItems, now),
            NewestItemAt = Newest(state.NewestItemAt, parsed, newItems, now),
        };
        await SaveSuccessAsync(feed, updated, fetched.MaxAge, now, cancellationToken).ConfigureAwait(false);
        LogPolled(feed.Id, parsed.Items.Count, newItems, matches);
        return new FeedPollReport(feed.Id, PollOutcome.Ok, parsed.Items.Count, newItems, matches, null);
    }

    private async Task<(int NewItems, int Matches)> ProcessItemsAsync(FeedSource feed, ParsedFeed parsed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keys = parsed.Items.SelectMany(i => new[] { i.ItemId, i.Fingerprint }).Where(k => k.Length > 0).ToHashSet(StringComparer.Ordinal);
        var seen = await items.FindSeenAsync(keys, cancellationToken).ConfigureAwait(false);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var fresh = new List<FeedEntry>();
        foreach (var entry in parsed.Items)
        {
            var hasFingerprint = entry.Fingerprint.Length > 0;
            if (seen.Contains(entry.ItemId) || (hasFingerprint && seen.Contains(entry.Fingerprint))
                || !taken.Add(entry.ItemId) || (hasFingerprint && !taken.Add(entry.Fingerprint)))
            {
                continue;
            }

            fresh.Add(entry);
        }

        var classifier = await classifiers.GetClassifierAsync(cancellationToken).ConfigureAwait(false);
        var matches = 0;
        foreach (var entry in fresh)
        {
            var result = classifier.Classify(new ClassifierInput(entry.ItemId, entry.Title, entry.Summary, feed.Language));
            if (result.Relevant)
            {
                await publisher.PublishAsync(ToMatch(feed, entry, result, now), cancellationToken).ConfigureAwait(false);
                matches++;
            }
        }

        if (fresh.Count > 0)
        {
            var newKeys = fresh.SelectMany(e => new[] { e.ItemId, e.Fingerprint }).Where(k => k.Length > 0).ToList();
            await items.AddAsync(newKeys, feed.Id, now, cancellationToken).ConfigureAwait(false);
        }

        return (fresh.Count, matches);
    }

    private static MatchMessage ToMatch(FeedSource feed, FeedEntry entry, Classification.Classification result, DateTimeOffset now) => new()
    {
        ItemId = entry.ItemId,
        FeedId = feed.Id,
        Title = entry.Title,
        Link = entry.Link,

        // No date in the feed: the story is dated when NkWatch first saw it.
        Published = entry.Published ?? now,
        Summary = entry.Summary,
        Score = result.Score,
        Topics = result.Topics,
        Hits = result.Hits,
    };

    private static double EstimateRate(ParsedFeed parsed, FeedState state, int newItems, DateTimeOffset now) =>
        parsed.Items.Any(i => i.Published is not null)
            ? PublishingRate.FromDates(parsed.Items.Select(i => i.Published), now, state.ItemsPerDay)
            : state.LastSuccessAt is { } previous
                ? PublishingRate.FromObservation(newItems, now - previous, state.ItemsPerDay)
                : state.ItemsPerDay;

    /// <summary>The newest item date; a feed without dates counts a poll that found something new.</summary>
    private static DateTimeOffset? Newest(DateTimeOffset? previous, ParsedFeed parsed, int newItems, DateTimeOffset now)
    {
        var newest = parsed.Items.Max(i => i.Published);
        if (newest is null && newItems > 0)
        {
            newest = now;
        }

        return newest > previous || previous is null ? newest : previous;
    }

    private async Task SaveSuccessAsync(FeedSource feed, FeedState state, TimeSpan? maxAge, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await states.SaveAsync(
            state with
            {
                LastPolledAt = now,
                LastSuccessAt = now,
                LastError = null,
                ConsecutiveFailures = 0,
                NextPollAt = policy.NextAfterSuccess(feed, state.ItemsPerDay, maxAge, now),
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A feed that cannot be fetched as configured is looked at again after the longest interval; its health says why.</summary>
    private async Task<FeedPollReport> SkipAsync(FeedSource feed, FeedState state, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await states.SaveAsync(state with { NextPollAt = now + PollPolicy.MaxInterval }, cancellationToken).ConfigureAwait(false);
        LogSkipped(feed.Id, reason);
        return new FeedPollReport(feed.Id, PollOutcome.Skipped, 0, 0, 0, null) { Detail = reason };
    }

    private async Task<FeedPollReport> FailAsync(FeedSource feed, FeedState state, string error, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var failures = state.ConsecutiveFailures + 1;
        await states.SaveAsync(
            state with
            {
                LastPolledAt = now,
                LastError = error,
                LastErrorAt = now,
                ConsecutiveFailures = failures,
                NextPollAt = policy.NextAfterFailure(failures, retryAfter, now),
            },
            cancellationToken).ConfigureAwait(false);
        LogFailed(feed.Id, error, failures);
        return new FeedPollReport(feed.Id, PollOutcome.Failed, 0, 0, 0, error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed poll failed: {FeedId}: {Reason} ({Failures} in a row)")]
    private partial void LogFailed(string feedId, string reason, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {FeedId} skipped: {Reason}")]
    private partial void LogSkipped(string feedId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Polled {FeedId}: {Items} items, {NewItems} new, {Matches} matches")]
    private partial void LogPolled(string feedId, int items, int newItems, int matches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {FeedId} was read only in part: {Warning}")]
    private partial void LogPartlyRead(string feedId, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedId} was already polled since this message was queued; skipped")]
    private partial void LogAlreadyPolled(string feedId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {FeedId} is not in the catalogue; message dropped")]
    private partial void LogUnknownFeed(string feedId);
}
