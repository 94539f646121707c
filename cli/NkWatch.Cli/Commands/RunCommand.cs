using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Cli.Hosting;
using NkWatch.Core.Pipeline;

namespace NkWatch.Cli.Commands;

/// <summary><c>nkwatch run [--once]</c>: the whole pipeline in this process, once or every few minutes.</summary>
internal static class RunCommand
{
    private static readonly TimeSpan PassInterval = TimeSpan.FromMinutes(5);

    public static Command Create(CommandIo io)
    {
        var once = new Option<bool>("--once") { Description = "one pass, then exit (default: a pass every five minutes until Ctrl+C)" };
        var command = new Command("run", "poll, classify, store, send the digests that are due; a summary per feed and per digest, progress on stderr") { once };
        var state = StateOptions.AddTo(command);
        command.SetGuardedAction(io, (parsed, cancellationToken) => RunAsync(state.Read(parsed, io), parsed.GetValue(once), io, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(LocalSettings settings, bool once, CommandIo io, CancellationToken cancellationToken)
    {
        using var host = await LocalServices.StartStateAsync(settings, cancellationToken).ConfigureAwait(false);
        var runner = ActivatorUtilities.CreateInstance<LocalRunner>(host.Services);

        // With SQLite state, holding the folder's lock means no other run is sending from it.
        using var folder = settings.Storage is null ? DataFolderLock.TryAcquire(settings.DataDirectory) : null;
        if (folder is not null)
        {
            await runner.RecoverAsync(cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            var report = await runner.RunOnceAsync(new PollProgress(io.Error).Report, cancellationToken).ConfigureAwait(false);
            await PrintAsync(io.Out, report).ConfigureAwait(false);
            if (once)
            {
                return CommandLine.Ok;
            }

            await Task.Delay(PassInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task PrintAsync(TextWriter output, PassReport report)
    {
        await PollSummary.WriteFeedsAsync(output, report.Feeds).ConfigureAwait(false);
        var c = CultureInfo.InvariantCulture;
        foreach (var digest in report.Digests)
        {
            await output.WriteLineAsync(string.Create(c, $"digest {digest.SubscriberId} {digest.Period}: {digest.Outcome.Name()}, {digest.Stories} stories{(digest.Detail is null ? string.Empty : " (" + digest.Detail + ")")}")).ConfigureAwait(false);
        }

        await output.WriteLineAsync(string.Create(c, $"{PollSummary.Totals(report.Feeds)}, {report.Digests.Count(d => d.Outcome == DigestOutcome.Sent)} digests sent")).ConfigureAwait(false);
    }
}
