using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using NkWatch.Core.Configuration;

namespace NkWatch.Core.Tests.Classification;

/// <summary>The service's rules: read once, looked at again on a timer, reloaded when the source changes, and never replaced by bad rules.</summary>
public sealed class ReloadingRulesProviderTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly string directory = Directory.CreateTempSubdirectory("nkwatch-rules-").FullName;
    private readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly FakeLogger<ReloadingRulesProvider> logger = new();
    private readonly CancellationTokenSource stopping = new();
    private int writes;

    private string RulesPath => Path.Combine(directory, "rules.json");

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task The_rules_are_read_on_first_use()
    {
        Write(Rules("v1"));

        var provider = Provider();

        Assert.Equal("v1", (await provider.GetRulesAsync(CancellationToken.None)).Version);
        Assert.True((await provider.GetClassifierAsync(CancellationToken.None)).Classify(new("x", "North Korea defector", string.Empty)).Relevant);
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Message.Contains("Classifier rules v1 loaded from", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Once_loaded_the_rules_come_back_at_once_without_reading_the_source_again()
    {
        var source = new MemorySource(Rules("v1"));
        var provider = MemoryProvider(source);
        await provider.GetRulesAsync(CancellationToken.None);

        var rules = provider.GetRulesAsync(CancellationToken.None);
        var classifier = provider.GetClassifierAsync(CancellationToken.None);

        Assert.True(rules.IsCompletedSuccessfully);
        Assert.True(classifier.IsCompletedSuccessfully);
        Assert.Equal("v1", (await rules).Version);
        Assert.NotNull(await classifier);
        Assert.Equal(1, source.Reads);
    }

    [Fact]
    public async Task Changed_good_rules_replace_the_rules_in_force()
    {
        Write(Rules("v1"));
        var provider = Provider();
        Assert.Equal("v1", await VersionAsync(provider));

        Write(Rules("v2", term: "escapee"));
        var refresh = await provider.RefreshAsync(CancellationToken.None);

        Assert.Equal(RulesRefreshOutcome.Reloaded, refresh.Outcome);
        Assert.Equal("v2", await VersionAsync(provider));
        Assert.True((await provider.GetClassifierAsync(CancellationToken.None)).Classify(new("x", "North Korea escapee", string.Empty)).Relevant);
    }

    [Fact]
    public async Task Bad_rules_are_refused_with_their_line_and_the_last_good_rules_keep_running()
    {
        Write(Rules("v1"));
        var provider = Provider();
        Assert.Equal("v1", await VersionAsync(provider));

        Write(Rules("v2").Replace("\"threshold\": 3", "\"threshold\": -3", StringComparison.Ordinal));
        var refused = await provider.RefreshAsync(CancellationToken.None);
        var again = await provider.RefreshAsync(CancellationToken.None);

        Assert.Equal(RulesRefreshOutcome.Rejected, refused.Outcome);
        Assert.Equal($"{RulesPath}:2: \"threshold\" must be a positive number (at most 1000), not -3", refused.Problem);
        Assert.Equal(RulesRefreshOutcome.Unchanged, again.Outcome);
        Assert.Equal("v1", await VersionAsync(provider));
        Assert.True((await provider.GetClassifierAsync(CancellationToken.None)).Classify(new("x", "North Korea defector", string.Empty)).Relevant);
        Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.StartsWith("Changed classifier rules refused, rules v1 stay in force:", StringComparison.Ordinal));

        Write(Rules("v3"));
        Assert.Equal(RulesRefreshOutcome.Reloaded, (await provider.RefreshAsync(CancellationToken.None)).Outcome);
        Assert.Equal("v3", await VersionAsync(provider));
    }

    [Fact]
    public async Task A_source_that_disappears_leaves_the_rules_in_force()
    {
        Write(Rules("v1"));
        var provider = Provider();
        Assert.Equal("v1", await VersionAsync(provider));

        File.Delete(RulesPath);
        var refresh = await provider.RefreshAsync(CancellationToken.None);

        Assert.Equal(RulesRefreshOutcome.Unreadable, refresh.Outcome);
        Assert.Equal("v1", await VersionAsync(provider));
    }

    [Fact]
    public async Task Bad_rules_at_the_start_fail_loudly_with_their_line_and_the_next_use_reads_again()
    {
        Write("{ \"version\": \"v1\",\n  \"subjects\": [] }");
        var provider = Provider();

        var error = await Assert.ThrowsAsync<ConfigurationFileException>(() => provider.GetRulesAsync(CancellationToken.None).AsTask());
        Write(Rules("v2"));

        Assert.Equal($"{RulesPath}:2: \"subjects\" must list at least one term", error.Message);
        Assert.Equal("v2", await VersionAsync(provider));
    }

    [Fact]
    public async Task The_watch_looks_at_the_source_once_every_interval()
    {
        var source = new MemorySource(Rules("v1"));
        var provider = MemoryProvider(source);
        Assert.Equal("v1", await VersionAsync(provider));
        var watching = provider.WatchAsync(stopping.Token);

        source.Change(Rules("v2"));
        clock.Advance(Interval - TimeSpan.FromSeconds(1));
        var beforeInterval = await VersionAsync(provider);
        var readsBeforeInterval = source.Reads;
        clock.Advance(TimeSpan.FromSeconds(1));
        await LoggedAsync("Classifier rules v2 reloaded from");

        Assert.Equal("v1", beforeInterval);
        Assert.Equal(1, readsBeforeInterval);
        Assert.Equal("v2", await VersionAsync(provider));
        Assert.Equal(2, source.Reads);

        await stopping.CancelAsync();
        await watching;
    }

    [Fact]
    public async Task The_watch_leaves_the_first_load_to_the_first_use()
    {
        var source = new MemorySource(Rules("v1"));
        var provider = MemoryProvider(source);
        var watching = provider.WatchAsync(stopping.Token);

        clock.Advance(Interval);
        await LoggedAsync("not loaded yet");
        Assert.Equal(0, source.Reads);
        Assert.Equal("v1", await VersionAsync(provider));
        source.Change(Rules("v2"));
        clock.Advance(Interval);
        await LoggedAsync("Classifier rules v2 reloaded from");

        // The first tick, with nothing loaded, read nothing: one read to load, one on the second tick.
        Assert.Equal(2, source.Reads);
        Assert.DoesNotContain(logger.Collector.GetSnapshot(), r => r.Message.Contains("v1 reloaded", StringComparison.Ordinal));

        await stopping.CancelAsync();
        await watching;
    }

    [Fact]
    public async Task An_error_the_reader_did_not_foresee_is_logged_and_the_watch_goes_on()
    {
        var source = new MemorySource(Rules("v1"));
        var provider = MemoryProvider(source);
        Assert.Equal("v1", await VersionAsync(provider));
        var watching = provider.WatchAsync(stopping.Token);

        source.FailNextRead(new InvalidOperationException("the identity endpoint did not answer"));
        clock.Advance(Interval);
        var unreadable = await LoggedAsync("could not be read");
        source.Change(Rules("v2"));
        clock.Advance(Interval);
        await LoggedAsync("Classifier rules v2 reloaded from");

        Assert.Equal(LogLevel.Warning, unreadable.Level);
        Assert.EndsWith("the identity endpoint did not answer", unreadable.Message, StringComparison.Ordinal);
        Assert.Equal("v2", await VersionAsync(provider));

        await stopping.CancelAsync();
        await watching;
    }

    private static async Task<string> VersionAsync(ReloadingRulesProvider provider) => (await provider.GetRulesAsync(CancellationToken.None)).Version;

    private static string Rules(string version, string term = "defector") => $$"""
        { "version": "{{version}}",
          "threshold": 3,
          "subjects": ["North Korea"],
          "topics": [{ "id": "refugees", "within": "item", "terms": [{ "term": "{{term}}", "weight": 3 }] }] }
        """;

    /// <summary>The first record whose message contains <paramref name="text"/>, as soon as it is logged.</summary>
    private async Task<FakeLogRecord> LoggedAsync(string text)
    {
        // Only a guard against a hang: a tick's work takes milliseconds.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var record in logger.Collector.GetLogsAsync(guard.Token))
        {
            if (record.Message.Contains(text, StringComparison.Ordinal))
            {
                return record;
            }
        }

        throw new InvalidOperationException("the log ended");
    }

    private ReloadingRulesProvider Provider() =>
        new(RulesPath, new ConfigDocuments([new FileConfigDocumentReader()]), clock, logger, Interval);

    private ReloadingRulesProvider MemoryProvider(MemorySource source) =>
        new("memory:rules", new ConfigDocuments([source]), clock, logger, Interval);

    private void Write(string content)
    {
        File.WriteAllText(RulesPath, content);

        // A new modification time on every write, as a deploy or an editor would leave.
        File.SetLastWriteTimeUtc(RulesPath, clock.GetUtcNow().UtcDateTime.AddSeconds(++writes));
    }

    private sealed class MemorySource(string content) : IConfigDocumentReader
    {
        private string current = content;
        private int version = 1;
        private int reads;
        private Exception? failure;

        public int Reads => Volatile.Read(ref reads);

        public void Change(string content)
        {
            current = content;
            version++;
        }

        public void FailNextRead(Exception exception) => failure = exception;

        public bool CanRead(string source) => source.StartsWith("memory:", StringComparison.Ordinal);

        public Task<ConfigDocument> ReadAsync(string source, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref reads);
            if (Interlocked.Exchange(ref failure, null) is { } exception)
            {
                return Task.FromException<ConfigDocument>(exception);
            }

            return Task.FromResult(new ConfigDocument(source, Encoding.UTF8.GetBytes(current), version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
