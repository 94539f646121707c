using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NkWatch.Core.Classification;
using NkWatch.Core.Digests;
using NkWatch.Core.Feeds;
using NkWatch.Core.Matches;
using NkWatch.Core.Messaging;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Search;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Integration.Tests.Storage;

/// <summary>
/// One contract for every storage port, run against SQLite and against Azure Storage (Azurite):
/// both adapters must behave the same, including idempotency and ordering.
/// </summary>
public abstract class StoreContract : StorageUnderTest
{
    // Recent on the adapter's clock, as real matches are: the archive reads back a bounded number of days.
    protected static readonly DateTimeOffset T0 = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FeedStateRoundTripsAndLists()
    {
        var store = Get<IFeedStateStore>();
        var state = new FeedState
        {
            FeedId = "un-news",
            ETag = "\"abc\"",
            LastModified = "Sat, 28 Nov 2026 06:00:00 GMT",
            ConsecutiveFailures = 2,
            NextPollAt = T0,
            LastError = "HTTP 503",
            LastErrorAt = T0.AddMinutes(-5),
            ItemsPerDay = 12.5,
            NewestItemAt = T0.AddHours(-3),
            MovedTo = "https://news.example.org/feed.xml",
        };

        await store.SaveAsync(state, default);
        await store.SaveAsync(state with { FeedId = "ohchr" }, default);

        Assert.Equal(state, await store.GetAsync("un-news", default));
        Assert.Null(await store.GetAsync("missing", default));
        Assert.Equal(["ohchr", "un-news"], (await store.ListAsync(default)).Select(s => s.FeedId).Order());
    }

    [Fact]
    public async Task ItemIsRecordedOnceHoweverManyFeedsCarryIt()
    {
        var store = Get<IItemStore>();

        Assert.Empty(await store.FindSeenAsync(["item-1"], default));
        await store.AddAsync(["item-1"], "feed", T0, default);
        await store.AddAsync(["item-1", "item-1"], "other-feed", T0.AddMinutes(1), default);

        Assert.Equal(["item-1"], await store.FindSeenAsync(["item-1", "item-2"], default));
        Assert.Equal(("feed", T0), await RecordedItemAsync("item-1"));
    }

    /// <summary>The feed and first-seen time the adapter keeps for an item key, read from its storage directly.</summary>
    protected abstract Task<(string FeedId, DateTimeOffset FirstSeen)> RecordedItemAsync(string key);

    [Fact]
    public async Task ItemKeysAreFoundAndRecordedInBulk()
    {
        var store = Get<IItemStore>();
        var keys = Enumerable.Range(0, 600).Select(i => ItemIdentity.Hash("key " + i)).ToList();

        await store.AddAsync(keys[..300], "feed", T0, default);
        await store.AddAsync(keys[250..310], "other", T0, default);
        var seen = await store.FindSeenAsync(keys, default);

        Assert.Equal(keys[..310].ToHashSet(), seen.ToHashSet());
        Assert.Equal(("feed", T0), await RecordedItemAsync(keys[260]));
        Assert.Equal(("other", T0), await RecordedItemAsync(keys[305]));
        Assert.Empty(await store.FindSeenAsync([], default));
    }

    [Fact]
    public async Task MatchIsStoredOnceAndListedByStoredTime()
    {
        var store = Get<IMatchStore>();
        var first = Match("a", T0.AddMinutes(1));
        var second = Match("b", T0.AddMinutes(2));
        var third = Match("c", T0.AddDays(1));

        Assert.True(await store.AddAsync(second, default));
        Assert.True(await store.AddAsync(first, default));
        Assert.True(await store.AddAsync(third, default));
        Assert.False(await store.AddAsync(first with { Title = "changed", StoredAt = T0.AddHours(5) }, default));

        var window = await store.ListStoredBetweenAsync(new DigestWindow(T0.AddMinutes(1), T0.AddDays(1)), default);
        Assert.Equal(["b", "c"], window.Select(m => m.ItemId));
        var latest = await store.ListLatestAsync(MatchFilter.All, 10, default);
        Assert.Equal(["c", "b", "a"], latest.Select(m => m.ItemId));
        Assert.Equal("Title a", latest[^1].Title);
        Assert.Equal(first.StoredAt, latest[^1].StoredAt);
        Assert.Equal(first.Hits, latest[^1].Hits);
    }

    [Fact]
    public async Task LatestMatchesAreFilteredByTopicAndFeedAndPagedByCursor()
    {
        var store = Get<IMatchStore>();
        for (var i = 0; i < 5; i++)
        {
            await store.AddAsync(Match("p" + i, T0.AddHours(i)) with { FeedId = i % 2 == 0 ? "even" : "odd", Topics = i < 3 ? ["refugees"] : ["detention"] }, default);
        }

        // Two matches stored at the same instant are ordered by id, and the cursor keeps them apart.
        await store.AddAsync(Match("p5", T0.AddHours(4)) with { FeedId = "even", Topics = ["detention"] }, default);

        var first = await store.ListLatestAsync(MatchFilter.All, 2, default);
        var second = await store.ListLatestAsync(MatchFilter.All with { Before = MatchCursor.Of(first[^1]) }, 2, default);
        var third = await store.ListLatestAsync(MatchFilter.All with { Before = MatchCursor.Of(second[^1]) }, 10, default);

        Assert.Equal(["p5", "p4"], first.Select(m => m.ItemId));
        Assert.Equal(["p3", "p2"], second.Select(m => m.ItemId));
        Assert.Equal(["p1", "p0"], third.Select(m => m.ItemId));
        Assert.Equal(["p2", "p1", "p0"], (await store.ListLatestAsync(new MatchFilter { Topic = "refugees" }, 10, default)).Select(m => m.ItemId));
        Assert.Equal(["p5", "p4"], (await store.ListLatestAsync(new MatchFilter { Topic = "detention", FeedIds = new HashSet<string> { "even" } }, 10, default)).Select(m => m.ItemId));
        Assert.Empty(await store.ListLatestAsync(new MatchFilter { FeedIds = new HashSet<string>() }, 10, default));
    }

    [Fact]
    public async Task LatestMatchesReachBackAsFarAsADigestInWholeUtcDays()
    {
        // At 15:00 on 5 December the archive lists the days from 5 October (62 days before tomorrow, 6 December) to 6 December.
        Clock.SetUtcNow(new DateTimeOffset(2026, 12, 5, 15, 0, 0, TimeSpan.Zero));
        var store = Get<IMatchStore>();
        var oldest = new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
        await store.AddAsync(Match("too-old", oldest.AddTicks(-1)), default);
        await store.AddAsync(Match("oldest", oldest), default);
        await store.AddAsync(Match("now", Clock.GetUtcNow()), default);
        await store.AddAsync(Match("newest", end.AddTicks(-1)), default);
        await store.AddAsync(Match("ahead", end), default);

        Assert.Equal(["newest", "now", "oldest"], (await store.ListLatestAsync(MatchFilter.All, 10, default)).Select(m => m.ItemId));
        var afterNow = MatchFilter.All with { Before = new MatchCursor(Clock.GetUtcNow().UtcTicks, "now") };
        Assert.Equal(["oldest"], (await store.ListLatestAsync(afterNow, 10, default)).Select(m => m.ItemId));
    }

    [Fact]
    public async Task SearchFindsAStoredMatchByAWordOfItsSummaryInAnyScript()
    {
        var store = Get<IMatchStore>();
        await store.AddAsync(Match("s1", T0) with { Title = "Rapporteur briefs the Third Committee", Summary = "Testimonies of detainees held at Yodok were presented in New York." }, default);
        await store.AddAsync(Match("s2", T0.AddHours(1)) with { Title = "탈북민 강제북송", Summary = "중국 공안이 탈북민 60명을 북한으로 송환했다고 단체들이 밝혔다.", Topics = ["refugees"] }, default);
        await store.AddAsync(Match("s3", T0.AddHours(2)) with { Title = "拉致被害者の家族が会見", Summary = "横田めぐみさんの母が国連で証言した。", Topics = ["abductions"] }, default);
        await store.AddAsync(Match("s4", T0.AddHours(3)) with { Title = "Detainees, detainees, detainees", Summary = "Detainees again: another report on detainees." }, default);

        Assert.Equal(["s1"], await Ids(store, "yodok testimonies"));
        Assert.Equal(["s4", "s1"], await Ids(store, "detainee"));
        Assert.Equal(["s2"], await Ids(store, "송환"));
        Assert.Equal(["s2"], await Ids(store, "북한"));
        Assert.Equal(["s3"], await Ids(store, "拉致"));
        Assert.Equal(["s3"], await Ids(store, "国連"));
        Assert.Empty(await Ids(store, "yodok geneva"));
        // FTS5 syntax and SQL in the text are only words to look for.
        Assert.Empty(await Ids(store, "\" OR \"* NEAR(a b) yodok:"));
        Assert.Empty(await Ids(store, "yodok'); DROP TABLE matches; --"));
        Assert.Equal(["s1"], await Ids(store, "\"Yodok\"*"));
        var refugees = new MatchFilter { Topic = "refugees", FeedIds = new HashSet<string> { "feed" } };
        Assert.Equal(["s4"], (await store.SearchAsync(Query("detainees"), refugees, 1, default)).Select(m => m.ItemId));
        Assert.Empty(await store.SearchAsync(Query("detainees"), new MatchFilter { Topic = "abductions" }, 10, default));
        Assert.Equal("Rapporteur briefs the Third Committee", (await store.SearchAsync(Query("yodok"), MatchFilter.All, 10, default)).Single().Title);

        static async Task<IEnumerable<string>> Ids(IMatchStore store, string text) =>
            (await store.SearchAsync(Query(text), MatchFilter.All, 10, default)).Select(m => m.ItemId);
    }

    private static SearchQuery Query(string text) => SearchQuery.Parse(text, out var error) ?? throw new ArgumentException(error);

    [Fact]
    public async Task SubscriberIsFoundByIdAndAddressAndAddressesAreUnique()
    {
        var store = Get<ISubscriberStore>();
        var subscriber = new Subscriber { Id = "s1", Email = "analyst@example.org", Status = SubscriberStatus.Confirmed, Topics = ["refugees"], Watermark = T0 };

        Assert.True(await store.AddAsync(subscriber, default));
        Assert.False(await store.AddAsync(subscriber with { Id = "s2" }, default));
        Assert.Equal(subscriber.Topics, (await store.GetAsync("s1", default))!.Topics);
        Assert.Equal("s1", (await store.FindByEmailAsync("analyst@example.org", default))!.Id);

        await store.UpdateAsync(subscriber with { Frequency = Frequency.Instant }, default);
        Assert.Equal(Frequency.Instant, (await store.GetAsync("s1", default))!.Frequency);
        Assert.Single(await store.ListAsync(default));

        Assert.True(await store.DeleteAsync("s1", default));
        Assert.Null(await store.FindByEmailAsync("analyst@example.org", default));
        Assert.True(await store.AddAsync(subscriber with { Id = "s3" }, default));
    }

    [Theory]
    [InlineData("READER@EXAMPLE.ORG")]
    [InlineData("reader@Example.Org")]
    [InlineData("\uff52\uff45\uff41\uff44\uff45\uff52@example.org")]
    [InlineData("rea\u200Bder@example.org")]
    [InlineData("rea\u00ADder@example.org")]
    [InlineData("\uFEFFreader@example.org")]
    [InlineData("rea\u202Eder@exa\u200Dmple.org")]
    [InlineData("reader@\uff45xample.org")]
    public async Task EverySpellingOfOneMailboxIsOneSubscriber(string variant)
    {
        var store = Get<ISubscriberStore>();
        var subscriber = new Subscriber { Id = "m1", Email = "Reader@example.org", Watermark = T0 };
        Assert.True(await store.AddAsync(subscriber, default));

        Assert.Equal("m1", (await store.FindByEmailAsync(variant, default))?.Id);
        Assert.False(await store.AddAsync(subscriber with { Id = "m2", Email = variant }, default));
        Assert.Equal("Reader@example.org", Assert.Single(await store.ListAsync(default)).Email);
    }

    [Fact]
    public async Task UnicodeAndPunycodeFormsOfADomainAreOneMailbox()
    {
        var store = Get<ISubscriberStore>();
        Assert.True(await store.AddAsync(new Subscriber { Id = "d1", Email = "desk@bücher.example", Watermark = T0 }, default));

        Assert.Equal("d1", (await store.FindByEmailAsync("desk@xn--bcher-kva.example", default))?.Id);
        Assert.Equal("d1", (await store.FindByEmailAsync("DESK@BÜCHER.EXAMPLE", default))?.Id);
        Assert.True(await store.DeleteAsync("d1", default));
        Assert.Null(await store.FindByEmailAsync("desk@xn--bcher-kva.example", default));
    }

    [Fact]
    public async Task RecordsStoredBeforeMailboxKeysAreFoundByEverySpellingAndMerged()
    {
        await SeedAsStoredBeforeMailboxKeysAsync(
        [
            new Subscriber { Id = "old-pending", Email = "Ann@example.org", Status = SubscriberStatus.Pending, CreatedAt = T0 },
            new Subscriber { Id = "old-suppressed", Email = "ann@example.org", Status = SubscriberStatus.Suppressed, CreatedAt = T0, StatusChangedAt = T0.AddDays(1), StatusReason = "bounce" },
            new Subscriber { Id = "old-other", Email = "Bob@example.org", Status = SubscriberStatus.Confirmed, CreatedAt = T0 },
        ]);
        var store = Get<ISubscriberStore>();

        Assert.Equal("old-suppressed", (await store.FindByEmailAsync("ANN@example.org", default))?.Id);
        Assert.Equal("old-other", (await store.FindByEmailAsync("bob@example.org", default))?.Id);
        Assert.Equal(["old-other", "old-suppressed"], (await store.ListAsync(default)).Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.False(await store.AddAsync(new Subscriber { Id = "new", Email = "ａｎｎ@example.org" }, default));
    }

    /// <summary>Writes subscribers as the adapter stored them before it had mailbox keys, before the store is first used.</summary>
    protected abstract Task SeedAsStoredBeforeMailboxKeysAsync(IReadOnlyList<Subscriber> subscribers);

    [Fact]
    public async Task DigestIsRecordedPerSubscriberAndPeriod()
    {
        var log = Get<IDigestLog>();
        var record = new DigestRecord("s1", "daily-2026-11-28", "d1", 3, T0, DigestOutcome.Sent) { WindowStart = T0.AddDays(-1), WindowEnd = T0 };

        Assert.Null(await log.GetAsync("s1", "daily-2026-11-28", default));
        await log.RecordAsync(record, default);
        Assert.Equal(record, await log.GetAsync("s1", "daily-2026-11-28", default));
        Assert.Null(await log.GetAsync("s2", "daily-2026-11-28", default));
    }

    [Fact]
    public async Task QueueHidesReceivedMessagesUntilCompletedOrTimedOut()
    {
        var queue = Get<IMessageQueues>().Get(QueueNames.FeedPoll);
        await queue.SendAsync("""{"v":1,"feedId":"one"}""", default);
        await queue.SendAsync("""{"v":1,"feedId":"two"}""", default);

        var received = await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), default);
        var message = Assert.Single(received);
        Assert.Contains("\"one\"", message.Body, StringComparison.Ordinal);
        Assert.Equal(1, message.DequeueCount);

        var next = Assert.Single(await queue.ReceiveAsync(5, TimeSpan.FromMinutes(5), default));
        Assert.Contains("\"two\"", next.Body, StringComparison.Ordinal);
        await queue.CompleteAsync(next, default);

        var again = await ReceiveOnceVisibleAgainAsync(queue, TimeSpan.FromSeconds(1));
        Assert.Contains("\"one\"", again.Body, StringComparison.Ordinal);
        Assert.Equal(2, again.DequeueCount);
        await queue.CompleteAsync(again, default);
        Assert.Empty(await queue.ReceiveAsync(5, TimeSpan.FromMinutes(5), default));
    }

    /// <summary>The one message received with <paramref name="hidden"/> as its visibility timeout, received again once that has passed.</summary>
    protected abstract Task<ReceivedMessage> ReceiveOnceVisibleAgainAsync(IMessageQueue queue, TimeSpan hidden);

    [Fact]
    public async Task RateLimitCountersCountPerKeyAndDayAndAreErasedByKey()
    {
        var limits = Get<IRateLimitStore>();
        var today = DateOnly.FromDateTime(T0.UtcDateTime);

        Assert.Equal(1, await limits.IncrementAsync("key-a", today, default));
        Assert.Equal(2, await limits.IncrementAsync("key-a", today, default));
        Assert.Equal(1, await limits.IncrementAsync("key-a", today.AddDays(1), default));
        Assert.Equal(1, await limits.IncrementAsync("key-b", today, default));

        Assert.Equal([new RateLimitCount(today, 2), new RateLimitCount(today.AddDays(1), 1)], await limits.ListAsync("key-a", default));
        Assert.Equal(2, await limits.DeleteAsync("key-a", default));
        Assert.Empty(await limits.ListAsync("key-a", default));
        Assert.Single(await limits.ListAsync("key-b", default));
    }

    [Fact]
    public async Task RateLimitCountersCountEveryConcurrentIncrement()
    {
        var limits = Get<IRateLimitStore>();
        var today = DateOnly.FromDateTime(T0.UtcDateTime);

        var counts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => limits.IncrementAsync("busy", today, default)));

        Assert.Equal(Enumerable.Range(1, 8), counts.Order());
    }

    [Fact]
    public async Task RateLimitCountersOlderThanAWeekArePrunedWhenAKeyStartsANewDay()
    {
        var limits = Get<IRateLimitStore>();
        var today = DateOnly.FromDateTime(T0.UtcDateTime);
        await limits.IncrementAsync("old", today.AddDays(-30), default);

        await limits.IncrementAsync("old", today, default);

        Assert.Equal([new RateLimitCount(today, 1)], await limits.ListAsync("old", default));
    }

    [Fact]
    public async Task WebhookEventsAreRecordedOnce()
    {
        var log = Get<IWebhookEventLog>();
        const string EventId = "sg/event+id==?#";

        Assert.False(await log.ContainsAsync(EventId, default));
        Assert.True(await log.TryRecordAsync(EventId, T0, default));
        Assert.False(await log.TryRecordAsync(EventId, T0.AddMinutes(1), default));
        Assert.True(await log.ContainsAsync(EventId, default));
        Assert.False(await log.ContainsAsync("another", default));
    }

    [Fact]
    public async Task DigestHistoryListsAndErasesOneSubscribersRecordsOnly()
    {
        var log = Get<IDigestLog>();
        var history = Get<IDigestHistory>();
        await log.RecordAsync(new DigestRecord("s1", "daily-2026-11-28", "d2", 1, T0, DigestOutcome.Sent), default);
        await log.RecordAsync(new DigestRecord("s1", "daily-2026-11-27", "d1", 2, T0, DigestOutcome.Sent), default);
        await log.RecordAsync(new DigestRecord("s2", "daily-2026-11-28", "d3", 3, T0, DigestOutcome.Sent), default);

        Assert.Equal(["daily-2026-11-27", "daily-2026-11-28"], (await history.ListAsync("s1", default)).Select(r => r.Period));
        Assert.Equal(2, await history.EraseAsync("s1", default));
        Assert.Empty(await history.ListAsync("s1", default));
        Assert.Null(await log.GetAsync("s1", "daily-2026-11-28", default));
        Assert.NotNull(await log.GetAsync("s2", "daily-2026-11-28", default));
    }

    [Fact]
    public async Task SubscriberStatusChangesRoundTrip()
    {
        var store = Get<ISubscriberStore>();
        var subscriber = new Subscriber { Id = "s9", Email = "changed@example.org", Status = SubscriberStatus.Suppressed, StatusChangedAt = T0, StatusReason = "bounce", Languages = ["ko"], DeliveryHour = 18, WeeklyDay = DayOfWeek.Friday, TimeZone = "Asia/Seoul" };

        await store.AddAsync(subscriber, default);
        var stored = await store.GetAsync("s9", default);

        Assert.Equal(SubscriberStatus.Suppressed, stored!.Status);
        Assert.Equal(T0, stored.StatusChangedAt);
        Assert.Equal("bounce", stored.StatusReason);
        Assert.Equal(["ko"], stored.Languages);
        Assert.Equal((18, DayOfWeek.Friday, "Asia/Seoul"), (stored.DeliveryHour, stored.WeeklyDay, stored.TimeZone));
    }

    protected static StoredMatch Match(string id, DateTimeOffset storedAt) => new()
    {
        ItemId = id,
        FeedId = "feed",
        Title = "Title " + id,
        Link = "https://example.org/" + id,
        Published = storedAt,
        Summary = "북한 인권 summary",
        Score = 3,
        Topics = ["refugees"],
        Hits = [new Hit("defector", "refugees", "title", 0, 8)],
        StoredAt = storedAt,
        StoryId = id,
    };
}
