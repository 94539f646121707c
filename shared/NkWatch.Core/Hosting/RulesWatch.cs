using Microsoft.Extensions.Hosting;
using NkWatch.Core.Configuration;

namespace NkWatch.Core.Hosting;

/// <summary>While the host runs, looks at the rule source on a timer (<see cref="ReloadingRulesProvider.WatchAsync"/>).</summary>
public sealed class RulesWatch(IClassifierProvider rules) : BackgroundService
{
    /// <remarks>Rules of another kind (fixed in a test) have no source to watch.</remarks>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        rules is ReloadingRulesProvider reloading ? reloading.WatchAsync(stoppingToken) : Task.CompletedTask;
}
