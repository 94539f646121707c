using System.CommandLine;
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
    public static Command Create(CommandIo io)
    {
        var only = FeedsCommand.OnlyOption();
        var command = new Command("poll", "poll the named feeds (default: all) now, whatever their schedule, with the stored ETag and Last-Modified; store what is new as a scheduled poll would (digests are left to run); exit 1 if any failed")
        {
            only,
        };
        var state = StateOptions.AddTo(command);
        command.SetGuardedAction(io, (parsed, cancellationToken) => RunAsync(state.Read(parsed, io), parsed.GetValue(only), io, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(LocalSettings settings, string? only, CommandIo io, CancellationToken cancellationToken)
    {
        using var host = await LocalServices.StartStateAsync(settings, cancellationToken).ConfigureAwait(false);
        var services = host.Services;
        var catalog = await services.GetRequiredService<IFeedCatalogProvider>().GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var feeds = CatalogSelection.Select(catalog, only);
        var runner = ActivatorUtilities.CreateInstance<LocalRunner>(services);
        var reports = await runner.PollNowAsync(feeds, new PollProgress(io.Error, feeds.Count).Report, cancellationToken).ConfigureAwait(false);
        await PollSummary.WriteFeedsAsync(io.Out, reports).ConfigureAwait(false);
        await io.Out.WriteLineAsync(PollSummary.Totals(reports)).ConfigureAwait(false);
        return reports.Any(r => r.Failed) ? CommandLine.SomeFailed : CommandLine.Ok;
    }
}
