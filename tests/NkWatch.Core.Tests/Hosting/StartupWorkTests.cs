using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NkWatch.Core.Configuration;
using NkWatch.Core.Hosting;
using NkWatch.Core.Storage;

namespace NkWatch.Core.Tests.Hosting;

/// <summary>The host's start-up work: begun in the background, logged when it fails, never in the way of the host.</summary>
public sealed class StartupWorkTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("nkwatch-startup-").FullName;
    private readonly FakeLogCollector log = new();

    private string FeedsPath => Path.Combine(directory, "feeds.json");

    private string RulesPath => Path.Combine(directory, "rules.json");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Starting_the_host_loads_the_catalogue_and_the_rules_and_prepares_storage()
    {
        File.Copy(TestPaths.Config("feeds.json"), FeedsPath);
        File.Copy(TestPaths.Config("rules.json"), RulesPath);
        var storage = new RecordingStorage();
        using var host = Build(storage);

        await host.StartAsync();
        await WorkOf(host).ExecuteTask!;

        // Loaded: both come back at once, without reading their source again.
        var catalogue = host.Services.GetRequiredService<IFeedCatalogProvider>().GetCatalogAsync(CancellationToken.None);
        var rules = host.Services.GetRequiredService<IClassifierProvider>().GetRulesAsync(CancellationToken.None);
        Assert.True(catalogue.IsCompletedSuccessfully);
        Assert.True(rules.IsCompletedSuccessfully);
        Assert.NotEmpty((await catalogue).Feeds);
        Assert.NotEmpty((await rules).Topics);
        Assert.Equal(1, storage.Calls);
        Assert.DoesNotContain(log.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        await host.StopAsync();
    }

    [Fact]
    public async Task Start_up_work_that_fails_is_logged_with_its_reason_and_the_host_runs_on()
    {
        var storage = new RecordingStorage(new IOException("the state file is locked"));
        using var host = Build(storage);

        await host.StartAsync();
        var work = WorkOf(host);
        await work.ExecuteTask!;

        // A faulted ExecuteTask is what would stop the host: it completed, and the host is running.
        Assert.True(work.ExecuteTask!.IsCompletedSuccessfully);
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        var warnings = log.GetSnapshot().Where(r => r.Level == LogLevel.Warning).Select(r => r.Message).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.Contains(warnings, m => m.StartsWith("The feed catalogue could not be prepared at start-up", StringComparison.Ordinal) && m.Contains(FeedsPath, StringComparison.Ordinal));
        Assert.Contains(warnings, m => m.StartsWith("The classifier rules could not be prepared at start-up", StringComparison.Ordinal) && m.Contains(RulesPath, StringComparison.Ordinal));
        Assert.Contains(warnings, m => m.EndsWith("the state file is locked", StringComparison.Ordinal));
        await host.StopAsync();
    }

    [Fact]
    public async Task After_a_failed_start_the_next_use_finds_the_documents_once_they_are_there()
    {
        using var host = Build(new RecordingStorage());
        await host.StartAsync();
        await WorkOf(host).ExecuteTask!;
        var failed = log.GetSnapshot().Where(r => r.Level == LogLevel.Warning).Select(r => r.Message).ToList();
        Assert.Contains(failed, m => m.StartsWith("The feed catalogue could not be prepared at start-up", StringComparison.Ordinal));
        Assert.Contains(failed, m => m.StartsWith("The classifier rules could not be prepared at start-up", StringComparison.Ordinal));

        File.Copy(TestPaths.Config("feeds.json"), FeedsPath);
        File.Copy(TestPaths.Config("rules.json"), RulesPath);

        Assert.NotEmpty((await host.Services.GetRequiredService<IFeedCatalogProvider>().GetCatalogAsync(CancellationToken.None)).Feeds);
        Assert.NotEmpty((await host.Services.GetRequiredService<IClassifierProvider>().GetRulesAsync(CancellationToken.None)).Topics);
        await host.StopAsync();
    }

    private static StartupWork WorkOf(IHost host) => host.Services.GetServices<IHostedService>().OfType<StartupWork>().Single();

    private IHost Build(RecordingStorage storage)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Feeds:Source"] = FeedsPath,
            ["Rules:Source"] = RulesPath,
        });
        builder.Logging.AddProvider(new FakeLoggerProvider(log));
        builder.Services.AddNkWatchCore(builder.Configuration).AddNkWatchBackgroundWork();
        builder.Services.AddSingleton<IStorageInitializer>(storage);
        return builder.Build();
    }

    private sealed class RecordingStorage(Exception? failure = null) : IStorageInitializer
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public Task InitializeAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            return failure is null ? Task.CompletedTask : Task.FromException(failure);
        }
    }
}
