using Microsoft.Extensions.Hosting;

namespace NkWatch.Cli.Hosting;

/// <summary>
/// A host lifetime that leaves Ctrl+C and SIGTERM to the command line (System.CommandLine cancels the
/// command, which stops the host), so a signal is seen once and the command alone picks the exit code.
/// </summary>
internal sealed class CommandLineLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
