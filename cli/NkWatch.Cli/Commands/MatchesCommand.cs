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

    private const string Help = """
        usage: nkwatch matches search TEXT [--limit N] [--json] [--data DIR] [--storage CONN]

        Searches every stored match (title and summary) for all the words of TEXT, best first, and
        prints each with its outlet, date, link and why it matched. Korean and Japanese are found
        inside longer words ("북한" finds "북한은"). TEXT is at most 200 characters; --limit is
        1-200 (default 20).
        """;

    public static async Task<int> RunAsync(string[] args, CommandIo io, CancellationToken cancellationToken)
    {
        if (args is [] or ["--help"] or ["-h"] or ["search", "--help"] or ["search", "-h"])
        {
            await io.Out.WriteLineAsync(Help).ConfigureAwait(false);
            return args.Length == 0 ? CommandLine.BadInput : CommandLine.Ok;
        }

        if (args[0] != "search")
        {
            throw new UsageException($"unknown matches command \"{args[0]}\" (search)");
        }

        var arguments = new Arguments(args[1..], ["data", "storage", "feeds", "rules", "limit"], ["json"]);
        arguments.ExpectAtMost(1);
        var query = SearchQuery.Parse(arguments.Positional(0, "the text to search for"), out var error)
            ?? throw new UsageException(error!);
        var limit = DefaultLimit;
        if (arguments.Option("limit") is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            throw new UsageException($"--limit must be a whole number from 1 to {MaxLimit}");
        }

        using var services = LocalServices.ForState(StateOptions.Read(arguments, io));
        var catalog = services.GetRequiredService<IFeedCatalogProvider>().Catalog;
        var topics = services.GetRequiredService<IClassifierProvider>().Rules.Topics;
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
        if (arguments.Flag("json"))
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
