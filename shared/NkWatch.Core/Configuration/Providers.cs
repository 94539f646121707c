using Microsoft.Extensions.Logging;
using NkWatch.Core.Classification;
using NkWatch.Core.Concurrency;
using NkWatch.Core.Feeds;

namespace NkWatch.Core.Configuration;

/// <summary>The feed catalogue in force.</summary>
public interface IFeedCatalogProvider
{
    /// <summary>
    /// The catalogue in force, at once once it is loaded; until then the load in flight (or a new
    /// one), whose failure fails this call and leaves the next one to try again.
    /// </summary>
    ValueTask<FeedCatalog> GetCatalogAsync(CancellationToken cancellationToken);
}

/// <summary>The classifier compiled from the rules in force.</summary>
public interface IClassifierProvider
{
    /// <summary>The classifier in force; loads the rules first when none are in force yet, as <see cref="GetRulesAsync"/> does.</summary>
    ValueTask<IClassifier> GetClassifierAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The rules in force, at once once they are loaded; until then the load in flight (or a new
    /// one), whose failure fails this call and leaves the next one to try again.
    /// </summary>
    ValueTask<RuleSet> GetRulesAsync(CancellationToken cancellationToken);
}

/// <summary>What a look at the rule source found.</summary>
public enum RulesRefreshOutcome
{
    /// <summary>The source has not changed since the rules in force (or since it was last refused).</summary>
    Unchanged,

    /// <summary>New rules were read, checked, compiled and put in force.</summary>
    Reloaded,

    /// <summary>The source changed but its rules are bad: the last good rules stay in force.</summary>
    Rejected,

    /// <summary>The source could not be read: the last good rules stay in force.</summary>
    Unreadable,
}

public sealed record RulesRefresh(RulesRefreshOutcome Outcome, string? Problem = null);

/// <summary>
/// The rules from <c>Rules__Source</c> (a file, or a blob of the app's storage account), compiled
/// once and put in force atomically. The host's start-up work begins the first load
/// (<c>StartupWork</c>); while the host runs, <see cref="WatchAsync"/> looks at the source every
/// <see cref="CheckInterval"/>. A changed source is read, checked and compiled, and replaces the
/// rules only if all of that succeeds; a bad file is logged with its line and what is wrong, and
/// the last good rules keep running. Only the first load, with nothing to fall back on, fails
/// loudly: the use that needed it fails, and the next use tries again (concurrent uses share one
/// attempt). Once loaded, the rules in force come back without I/O.
/// </summary>
public sealed partial class ReloadingRulesProvider : IClassifierProvider
{
    private readonly string source;
    private readonly ConfigDocuments documents;
    private readonly TimeProvider clock;
    private readonly ILogger<ReloadingRulesProvider> logger;
    private readonly AsyncOnce<Snapshot> firstLoad;
    private Snapshot? current;
    private string? refusedVersion;

    public ReloadingRulesProvider(string source, ConfigDocuments documents, TimeProvider clock, ILogger<ReloadingRulesProvider> logger, TimeSpan checkInterval)
    {
        this.source = source;
        this.documents = documents;
        this.clock = clock;
        this.logger = logger;
        CheckInterval = checkInterval;
        firstLoad = new AsyncOnce<Snapshot>(LoadFirstAsync);
    }

    public TimeSpan CheckInterval { get; }

    public async ValueTask<IClassifier> GetClassifierAsync(CancellationToken cancellationToken) =>
        (await InForceAsync(cancellationToken).ConfigureAwait(false)).Classifier;

    public async ValueTask<RuleSet> GetRulesAsync(CancellationToken cancellationToken) =>
        (await InForceAsync(cancellationToken).ConfigureAwait(false)).Classifier.Rules;

    /// <summary>The version tag of the source the rules in force came from (file time and size, or blob ETag).</summary>
    public string? SourceVersion => Volatile.Read(ref current)?.SourceVersion;

    /// <summary>Looks at the source now and puts changed, good rules in force.</summary>
    public async Task<RulesRefresh> RefreshAsync(CancellationToken cancellationToken)
    {
        ConfigDocument document;
        try
        {
            document = await documents.ReadAsync(source, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConfigurationFileException or IOException or UnauthorizedAccessException)
        {
            LogUnreadable(source, ex.Message);
            return new RulesRefresh(RulesRefreshOutcome.Unreadable, ex.Message);
        }

        if (document.Version == SourceVersion || document.Version == refusedVersion)
        {
            return new RulesRefresh(RulesRefreshOutcome.Unchanged);
        }

        try
        {
            var snapshot = Compile(document);
            Volatile.Write(ref current, snapshot);
            refusedVersion = null;
            LogReloaded(source, snapshot.Classifier.Rules.Version);
            return new RulesRefresh(RulesRefreshOutcome.Reloaded);
        }
        catch (ConfigurationFileException ex)
        {
            refusedVersion = document.Version;
            LogRefused(ex.Message, Volatile.Read(ref current)?.Classifier.Rules.Version ?? "none");
            return new RulesRefresh(RulesRefreshOutcome.Rejected, ex.Message);
        }
    }

    /// <summary>
    /// Looks at the source every <see cref="CheckInterval"/> of the provider's clock until
    /// <paramref name="stoppingToken"/> is cancelled (the host's <c>RulesWatch</c> runs it). Nothing is looked at before the first
    /// load succeeded: that load is owed to the next use, which fails loudly if it fails again.
    /// </summary>
    public async Task WatchAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (Volatile.Read(ref current) is null)
                {
                    LogNotLoaded(source);
                    continue;
                }

                try
                {
                    await RefreshAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not OutOfMemoryException)
                {
                    // Nobody awaits a tick: an error the reader did not foresee (identity, network, a
                    // timeout) is logged here, not lost, and never ends the watch (nor the host with it).
                    LogUnreadable(source, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private static Snapshot Compile(ConfigDocument document) =>
        new(new KeywordClassifier(RuleSetLoader.Parse(document.Content, document.Source)), document.Version);

    /// <summary>The rules in force without I/O; before the first load, that load (shared with concurrent callers).</summary>
    private ValueTask<Snapshot> InForceAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref current) is { } snapshot ? ValueTask.FromResult(snapshot) : new(firstLoad.GetAsync(cancellationToken));

    /// <summary>The first rules: nothing to fall back on, so a bad or missing source fails here, with its message.</summary>
    private async Task<Snapshot> LoadFirstAsync()
    {
        var document = await documents.ReadAsync(source, CancellationToken.None).ConfigureAwait(false);
        var snapshot = Compile(document);
        Volatile.Write(ref current, snapshot);
        LogLoaded(source, snapshot.Classifier.Rules.Version);
        return snapshot;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Classifier rules {Version} loaded from {Source}")]
    private partial void LogLoaded(string source, string version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Classifier rules from {Source} not loaded yet: the first use loads them, not the watch")]
    private partial void LogNotLoaded(string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Classifier rules {Version} reloaded from {Source}")]
    private partial void LogReloaded(string source, string version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Changed classifier rules refused, rules {InForce} stay in force: {Problem}")]
    private partial void LogRefused(string problem, string inForce);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Classifier rules at {Source} could not be read, the rules in force stay: {Problem}")]
    private partial void LogUnreadable(string source, string problem);

    private sealed record Snapshot(KeywordClassifier Classifier, string SourceVersion);
}
