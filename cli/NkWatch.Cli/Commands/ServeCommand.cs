using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using NkWatch.Cli.Hosting;
using NkWatch.Core.Configuration;

namespace NkWatch.Cli.Commands;

/// <summary><c>nkwatch serve [--urls URL] [--data DIR]</c>: the subscription pages, the archive and the webhooks on Kestrel.</summary>
internal static class ServeCommand
{
    public static Command Create(CommandIo io)
    {
        var urls = new Option<string>("--urls") { HelpName = "URL", Description = "the http:// or https:// addresses to listen on, separated by ';'", DefaultValueFactory = _ => AppOptions.LocalBaseUrl };
        var command = new Command("serve", "the subscribe pages, archive and webhooks on Kestrel, until Ctrl+C") { urls };
        var state = StateOptions.AddTo(command);
        command.SetGuardedAction(io, (parsed, cancellationToken) => RunAsync(parsed.GetRequiredValue(urls), state, parsed, io, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string urls, StateOptions state, ParseResult parsed, CommandIo io, CancellationToken cancellationToken)
    {
        if (urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is not { Length: > 0 } entries
            || entries.Any(u => !u.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            throw new UsageException($"--urls must be http:// or https:// URLs separated by ';', not \"{urls}\"");
        }

        var settings = state.Read(parsed, io);
        await using var app = LocalWebHost.Build(settings, urls);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new UsageException($"cannot listen on {urls}: {ex.Message}");
        }

        await io.Out.WriteLineAsync($"serving {string.Join(", ", app.Urls)}: open {app.Urls.First().TrimEnd('/')}/api/subscribe (Ctrl+C stops)").ConfigureAwait(false);
        try
        {
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        // Ctrl+C and SIGTERM come only through the command line (the host's lifetime leaves them to it).
        if (cancellationToken.IsCancellationRequested)
        {
            return CommandLine.Cancelled;
        }

        await io.Error.WriteLineAsync("error: the server stopped on its own; the log lines above say why").ConfigureAwait(false);
        return CommandLine.SomeFailed;
    }
}
