using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using NkWatch.Core;
using NkWatch.Core.Feeds;
using NkWatch.Core.Messaging;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Storage;
using NkWatch.Integration.Tests.Infrastructure;
using NkWatch.Storage.Sqlite;
using NkWatch.Hosting;

namespace NkWatch.Integration.Tests.Feeds;

/// <summary>
/// The core's polling services over a real SQLite file and the repository's rules, with a clock
/// the test moves and a seeded jitter, for feeds served by a <see cref="ScriptedFeedServer"/>.
/// </summary>
internal sealed class PollerHost : IDisposable
{
    private readonly ServiceProvider services;

    /// <param name="feedType">The catalogue <c>type</c> of every feed (the default: RSS, Atom or JSON Feed).</param>
    /// <param name="settings">Settings added to the test's own (<c>ReliefWeb:AppName</c>, say).</param>
    public PollerHost(TempDirectory temp, ScriptedFeedServer server, IEnumerable<(string Id, string Path)> feeds, Func<IMessageQueues, IMessageQueues>? wrapQueues = null, string feedType = FeedTypes.Feed, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var catalog = temp.Combine("feeds.json");
        var entries = feeds.Select(f => new { id = f.Id, name = "Feed " + f.Id, url = server.At(f.Path).ToString(), language = "en", type = feedType });
        File.WriteAllText(catalog, JsonSerializer.Serialize(new { feeds = entries }));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Feeds:Source"] = catalog,
            ["Rules:Source"] = RepositoryRoot.Combine("config", "rules.json"),
            ["App:TokenKey"] = new string('k', 40),
            ["Fetch:TimeoutSeconds"] = "10",
            ["Fetch:AllowPrivateAddresses"] = "true",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddNkWatch(configuration, s => s.AddNkWatchSqlite(temp.Combine("state.db")));
        collection.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        collection.Replace(ServiceDescriptor.Singleton(new PollPolicy(new Random(42))));
        if (wrapQueues is not null)
        {
            collection.AddSingleton<SqliteMessageQueues>();
            collection.Replace(ServiceDescriptor.Singleton(sp => wrapQueues(sp.GetRequiredService<SqliteMessageQueues>())));
        }

        services = collection.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    public Task<FeedPollReport> PollAsync(string feedId) =>
        Get<FeedPoller>().PollAsync(new FeedPollMessage(feedId, Clock.GetUtcNow()), CancellationToken.None);

    public async Task<FeedState> StateAsync(string feedId) => (await Get<IFeedStateStore>().GetAsync(feedId, CancellationToken.None))!;

    public Task<int> QueuedMatchesAsync() => Get<IMessageQueues>().Get(QueueNames.Matches).CountAsync(CancellationToken.None);

    /// <summary>Moves the clock to the feed's next poll.</summary>
    public async Task AdvanceToNextPollAsync(string feedId)
    {
        var next = (await StateAsync(feedId)).NextPollAt!.Value;
        Clock.Advance(next - Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
    }

    public void Dispose() => services.Dispose();
}
