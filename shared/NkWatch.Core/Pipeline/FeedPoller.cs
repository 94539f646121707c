using Microsoft.Extensions.Logging;
using NkWatch.Core.Classification;
using NkWatch.Core.Configuration;
using NkWatch.Core.Feeds;
using NkWatch.Core.Messaging;
using NkWatch.Core.Storage;

namespace NkWatch.Core.Pipeline;

/// <summary>
/// PollFeed: fetches one feed, parses it, classifies the items not seen before and queues each match.
/// An item is marked seen only after its match is queued, so a crash repeats work (StoreMatch is
/// idempotent) rather than losing a match.
/// </summary>
public sealed partial class FeedPoller(
    IFeedCatalogProvider catalog,
    IClassifierProvider classifiers,
    FeedFetcher fetcher,
    FeedParser parser,
    IFeedStateStore states,
    IItemStore items,
    MessagePublisher publisher,
    TimeProvider clock,
    ILogger<FeedPoller> logger)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(15);

    public async Task<FeedPollReport> PollAsync(FeedPollMessage message, CancellationToken cancellationToken)
    {
        var feed = catalog.Catalog.Find(message.FeedId);
        if (feed is null)
        {
            LogUnknownFeed(message.FeedId);
            return new FeedPollReport(message.FeedId, "unknown", 0, 0, 0, "not in the feed catalogue");
        }

        var state = await states.GetAsync(feed.Id, cancellationToken).ConfigureAwait(false) ?? FeedState.New(feed.Id);
        var now = clock.GetUtcNow();
        var fetched = await fetcher.FetchAsync(new Uri(feed.Url), state, cancellationToken).ConfigureAwait(false);
        if (fetched.Outcome == FetchOutcome.Failed)
        {
            return await FailAsync(feed, state, fetched.Error!, fetched.RetryAfter, cancellationToken).ConfigureAwait(false);
        }

        if (fetched.Outcome == FetchOutcome.NotModified)
        {
            await SaveSuccessAsync(feed, state, now, 0, cancellationToken).ConfigureAwait(false);
            return new FeedPollReport(feed.Id, "not-modified", 0, 0, 0, null);
        }

        ParsedFeed parsed;
        try
        {
            parsed = parser.Parse(fetched.Body, fetched.ContentType, fetched.FinalUri, feed.Id);
        }
        catch (FeedParseException ex)
        {
            return await FailAsync(feed, state, ex.Message, null, cancellationToken).ConfigureAwait(false);
        }

        var (newItems, matches) = await ProcessItemsAsync(feed, parsed, now, cancellationToken).ConfigureAwait(false);
        var updated = state with { ETag = fetched.ETag, LastModified = fetched.LastModified };
        await SaveSuccessAsync(feed, updated, now, newItems, cancellationToken).ConfigureAwait(false);
        LogPolled(feed.Id, parsed.Items.Count, newItems, matches);
        return new FeedPollReport(feed.Id, "ok", parsed.Items.Count, newItems, matches, null);
    }

    private async Task<(int NewItems, int Matches)> ProcessItemsAsync(FeedSource feed, ParsedFeed parsed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var classifier = classifiers.Classifier;
        int newItems = 0, matches = 0;
        foreach (var entry in parsed.Items.DistinctBy(i => i.ItemId))
        {
            if (await items.ContainsAsync(entry.ItemId, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            newItems++;
            var result = classifier.Classify(new ClassifierInput(entry.ItemId, entry.Title, entry.Summary, feed.Language));
            if (result.Relevant)
            {
                await publisher.PublishAsync(ToMatch(feed, entry, result, now), cancellationToken).ConfigureAwait(false);
                matches++;
            }

            await items.AddAsync(entry.ItemId, feed.Id, now, cancellationToken).ConfigureAwait(false);
        }

        return (newItems, matches);
    }

    private static MatchMessage ToMatch(FeedSource feed, FeedEntry entry, Classification.Classification result, DateTimeOffset now) => new()
    {
        ItemId = entry.ItemId,
        FeedId = feed.Id,
        Title = entry.Title,
        Link = entry.Link,
        Published = entry.Published ?? now,
        Summary = entry.Summary,
        Score = result.Score,
        Topics = result.Topics,
        Hits = result.Hits,
    };

    private async Task SaveSuccessAsync(FeedSource feed, FeedState state, DateTimeOffset now, int newItems, CancellationToken cancellationToken)
    {
        var interval = feed.PollMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : DefaultInterval;
        await states.SaveAsync(
            state with
            {
                LastPolledAt = now,
                LastSuccessAt = now,
                LastError = null,
                ConsecutiveFailures = 0,
                NextPollAt = now + interval - TimeSpan.FromMinutes(1),
                ItemsSeen = state.ItemsSeen + newItems,
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<FeedPollReport> FailAsync(FeedSource feed, FeedState state, string error, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var failures = state.ConsecutiveFailures + 1;

        // Back off exponentially but never give up: at most six hours between attempts.
        var backoff = TimeSpan.FromMinutes(Math.Min(360, 15 * Math.Pow(2, Math.Min(failures - 1, 5))));
        if (retryAfter > backoff)
        {
            backoff = retryAfter.Value;
        }

        await states.SaveAsync(
            state with { LastPolledAt = now, LastError = error, ConsecutiveFailures = failures, NextPollAt = now + backoff },
            cancellationToken).ConfigureAwait(false);
        LogFailed(feed.Id, error, failures);
        return new FeedPollReport(feed.Id, "failed", 0, 0, 0, error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed poll failed: {FeedId}: {Reason} ({Failures} in a row)")]
    private partial void LogFailed(string feedId, string reason, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Polled {FeedId}: {Items} items, {NewItems} new, {Matches} matches")]
    private partial void LogPolled(string feedId, int items, int newItems, int matches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {FeedId} is not in the catalogue; message dropped")]
    private partial void LogUnknownFeed(string feedId);
}
