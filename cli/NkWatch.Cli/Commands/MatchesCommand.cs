using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Cli.Hosting;
using NkWatch.Core.Configuration;
using NkWatch.Core.Digests;
using NkWatch.Core.Feeds;
using NkWatch.Core.Search;
using NkWatch.Core.Storage;

namespace NkWatch.Cli.Commands;

/// <summary>
/// <c>nkwatch matches search TEXT [--limit N] [--json] [--data DIR] [--storage CONN]</c>: every
/// stored match that contains all the words, best first, each with its outlet and why it matched
/// (the reasons digests give).
/// </summary>
internal static class MatchesCommand
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 200;

    public static Command Create(CommandIo io)
    {
        var text = new Argument<string>("TEXT") { Description = $"the words to look for, all of them, in titles and summaries (at most {SearchQuery.MaxLength} characters); Korean and Japanese are found inside longer words" };
        var limit = WholeNumberOption.Create(
            "--limit", "N", $"at most this many matches, 1 to {MaxLimit} (default: {DefaultLimit})", 1, MaxLimit, _ => $"--limit must be a whole number from 1 to {MaxLimit}");
        var json = new Option<bool>("--json") { Description = "print the matches as JSON" };
        var search = new Command("search", "stored matches with all the words, best first, with their outlet and why they matched") { text, limit, json };
        var state = StateOptions.AddTo(search);
        search.SetGuardedAction(io, async (parsed, cancellationToken) =>
        {
            var query = SearchQuery.Parse(parsed.GetRequiredValue(text), out var error) ?? throw new UsageException(error!);
            var settings = state.Read(parsed, io);
            return await SearchAsync(query, parsed.GetValue(limit) ?? DefaultLimit, parsed.GetValue(json), settings, io, cancellationToken).ConfigureAwait(false);
        });
        return new Command("matches", "the stored matches") { search };
    }

    private static async Task<int> SearchAsync(SearchQuery query, int limit, bool json, LocalSettings settings, CommandIo io, CancellationToken cancellationToken)
    {
        using var host = await LocalServices.StartStateAsync(settings, cancellationToken).ConfigureAwait(false);
        var services = host.Services;
        var catalog = await services.GetRequiredService<IFeedCatalogProvider>().GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var topics = (await services.GetRequiredService<IClassifierProvider>().GetRulesAsync(cancellationToken).ConfigureAwait(false)).Topics;
        string TopicName(string id) => topics.FirstOrDefault(t => t.Id == id) is { Name.Length: > 0 } topic ? topic.Name : id;
        var found = await services.GetRequiredService<IMatchStore>().SearchAsync(query, Core.Matches.MatchFilter.All, limit, cancellationToken).ConfigureAwait(false);
        var rows = found.Select(m => new
        {
            id = m.ItemId,
            storyId = m.StoryId,
            title = FeedTextCleaner.SingleLine(m.Title, 300),
            link = SafeLink.Http(m.Link),
            feed = m.FeedId,
            outlet = catalog.Find(m.FeedId)?.Name ?? m.FeedId,
            language = catalog.Find(m.FeedId)?.Language,
            published = m.Published,
            score = m.Score,
            topics = m.Topics,
            why = MatchReasons.Describe(m.Topics, [m], TopicName),
        }).ToList();
        if (json)
        {
            await io.Out.WriteLineAsync(JsonSerializer.Serialize(rows, CliJson.Options)).ConfigureAwait(false);
            return CommandLine.Ok;
        }

        var number = 0;
        foreach (var row in rows)
        {
            number++;
            var when = (row.published ?? found[number - 1].StoredAt).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{number}. {row.title}\n   {row.outlet} · {when}{(row.link is null ? string.Empty : "\n   " + row.link)}\n   Why this matched: {row.why}")).ConfigureAwait(false);
        }

        await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{rows.Count} matches for \"{query.Text}\"")).ConfigureAwait(false);
        return CommandLine.Ok;
    }
}
