using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NkWatch.Core.Configuration;

namespace NkWatch.Core.Tests.Classification;

/// <summary>The service's rules: read once, reloaded when the source changes, and never replaced by bad rules.</summary>
public sealed class ReloadingRulesProviderTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("nkwatch-rules-").FullName;
    private readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly CapturingLogger<ReloadingRulesProvider> logger = new();
    private int writes;

    private string RulesPath => Path.Combine(directory, "rules.json");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void The_rules_are_read_on_first_use()
    {
        Write(Rules("v1"));

        var provider = Provider();

        Assert.Equal("v1", provider.Rules.Version);
        Assert.True(provider.Classifier.Classify(new("x", "North Korea defector", string.Empty)).Relevant);
        Assert.Contains(logger.Messages, m => m.Contains("Classifier rules v1 loaded from", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changed_good_rules_replace_the_rules_in_force()
    {
        Write(Rules("v1"));
        var provider = Provider();
        Assert.Equal("v1", provider.Rules.Version);

        Write(Rules("v2", term: "escapee"));
        var refresh = await provider.RefreshAsync(CancellationToken.None);

        Assert.Equal(RulesRefreshOutcome.Reloaded, refresh.Outcome);
        Assert.Equal("v2", provider.Rules.Version);
        Assert.True(provider.Classifier.Classify(new("x", "North Korea escapee", string.Empty)).Relevant);
    }

    [Fact]
    public async Task Bad_rules_are_refused_with_their_line_and_the_last_good_rules_keep_running()
    {
        Write(Rules("v1"));
        var provider = Provider();
        Assert.Equal("v1", provider.Rules.Version);

        Write(Rules("v2").Replace("\"threshold\": 3", "\"threshold\": -3", StringComparison.Ordinal));
        var refused = await provider.RefreshAsync(CancellationToken.None);
        var again = await provider.RefreshAsync(CancellationToken.None);

        Assert.Equal(RulesRefreshOutcome.Rejected, refused.Outcome);
        Assert.Equal($"{RulesPath}:2: \"threshold\" must be a positive number (at most 1000), not -3", refused.Problem);
        Assert.Equal(RulesRefreshOutcome.Unchanged, again.Outcome);
        Assert.Equal("v1", provider.Rules.Version);
        Assert.True(provider.Classifier.Classify(new("x", "North Korea defector", string.Empty)).Relevant);
        Assert.Single(logger.Messages, m => m.StartsWith("Error: Changed classifier rules refused, rules v1 stay in force:", StringComparison.Ordinal));

        Write(Rules("v3"));
        Assert.Equal(RulesRefreshOutcome.Reloaded, (await provider.RefreshAsync(CancellationToken.None)).Outcome);
        Assert.Equal("v3", provider.Rules.Version);
    }

    [Fact]
    public async Task A_source_that_disappears_leaves_the_rules_in_force()
    {
        Write(Rules("v1"));
        var provider = Provider();
        Assert.Equal("v1", provider.Rules.Version);

        File.Delete(RulesPath);
        var refresh = await provider.RefreshAsync(CancellationToken.None);

        Assert.Equal(RulesRefreshOutcome.Unreadable, refresh.Outcome);
        Assert.Equal("v1", provider.Rules.Version);
    }

    [Fact]
    public void Bad_rules_at_the_start_fail_loudly_with_their_line()
    {
        Write("{ \"version\": \"v1\",\n  \"subjects\": [] }");

        var error = Assert.Throws<ConfigurationFileException>(() => Provider().Rules);

        Assert.Equal($"{RulesPath}:2: \"subjects\" must list at least one term", error.Message);
    }

    [Fact]
    public void Using_the_classifier_looks_at_the_source_again_once_the_interval_has_passed()
    {
        var source = new MemorySource(Rules("v1"));
        var provider = new ReloadingRulesProvider("memory:rules", new ConfigDocuments([source]), clock, logger, TimeSpan.FromSeconds(30));
        Assert.Equal("v1", provider.Rules.Version);

        source.Change(Rules("v2"));
        clock.Advance(TimeSpan.FromSeconds(29));
        _ = provider.Classifier;
        var beforeInterval = provider.Rules.Version;
        clock.Advance(TimeSpan.FromSeconds(2));
        _ = provider.Classifier;

        Assert.Equal("v1", beforeInterval);
        Assert.Equal("v2", provider.Rules.Version);
        Assert.Equal(2, source.Reads);
    }

    private static string Rules(string version, string term = "defector") => $$"""
        { "version": "{{version}}",
          "threshold": 3,
          "subjects": ["North Korea"],
          "topics": [{ "id": "refugees", "within": "item", "terms": [{ "term": "{{term}}", "weight": 3 }] }] }
        """;

    private ReloadingRulesProvider Provider() =>
        new(RulesPath, new ConfigDocuments([new FileConfigDocumentReader()]), clock, logger);

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

        public int Reads { get; private set; }

        public void Change(string content)
        {
            current = content;
            version++;
        }

        public bool CanRead(string source) => source.StartsWith("memory:", StringComparison.Ordinal);

        public Task<ConfigDocument> ReadAsync(string source, CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult(new ConfigDocument(source, Encoding.UTF8.GetBytes(current), version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}

/// <summary>Keeps what was logged, as "Level: message".</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly List<string> messages = [];

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (messages)
            {
                return [.. messages];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (messages)
        {
            messages.Add($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
