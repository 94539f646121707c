using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NkWatch.Core;
using NkWatch.Core.Messaging;
using NkWatch.Core.Pipeline;
using NkWatch.Storage.Sqlite;
using NkWatch.Hosting;

namespace NkWatch.Benchmarks.Feeds;

/// <summary>
/// <c>--poll [FEEDS] [ITEMS]</c>: polls FEEDS feeds (500) of ITEMS items (10) served by a loopback
/// server, through the real FeedPoller over SQLite, eight at a time as <c>nkwatch run</c> does: a
/// first pass with content, then a second in which one feed in ten has a new item and the rest
/// answer 304. Prints wall time, outcomes and peak memory for each pass. A harness rather than a
/// BenchmarkDotNet benchmark: a pass changes the state the next one starts from.
/// </summary>
internal static class PollHarness
{
    private const int Parallelism = 8;

    public static async Task<int> RunAsync(string[] args)
    {
        var feedCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
        var items = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var versions = new ConcurrentDictionary<int, int>();
        await using var server = await StartServerAsync(versions, items);
        var baseUrl = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        var work = Directory.CreateTempSubdirectory("nkwatch-poll-");
        try
        {
            var catalog = Path.Combine(work.FullName, "feeds.json");
            var feeds = Enumerable.Range(0, feedCount).Select(n => new { id = $"feed-{n}", name = $"Feed {n}", url = $"{baseUrl}/feed/{n}", language = "en" });
            await File.WriteAllTextAsync(catalog, JsonSerializer.Serialize(new { feeds }));
            using var services = Services(catalog, Path.Combine(work.FullName, "state.db"));
            var poller = services.GetRequiredService<FeedPoller>();
            var ids = feeds.Select(f => f.id).ToList();

            Console.WriteLine($"polling {feedCount} feeds of {items} items on {baseUrl}, {Parallelism} at a time, {Environment.ProcessorCount} cores");
            await PassAsync("first pass (content)", poller, ids, DateTimeOffset.UtcNow);
            foreach (var n in Enumerable.Range(0, feedCount).Where(n => n % 10 == 0))
            {
                versions[n] = 1;
            }

            await PassAsync("second pass (1 in 10 changed, rest 304)", poller, ids, DateTimeOffset.UtcNow.AddDays(1));
            Console.WriteLine($"process peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task PassAsync(string name, FeedPoller poller, List<string> ids, DateTimeOffset dueAt)
    {
        GC.Collect();
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var newItems = 0;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long peakHeap = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(10).ConfigureAwait(false);
            }
        });

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (id, token) =>
        {
            var report = await poller.PollAsync(new FeedPollMessage(id, dueAt), token).ConfigureAwait(false);
            outcomes.AddOrUpdate(report.Outcome.Name(), 1, (_, n) => n + 1);
            if (report.Error is not null)
            {
                Console.WriteLine($"  {report.FeedId}: {report.Error}");
            }

            Interlocked.Add(ref newItems, report.NewItems);
        }).ConfigureAwait(false);
        clock.Stop();
        await sampling.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);

        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (1024 * 1024);
        var summary = string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Value} {o.Key}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {clock.Elapsed.TotalSeconds:0.00} s wall; {summary}; {newItems} new items; peak managed heap {peakHeap / (1024 * 1024)} MiB; allocated {allocated} MiB"));
    }

    private static ServiceProvider Services(string catalog, string database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Feeds:Source"] = catalog,
            ["App:TokenKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["Fetch:AllowPrivateAddresses"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddNkWatch(configuration, s => s.AddNkWatchSqlite(database));
        return services.BuildServiceProvider();
    }

    private static async Task<WebApplication> StartServerAsync(ConcurrentDictionary<int, int> versions, int items)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var bodies = new ConcurrentDictionary<(int Feed, int Version), (byte[] Body, string ETag)>();
        app.MapGet("/feed/{n:int}", (int n, HttpContext context) =>
        {
            var version = versions.GetValueOrDefault(n);
            var (body, etag) = bodies.GetOrAdd((n, version), key =>
            {
                var bytes = SyntheticFeeds.Rss(items, seed: (key.Feed * 1000) + 100 - key.Version);
                return (bytes, $"\"{key.Feed}-{key.Version}\"");
            });
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            context.Response.Headers.ETag = etag;
            return Results.Bytes(body, "application/rss+xml; charset=utf-8");
        });
        await app.StartAsync().ConfigureAwait(false);
        return app;
    }
}
