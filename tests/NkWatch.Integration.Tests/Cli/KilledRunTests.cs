using System.Diagnostics;
using MimeKit;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Subscriptions;
using NkWatch.Integration.Tests.Email;
using NkWatch.Integration.Tests.Infrastructure;
using NkWatch.Storage.Sqlite;

namespace NkWatch.Integration.Tests.Cli;

/// <summary>
/// `nkwatch run --once` killed for real (Process.Kill) while it sends digests to a few hundred
/// instant subscribers, then run again: every subscriber gets the window's digest exactly once,
/// with the digest id of the claim the dead process left, and nothing half-written stays behind.
/// </summary>
public sealed class KilledRunTests : IDisposable
{
    // Twice the last kill point and more: the run still has hundreds of emails to write when a
    // starved test thread gets round to the kill, so the kill lands mid-run.
    private const int Subscribers = 600;

    private static readonly string[] Zones = ["UTC", "Asia/Seoul", "Asia/Tokyo", "Europe/Geneva", "America/New_York", "Europe/London"];

    private readonly TempDirectory temp = new();

    private string Data => temp.Combine("data");

    private string Outbox => Path.Combine(Data, "outbox");

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(90)]
    [InlineData(200)]
    public async Task AKilledOutboxRunIsFinishedByTheNextWithOneEmailPerSubscriber(int killAfterFiles)
    {
        await using var feeds = await FeedServer.StartAsync(("/wire.xml", "wire.xml", "application/rss+xml"));
        var catalog = FeedServer.WriteCatalog(temp.Path, feeds, ("wire", "/wire.xml"));
        var ids = await AddSubscribersAsync();

        await RunUntilAsync(catalog, [], () => Directory.Exists(Outbox) && Directory.GetFiles(Outbox, "*.eml").Length >= killAfterFiles);
        Assert.True(Directory.GetFiles(Outbox, "*.eml").Length < Subscribers, "the kill came after every email was written");
        var rerun = await RunToEndAsync(catalog, []);

        Assert.Equal(0, rerun);
        var recipients = Directory.GetFiles(Outbox, "*.eml").Select(f => MimeMessage.Load(f).To.Mailboxes.Single().Address).ToList();
        Assert.Equal(Addresses().Order(StringComparer.Ordinal), recipients.Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(Outbox, "*.eml.tmp"));
        await AssertOneSentRecordEachAsync(ids);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    public async Task ARunKilledWhileSendGridStallsIsFinishedByTheNextWithOneEmailPerSubscriber(int acceptedBeforeStall)
    {
        await using var feeds = await FeedServer.StartAsync(("/wire.xml", "wire.xml", "application/rss+xml"));
        await using var sendGrid = await SendGridServer.StartAsync();
        var catalog = FeedServer.WriteCatalog(temp.Path, feeds, ("wire", "/wire.xml"));
        var ids = await AddSubscribersAsync();
        var settings = new Dictionary<string, string>
        {
            ["SendGrid__ApiKey"] = SendGridServer.ApiKey,
            ["SendGrid__BaseUrl"] = sendGrid.BaseUrl,
        };

        sendGrid.StallAfter(acceptedBeforeStall);
        await RunUntilAsync(catalog, settings, () => sendGrid.Requests.Count > acceptedBeforeStall);
        sendGrid.StallAfter(int.MaxValue);
        var rerun = await RunToEndAsync(catalog, settings);

        Assert.Equal(0, rerun);
        var delivered = sendGrid.Delivered.Select(d => (string)d.Personalization["to"]![0]!["email"]!).ToList();
        Assert.Equal(Addresses().Order(StringComparer.Ordinal), delivered.Order(StringComparer.Ordinal));
        await AssertOneSentRecordEachAsync(ids);
    }

    private static IEnumerable<string> Addresses() => Enumerable.Range(0, Subscribers).Select(i => $"reader{i:000}@example.org");

    /// <summary>Instant subscribers in several time zones, so the digests render in several groups and go out in several requests.</summary>
    private async Task<List<string>> AddSubscribersAsync()
    {
        var database = new SqliteDatabase(Path.Combine(Data, "nkwatch.db"));
        var store = new SqliteSubscriberStore(database);
        var directory = new SubscriberDirectory(store, TimeProvider.System);
        var ids = new List<string>();
        var i = 0;
        foreach (var address in Addresses())
        {
            var subscriber = await directory.AddConfirmedAsync(address, Frequency.Instant, [], default);
            await store.UpdateAsync(subscriber with { TimeZone = Zones[i++ % Zones.Length] }, default);
            ids.Add(subscriber.Id);
        }

        return ids;
    }

    private async Task AssertOneSentRecordEachAsync(List<string> ids)
    {
        var history = new SqliteDigestHistory(new SqliteDatabase(Path.Combine(Data, "nkwatch.db")));
        foreach (var id in ids)
        {
            var record = Assert.Single(await history.ListAsync(id, default));
            Assert.Equal(DigestOutcome.Sent, record.Outcome);
        }
    }

    /// <summary>Starts a run and kills it, process tree and all, once <paramref name="killWhen"/> holds; the run must still be going then.</summary>
    private async Task RunUntilAsync(string catalog, Dictionary<string, string> settings, Func<bool> killWhen)
    {
        var (run, output, errors) = NkWatchProcess.Start(Arguments(catalog), settings);
        using (run)
        {
            var deadline = Stopwatch.StartNew();
            while (!killWhen() && !run.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(5);
            }

            var ended = run.HasExited;
            var reached = killWhen();
            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync();
            Assert.False(ended, "the run ended before the kill point: " + await output + await errors);
            Assert.True(reached, "the run never reached the kill point: " + await output + await errors);
        }
    }

    private async Task<int> RunToEndAsync(string catalog, Dictionary<string, string> settings)
    {
        var (code, output, errors) = await NkWatchProcess.RunAsync(Arguments(catalog), settings);
        Assert.True(code == 0, output + errors);
        return code;
    }

    private string[] Arguments(string catalog) => ["run", "--once", "--data", Data, "--feeds", catalog, "--rules", RepositoryRoot.Combine("config", "rules.json")];
}
