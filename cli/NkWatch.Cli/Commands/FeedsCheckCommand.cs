using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Cli.Hosting;
using NkWatch.Core.Feeds;

namespace NkWatch.Cli.Commands;

/// <summary>
/// <c>nkwatch feeds check [--json] [--feeds FILE] [--only ID,...] [--timeout SECONDS]</c>: fetches and
/// parses every feed of the catalogue live, with the limits of a real poll, and reports status,
/// format, item count, newest item and time taken; a progress line per feed goes to stderr as it
/// finishes. Exit code 1 when any feed failed. Nothing is stored.
/// </summary>
internal static class FeedsCheckCommand
{
    private const int Parallelism = 4;

    public static Command Create(CommandIo io)
    {
        var json = new Option<bool>("--json") { Description = "print the report as JSON" };
        var feeds = SourceOptions.Feeds();
        var only = FeedsCommand.OnlyOption();
        var timeout = FetchSettings.TimeoutOption();
        var command = new Command("check", "fetch and parse every catalogue feed live, with progress on stderr; exit 1 if any failed; nothing is stored") { json, feeds, only, timeout };
        command.SetGuardedAction(io, (parsed, cancellationToken) => RunAsync(
            parsed.GetValue(json), parsed.GetValue(feeds), parsed.GetValue(only), parsed.GetValue(timeout), io, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(bool json, string? feedsFile, string? only, int? timeout, CommandIo io, CancellationToken cancellationToken)
    {
        var catalog = FeedCatalog.Load(LocalConfiguration.FeedsFile(feedsFile));
        var feeds = CatalogSelection.Select(catalog, only);

        using var host = await LocalServices.StartToolsAsync(FetchSettings.From(timeout), cancellationToken).ConfigureAwait(false);
        var services = host.Services;
        var fetcher = services.GetRequiredService<FeedFetcher>();
        var parser = services.GetRequiredService<FeedParser>();
        var endpoints = services.GetRequiredService<FeedEndpoints>();
        var results = new FeedCheck[feeds.Count];
        var done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, feeds.Count), options, async (index, token) =>
        {
            var result = await CheckAsync(feeds[index], endpoints, fetcher, parser, token).ConfigureAwait(false);
            results[index] = result;
            var line = string.Create(CultureInfo.InvariantCulture, $"[{Interlocked.Increment(ref done)}/{feeds.Count}] {Describe(result)}");
            lock (io.Error)
            {
                io.Error.WriteLine(line);
            }
        }).ConfigureAwait(false);

        if (json)
        {
            await io.Out.WriteLineAsync(JsonSerializer.Serialize(results, CliJson.Options)).ConfigureAwait(false);
        }
        else
        {
            foreach (var result in results)
            {
                await io.Out.WriteLineAsync(Describe(result)).ConfigureAwait(false);
            }

            var failed = results.Count(r => !r.Ok);
            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"checked {results.Length} feeds: {results.Length - failed} ok, {failed} failed")).ConfigureAwait(false);
        }

        return results.All(r => r.Ok) ? CommandLine.Ok : CommandLine.SomeFailed;
    }

    private static async Task<FeedCheck> CheckAsync(FeedSource feed, FeedEndpoints endpoints, FeedFetcher fetcher, FeedParser parser, CancellationToken cancellationToken)
    {
        var endpoint = endpoints.Resolve(feed);
        if (endpoint.Url is null)
        {
            return new FeedCheck(feed.Id, feed.Url, false, null, null, 0, null, 0, endpoint.NotPolled, null);
        }

        var clock = Stopwatch.StartNew();
        var fetched = await fetcher.FetchAsync(endpoint.Url, null, cancellationToken).ConfigureAwait(false);
        var seconds = Math.Round(clock.Elapsed.TotalSeconds, 2);
        var check = new FeedCheck(feed.Id, feed.Url, false, fetched.StatusCode, null, 0, null, seconds, fetched.Error, fetched.MovedTo?.AbsoluteUri);
        if (fetched.Outcome != FetchOutcome.Content)
        {
            return check with { Error = FeedEndpoints.Explain(feed, fetched) };
        }

        try
        {
            var parsed = parser.Parse(feed, fetched);
            return check with
            {
                Ok = parsed.Items.Count > 0,
                Format = parsed.Format,
                Items = parsed.Items.Count,
                Newest = parsed.Items.Max(i => i.Published),
                Error = parsed.Items.Count > 0 ? null : "the feed has no items",
                Seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            };
        }
        catch (FeedParseException ex)
        {
            return check with { Error = ex.Message };
        }
    }

    private static string Describe(FeedCheck r)
    {
        var c = CultureInfo.InvariantCulture;
        var moved = r.MovedTo is null ? string.Empty : $" (moved permanently to {r.MovedTo})";
        return r.Ok
            ? string.Create(c, $"{r.Id}: ok, HTTP {r.Status}, {r.Format}, {r.Items} items, newest {r.Newest?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", c) ?? "undated"}, {r.Seconds:0.00} s{moved}")
            : string.Create(c, $"{r.Id}: error: {r.Error} ({r.Seconds:0.00} s){moved}");
    }

    /// <summary>One line of the report; also the JSON shape of <c>--json</c>.</summary>
    internal sealed record FeedCheck(string Id, string Url, bool Ok, int? Status, string? Format, int Items, DateTimeOffset? Newest, double Seconds, string? Error, string? MovedTo);
}
