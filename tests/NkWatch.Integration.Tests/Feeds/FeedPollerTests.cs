using NkWatch.Core.Feeds;
using NkWatch.Core.Messaging;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Storage;
using NkWatch.Integration.Tests.Infrastructure;

namespace NkWatch.Integration.Tests.Feeds;

/// <summary>
/// PollFeed over SQLite and a loopback server: conditional GET, one story once (across polls,
/// across feeds, under regenerated guids and in-place edits), backoff that recovers, Retry-After,
/// adaptive intervals, and no match lost when queueing fails.
/// </summary>
public sealed class FeedPollerTests : IAsyncLifetime, IDisposable
{
    private const string Icc = "UN rights experts urge ICC referral of North Korea";
    private const string Repatriation = "North Korean defectors describe forced repatriation from China";

    private readonly TempDirectory temp = new();
    private ScriptedFeedServer server = null!;

    public async Task InitializeAsync() => server = await ScriptedFeedServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => temp.Dispose();

    private PollerHost Host(params (string Id, string Path)[] feeds) => new(temp, server, feeds);

    private static string Rss(params (string Title, string? Link, string? Guid, string? Date)[] items) =>
        "<rss version=\"2.0\"><channel><title>Scripted</title><link>https://scripted.example.org/</link>"
        + string.Concat(items.Select(i =>
            $"<item><title>{i.Title}</title>"
            + (i.Link is null ? string.Empty : $"<link>{System.Security.SecurityElement.Escape(i.Link)}</link>")
            + (i.Guid is null ? string.Empty : $"<guid isPermaLink=\"false\">{i.Guid}</guid>")
            + (i.Date is null ? string.Empty : $"<pubDate>{i.Date}</pubDate>")
            + "<description>Reported by the desk.</description></item>"))
        + "</channel></rss>";

    [Fact]
    public async Task SecondPollIsAnswered304AndFindsNothingNew()
    {
        server.Serve("wire", Rss((Icc, "https://wire.example.org/icc", "1", "Fri, 27 Nov 2026 09:00:00 GMT"), ("KOSPI ends higher", "https://wire.example.org/kospi", "2", "Fri, 27 Nov 2026 10:00:00 GMT")));
        using var host = Host(("wire", "wire"));

        var first = await host.PollAsync("wire");
        await host.AdvanceToNextPollAsync("wire");
        var second = await host.PollAsync("wire");

        Assert.Equal(new FeedPollReport("wire", PollOutcome.Ok, 2, 2, 1, null), first);
        Assert.Equal(new FeedPollReport("wire", PollOutcome.NotModified, 0, 0, 0, null), second);
        Assert.EndsWith("\"", server.Requests.Last(), StringComparison.Ordinal);
        Assert.Equal(1, await host.QueuedMatchesAsync());
    }

    [Fact]
    public async Task AFeedThatRegeneratesItsGuidsDoesNotResendOldPosts()
    {
        server.Serve("noisy", Rss((Icc, null, "guid-a1", null), (Repatriation, null, "guid-a2", null)));
        using var host = Host(("noisy", "noisy"));
        var first = await host.PollAsync("noisy");

        server.Serve("noisy", Rss((Icc, null, "guid-b1", null), (Repatriation, null, "guid-b2", null)));
        await host.AdvanceToNextPollAsync("noisy");
        var second = await host.PollAsync("noisy");

        Assert.Equal(2, first.NewItems);
        Assert.Equal(PollOutcome.Ok, second.Outcome);
        Assert.Equal(0, second.NewItems);
        Assert.Equal(2, await host.QueuedMatchesAsync());
    }

    [Fact]
    public async Task AnItemEditedInPlaceDoesNotAlertTwice()
    {
        server.Serve("desk", Rss((Icc, "https://desk.example.org/icc", "icc", "Fri, 27 Nov 2026 09:00:00 GMT")));
        using var host = Host(("desk", "desk"));
        await host.PollAsync("desk");

        server.Serve("desk", Rss((Icc + " (updated)", "https://desk.example.org/icc?utm_source=rss", "icc-v2", "Fri, 27 Nov 2026 11:00:00 GMT")));
        await host.AdvanceToNextPollAsync("desk");
        var second = await host.PollAsync("desk");

        Assert.Equal(0, second.NewItems);
        Assert.Equal(1, await host.QueuedMatchesAsync());
    }

    [Fact]
    public async Task TheSameStoryCarriedByTwoFeedsUnderTrackedUrlsIsQueuedOnce()
    {
        server.Serve("a", Rss((Icc, "https://news.example.org/story/1?utm_source=feed-a&utm_medium=rss#top", "a-1", null)));
        server.Serve("b", Rss((Icc + " – wire copy", "https://NEWS.example.org:443/story/1?fbclid=xyz", "b-1", null)));
        using var host = Host(("a", "a"), ("b", "b"));

        var a = await host.PollAsync("a");
        var b = await host.PollAsync("b");

        Assert.Equal(1, a.Matches);
        Assert.Equal(new FeedPollReport("b", PollOutcome.Ok, 1, 0, 0, null), b);
        Assert.Equal(1, await host.QueuedMatchesAsync());
    }

    [Fact]
    public async Task AFailingFeedBacksOffFurtherEachTimeAndRecoversByItself()
    {
        server.Fail("flaky", 503);
        using var host = Host(("flaky", "flaky"));

        var waits = new List<TimeSpan>();
        var failures = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var report = await host.PollAsync("flaky");
            Assert.Equal("HTTP 503 Service Unavailable", report.Error);
            var state = await host.StateAsync("flaky");
            failures.Add(state.ConsecutiveFailures);
            waits.Add(state.NextPollAt!.Value - host.Clock.GetUtcNow());
            await host.AdvanceToNextPollAsync("flaky");
        }

        server.Serve("flaky", Rss((Icc, "https://flaky.example.org/1", "1", null)));
        var recovered = await host.PollAsync("flaky");
        var after = await host.StateAsync("flaky");

        Assert.Equal([1, 2, 3, 4], failures);
        Assert.True(waits[3] > waits[0]);
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromMinutes(2.5), PollPolicy.MaxInterval));
        Assert.Equal(PollOutcome.Ok, recovered.Outcome);
        Assert.Equal(0, after.ConsecutiveFailures);
        Assert.Null(after.LastError);
        Assert.NotNull(after.LastErrorAt);
    }

    [Fact]
    public async Task RetryAfterPushesTheNextPollBack()
    {
        server.Fail("busy", 429, retryAfter: "7200");
        using var host = Host(("busy", "busy"));

        await host.PollAsync("busy");

        var state = await host.StateAsync("busy");
        Assert.Equal(host.Clock.GetUtcNow() + TimeSpan.FromHours(2), state.NextPollAt);
        Assert.Equal(1, state.ConsecutiveFailures);
    }

    [Fact]
    public async Task AnUnreadableFeedIsReportedWithItsIdAndAOneLineReason()
    {
        server.Serve("login", "<!DOCTYPE html><html><body>Please sign in</body></html>", "text/html");
        using var host = Host(("login", "login"));

        var report = await host.PollAsync("login");

        Assert.Equal(new FeedPollReport("login", PollOutcome.Failed, 0, 0, 0, "not a feed: an HTML page"), report);
        Assert.Equal("not a feed: an HTML page", (await host.StateAsync("login")).LastError);
    }

    [Fact]
    public async Task ABusyFeedIsPolledSoonerThanAQuietOne()
    {
        var now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var busy = Enumerable.Range(1, 20).Select(i => ($"Busy {i}", (string?)$"https://busy.example.org/{i}", (string?)null, (string?)now.AddMinutes(-30 * i).ToString("R"))).ToArray();
        var quiet = Enumerable.Range(1, 3).Select(i => ($"Quiet {i}", (string?)$"https://quiet.example.org/{i}", (string?)null, (string?)now.AddDays(-7 * i).ToString("R"))).ToArray();
        server.Serve("busy", Rss(busy));
        server.Serve("quiet", Rss(quiet));
        using var host = Host(("busy", "busy"), ("quiet", "quiet"));

        await host.PollAsync("busy");
        await host.PollAsync("quiet");

        var busyState = await host.StateAsync("busy");
        var quietState = await host.StateAsync("quiet");
        Assert.InRange(busyState.ItemsPerDay, 40, 50);
        Assert.InRange(busyState.NextPollAt!.Value - now, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(20));
        Assert.InRange(quietState.NextPollAt!.Value - now, TimeSpan.FromHours(5), TimeSpan.FromHours(6.6));
        Assert.Equal(now.AddMinutes(-30), busyState.NewestItemAt);
    }

    [Fact]
    public async Task ItemsAreMarkedSeenOnlyAfterTheirMatchIsQueued()
    {
        server.Serve("wire", Rss((Icc, "https://wire.example.org/icc", "1", null)));
        var failing = new FailOnceQueues();
        using var host = new PollerHost(temp, server, [("wire", "wire")], inner => failing.Wrap(inner));

        await Assert.ThrowsAsync<IOException>(() => host.PollAsync("wire"));
        var seenAfterFailure = await host.Get<IItemStore>().FindSeenAsync([Core.Feeds.ItemIdentity.For("https://wire.example.org/icc", "1", "wire")], default);
        var retried = await host.PollAsync("wire");

        Assert.Empty(seenAfterFailure);
        Assert.Equal(1, retried.Matches);
        Assert.Equal(1, await host.QueuedMatchesAsync());
    }

    [Fact]
    public async Task TheSchedulerQueuesOnlyTheFeedsThatAreDue()
    {
        server.Serve("due", Rss((Icc, "https://due.example.org/1", "1", null)));
        server.Serve("later", Rss((Repatriation, "https://later.example.org/1", "1", null)));
        using var host = Host(("due", "due"), ("later", "later"));
        await host.PollAsync("later");

        var queued = await host.Get<PollScheduler>().ScheduleAsync(default);

        var message = Assert.Single(await host.Get<IMessageQueues>().Get(QueueNames.FeedPoll).ReceiveAsync(10, TimeSpan.FromMinutes(1), default));
        Assert.Equal(1, queued);
        Assert.Contains("\"feedId\":\"due\"", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADuplicatePollMessageIsSkipped()
    {
        server.Serve("wire", Rss((Icc, "https://wire.example.org/icc", "1", null)));
        using var host = Host(("wire", "wire"));
        var message = new FeedPollMessage("wire", host.Clock.GetUtcNow());

        await host.Get<FeedPoller>().PollAsync(message, default);
        var again = await host.Get<FeedPoller>().PollAsync(message, default);

        Assert.Equal(PollOutcome.AlreadyPolled, again.Outcome);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task HealthShowsEachFeedsConditionFromItsState()
    {
        server.Serve("good", Rss((Icc, "https://good.example.org/1", "1", new DateTimeOffset(2026, 11, 28, 11, 0, 0, TimeSpan.Zero).ToString("R"))));
        server.Fail("bad", 404);
        using var host = Host(("good", "good"), ("bad", "bad"), ("new", "new"));
        await host.PollAsync("good");
        await host.PollAsync("bad");

        var health = await host.Get<FeedHealthReader>().ReadAsync(default);

        Assert.Equal([FeedCondition.Ok, FeedCondition.Failing, FeedCondition.New], health.Select(h => h.Condition));
        Assert.Equal("1 failed poll(s) in a row: HTTP 404 Not Found", health[1].Reason);
    }

    /// <summary>Queues whose first send fails, as a storage outage would make it.</summary>
    private sealed class FailOnceQueues
    {
        private int sends;

        public IMessageQueues Wrap(IMessageQueues inner) => new Queues(inner, this);

        private sealed class Queues(IMessageQueues inner, FailOnceQueues owner) : IMessageQueues
        {
            public IMessageQueue Get(string name) => new Queue(inner.Get(name), owner);
        }

        private sealed class Queue(IMessageQueue inner, FailOnceQueues owner) : IMessageQueue
        {
            public string Name => inner.Name;

            public Task SendAsync(string body, CancellationToken cancellationToken) =>
                Interlocked.Increment(ref owner.sends) == 1 ? throw new IOException("queue unavailable") : inner.SendAsync(body, cancellationToken);

            public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int max, TimeSpan visibility, CancellationToken cancellationToken) => inner.ReceiveAsync(max, visibility, cancellationToken);

            public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken) => inner.CompleteAsync(message, cancellationToken);

            public Task<int> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);
        }
    }
}
