using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NkWatch.Core.Configuration;
using NkWatch.Core.Storage;

namespace NkWatch.Core.Hosting;

/// <summary>
/// What every host begins as it starts: reading the feed catalogue and the rules, and preparing
/// storage (tables, queues, the SQLite file). It runs in the background, so a slow or unreachable
/// blob never holds up the host's start (the Functions host waits for the worker); a failure is
/// logged once with its reason and the host goes on, since each of these is tried again on first
/// use, where it fails loudly if it still cannot be done.
/// </summary>
public sealed partial class StartupWork(
    IFeedCatalogProvider catalog,
    IClassifierProvider rules,
    IEnumerable<IStorageInitializer> storage,
    ILogger<StartupWork> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll([
            RunAsync("feed catalogue", async ct => await catalog.GetCatalogAsync(ct).ConfigureAwait(false), stoppingToken),
            RunAsync("classifier rules", async ct => await rules.GetRulesAsync(ct).ConfigureAwait(false), stoppingToken),
            .. storage.Select(initializer => RunAsync("storage", initializer.InitializeAsync, stoppingToken)),
        ]);

    /// <summary>One piece of the work; never throws, since an exception here would stop the host.</summary>
    private async Task RunAsync(string what, Func<CancellationToken, Task> step, CancellationToken stoppingToken)
    {
        try
        {
            // Off the host's starting thread: no step's synchronous part (opening a file) holds it up.
            await Task.Yield();
            await step(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stopped before the work was done: the first use does it.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogNotReady(what, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {What} could not be prepared at start-up, it is tried again when first needed: {Problem}")]
    private partial void LogNotReady(string what, string problem);
}
