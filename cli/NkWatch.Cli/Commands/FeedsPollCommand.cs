using Microsoft.Extensions.DependencyInjection;
using NkWatch.Cli.Hosting;
using NkWatch.Core.Configuration;

namespace NkWatch.Cli.Commands;

/// <summary>
/// <c>nkwatch feeds poll [--only ID,...] [--feeds FILE] [--data DIR] [--storage CONN]</c>: polls the
/// named feeds (default: all) now, whatever their schedule, with the stored ETag and Last-Modified,
/// classifies and stores what is new, and prints the lines <c>run</c> prints. The next scheduled
/// poll follows from the result. Exit code 1 when any feed failed.
/// </summary>
internal static class FeedsPollCommand
{
    private const string Help = """
        usage: nkwatch feeds poll [--only ID,...] [--feeds FILE] [--rules FILE] [--data DIR] [--storage CONN]

        Polls the named feeds of the catalogue (default: all) at once, whatever their schedule,
        sending the stored ETag and Last-Modified, and stores their new items and matches as a
        scheduled poll would; the next scheduled poll follows from the result. Digests are left to
        `nkwatch run`. Prints a line per feed and a total; exits 1 if any feed failed.
        """;

    public static async Task<int> RunAsync(string[] args, CommandIo io, CancellationToken cancellationToken)
    {
        if (args is ["--help"] or ["-h"])
        {
            await io.Out.WriteLineAsync(Help).ConfigureAwait(false);
            return CommandLine.Ok;
        }

        var arguments = new Arguments(args, ["only", "feeds", "rules", "data", "storage"], []);
        arguments.ExpectAtMost(0);
        using var services = LocalServices.ForState(StateOptions.Read(arguments, io));
        var feeds = CatalogSelection.Select(services.GetRequiredService<IFeedCatalogProvider>().Catalog, arguments.Option("only"));
        var runner = ActivatorUtilities.CreateInstance<LocalRunner>(services);
        var reports = await runner.PollNowAsync(feeds, cancellationToken).ConfigureAwait(false);
        await PollSummary.WriteFeedsAsync(io.Out, reports).ConfigureAwait(false);
        await io.Out.WriteLineAsync(PollSummary.Totals(reports)).ConfigureAwait(false);
        return reports.Any(r => r.Failed) ? CommandLine.SomeFailed : CommandLine.Ok;
    }
}
