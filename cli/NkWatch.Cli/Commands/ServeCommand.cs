using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using NkWatch.Cli.Hosting;

namespace NkWatch.Cli.Commands;

/// <summary><c>nkwatch serve [--urls URL] [--data DIR]</c>: the subscription pages, the archive and the webhooks on Kestrel.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args, CommandIo io, CancellationToken cancellationToken)
    {
        var arguments = new Arguments(args, ["urls", "data", "feeds", "rules", "storage"], []);
        arguments.ExpectAtMost(0);
        var urls = arguments.Option("urls") ?? LocalServices.DefaultPublicBaseUrl;
        if (urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is not { Length: > 0 } entries
            || entries.Any(u => !u.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            throw new UsageException($"--urls must be http:// or https:// URLs separated by ';', not \"{urls}\"");
        }

        var settings = StateOptions.Read(arguments, io);
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
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: stop below, as a normal end.
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return CommandLine.Ok;
    }
}
