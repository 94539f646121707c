using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core;
using NkWatch.Core.Classification;
using NkWatch.Core.Configuration;
using NkWatch.Core.Matches;
using NkWatch.Core.Messaging;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;
using NkWatch.Email;
using NkWatch.Storage.Sqlite;
using NkWatch.Hosting;

namespace NkWatch.Benchmarks.Digests;

/// <summary>
/// Renders and sends the digests of 10,000 subscribers (varied topics and time zones, 40 stored
/// matches) to a SendGrid-compatible server on loopback, over SQLite. Baseline: one message at a
/// time, as the queue trigger sends (one request per subscriber). Batched: all messages at once,
/// identical digests rendered once and sent together. Each iteration starts from an empty digest log.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class DigestSendBenchmarks
{
    private const int SubscriberCount = 10_000;
    private static readonly string[] Zones = ["UTC", "Asia/Seoul", "Europe/Zurich", "America/New_York"];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "nkwatch-bench", Guid.NewGuid().ToString("N"));
    private CountingSendGrid server = null!;
    private ServiceProvider services = null!;
    private List<DigestMessage> messages = [];

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        server = await CountingSendGrid.StartAsync();
        Directory.CreateDirectory(folder);
        var root = FindRepositoryRoot();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["App:TokenKey"] = "benchmark-token-key-0123456789abcdef0123",
            ["App:PublicBaseUrl"] = "https://nkwatch.example.org",
            ["Feeds:Source"] = Path.Combine(root, "config", "feeds.json"),
            ["Rules:Source"] = Path.Combine(root, "config", "rules.json"),
            ["Digests:VisibilityMarginSeconds"] = "0",
            ["SendGrid:ApiKey"] = "SG.benchmark",
            ["SendGrid:BaseUrl"] = server.BaseUrl,
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddNkWatch(configuration, s => s.AddNkWatchSqlite(Path.Combine(folder, "state.db")));
        services = collection.BuildServiceProvider();

        var now = DateTimeOffset.UtcNow;
        var topics = services.GetRequiredService<IClassifierProvider>().Rules.Topics.Select(t => t.Id).ToArray();
        var random = new Random(20261128);
        var store = services.GetRequiredService<ISubscriberStore>();
        for (var i = 0; i < SubscriberCount; i++)
        {
            var chosen = topics.OrderBy(_ => random.Next()).Take(random.Next(0, 3)).ToList();
            await store.AddAsync(new Subscriber
            {
                Id = $"sub{i:D5}",
                Email = $"reader{i}@example.org",
                Status = SubscriberStatus.Confirmed,
                Frequency = Frequency.Instant,
                Topics = chosen,
                TimeZone = Zones[random.Next(Zones.Length)],
                Watermark = now.AddDays(-1),
            }, default);
            messages.Add(new DigestMessage($"sub{i:D5}", "instant-bench", "instant"));
        }

        await StoreMatchesAsync(now);
    }

    [IterationSetup]
    public void ClearDigestLog()
    {
        var database = services.GetRequiredService<SqliteDatabase>();
        database.ExecuteAsync("DELETE FROM digest_log; DELETE FROM digest_cursor;", SqliteDatabase.NoParameters, default).GetAwaiter().GetResult();
        server.Reset();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> OneMessageAtATime()
    {
        var sender = services.GetRequiredService<DigestSender>();
        var sent = 0;
        foreach (var message in messages)
        {
            sent += (await sender.SendBatchAsync([message], default)).Count(r => r.Outcome == DigestOutcome.Sent);
        }

        return Report(sent);
    }

    [Benchmark]
    public async Task<int> BatchedByContent()
    {
        var reports = await services.GetRequiredService<DigestSender>().SendBatchAsync(messages, default);
        return Report(reports.Count(r => r.Outcome == DigestOutcome.Sent));
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        Console.WriteLine($"// peak working set of the benchmark process: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
        await services.DisposeAsync();
        await server.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private int Report(int sent)
    {
        Console.WriteLine($"// digests sent: {sent}, SendGrid requests: {server.Requests}, personalizations: {server.Personalizations}, peak working set so far: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
        return sent;
    }

    private async Task StoreMatchesAsync(DateTimeOffset now)
    {
        var recorder = services.GetRequiredService<MatchRecorder>();
        var classifier = services.GetRequiredService<IClassifierProvider>().Classifier;
        var feeds = services.GetRequiredService<IFeedCatalogProvider>().Catalog.Feeds;
        var samples = new[]
        {
            ("UN experts urge ICC referral of North Korea over crimes against humanity", "The Commission of Inquiry found crimes against humanity in North Korea's political prison camps."),
            ("North Korean defectors describe forced repatriation from China", "Escapees said hundreds of North Koreans were forcibly repatriated this year."),
            ("Special Rapporteur warns of forced labour in DPRK detention", "The Special Rapporteur on human rights in North Korea described torture and forced labour."),
            ("Japan raises abduction issue with North Korea at UN", "Families of abductees urged Pyongyang to account for the abduction victims."),
        };
        for (var i = 0; i < 40; i++)
        {
            var (title, summary) = samples[i % samples.Length];
            title = $"{title} ({i})";
            var result = classifier.Classify(new ClassifierInput($"item{i}", title, summary));
            await recorder.StoreAsync(new MatchMessage
            {
                ItemId = $"item{i:D3}",
                FeedId = feeds[i % feeds.Count].Id,
                Title = title,
                Summary = summary,
                Link = $"https://example.org/{i}",
                Published = now.AddHours(-i),
                Score = result.Score,
                Topics = result.Topics,
                Hits = result.Hits,
            }, default);
        }

    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NkWatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("NkWatch.sln not found");
    }
}
