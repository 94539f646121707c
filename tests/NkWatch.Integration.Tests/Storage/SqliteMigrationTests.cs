using Microsoft.Data.Sqlite;
using NkWatch.Core.Digests;
using NkWatch.Core.Matches;
using NkWatch.Core.Search;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;
using NkWatch.Storage.Sqlite;
using NkWatch.Storage.Sqlite.Migrations;
using NkWatch.Testing;
using static NkWatch.Integration.Tests.Feeds.CliRunner;

namespace NkWatch.Integration.Tests.Storage;

/// <summary>Older state files are brought up to this build's schema with their data; a file from a newer build is refused untouched.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private static readonly DateTimeOffset StoredAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The schema of files written before subscribers had a mailbox key.</summary>
    private const int BeforeMailboxKeys = 3;

    private readonly TempDirectory temp = new();

    private string Path => temp.Combine("nkwatch.db");

    public static TheoryData<int> OlderSchemas => [.. Enumerable.Range(1, SqliteMigrations.Latest - 1)];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        temp.Dispose();
    }

    [Theory]
    [MemberData(nameof(OlderSchemas))]
    public async Task AFileWithTheFirstMigrationsOnlyIsUpgradedAndKeepsItsData(int schema)
    {
        _ = new SqliteDatabase(Path, schema);
        await ExecuteAsync("INSERT INTO subscribers (id, email, body) VALUES ('s1', 'Reader@Example.org', $body)", ("$body", StoredJson.Write(Reader("s1", "Reader@Example.org"))));
        if (schema > BeforeMailboxKeys)
        {
            await ExecuteAsync("UPDATE subscribers SET mailbox = 'reader@example.org'");
        }

        await ExecuteAsync("INSERT INTO feed_state (feed_id, etag, consecutive_failures, items_seen) VALUES ('un-news', '\"v1\"', 2, 40)");
        await ExecuteAsync("INSERT INTO matches (item_id, feed_id, stored_at, body) VALUES ('i1', 'un-news', $at, $body)", ("$at", StoredAt.UtcTicks), ("$body", StoredJson.Write(Match("i1"))));

        var database = new SqliteDatabase(Path);

        Assert.Equal(SqliteMigrations.Latest, await UserVersionAsync());
        Assert.Equal("s1", (await new SqliteSubscriberStore(database).FindByEmailAsync("reader@example.org", default))?.Id);
        var feed = await new SqliteFeedStateStore(database).GetAsync("un-news", default);
        Assert.Equal(("\"v1\"", 2, 40, 0.0), (feed?.ETag, feed?.ConsecutiveFailures, feed?.ItemsSeen, feed?.ItemsPerDay));
        var matches = new SqliteMatchStore(database, TimeProvider.System);
        Assert.Equal("Food shortages reported", Assert.Single(await matches.ListStoredBetweenAsync(new DigestWindow(StoredAt.AddMinutes(-1), StoredAt), default)).Title);
        Assert.Equal("i1", Assert.Single(await matches.SearchAsync(SearchQuery.Parse("shortages", out _)!, MatchFilter.All, 10, default)).ItemId);
    }

    [Fact]
    public async Task AFileFromBeforeVersioningWithTheWholeSchemaIsRecordedAsCurrentAndKeepsItsData()
    {
        var database = new SqliteDatabase(Path);
        await new SqliteSubscriberStore(database).AddAsync(Reader("s1", "reader@example.org"), default);
        await ExecuteAsync("PRAGMA user_version = 0");

        var reopened = new SqliteDatabase(Path);

        Assert.Equal(SqliteMigrations.Latest, await UserVersionAsync());
        Assert.Equal("s1", (await new SqliteSubscriberStore(reopened).FindByEmailAsync("reader@example.org", default))?.Id);
    }

    [Fact]
    public async Task TwoRecordsOfOneMailboxInAnOlderFileAreMergedIntoOne()
    {
        _ = new SqliteDatabase(Path, BeforeMailboxKeys);
        await ExecuteAsync("INSERT INTO subscribers (id, email, body) VALUES ('s1', 'reader@example.org', $body)", ("$body", StoredJson.Write(Reader("s1", "reader@example.org"))));
        await ExecuteAsync("INSERT INTO subscribers (id, email, body) VALUES ('s2', 'Reader@example.org', $body)", ("$body", StoredJson.Write(Reader("s2", "Reader@example.org"))));

        var subscribers = await new SqliteSubscriberStore(new SqliteDatabase(Path)).ListAsync(default);

        Assert.Single(subscribers);
    }

    [Fact]
    public async Task AFileFromANewerBuildIsRefusedWithBothSchemaNumbersAndLeftAsItWas()
    {
        _ = new SqliteDatabase(Path);
        await ExecuteAsync($"PRAGMA user_version = {SqliteMigrations.Latest + 1}");

        var refused = Assert.Throws<StateStoreException>(() => new SqliteDatabase(Path));

        Assert.Equal($"the state file {Path} was written by a newer NkWatch (schema {SqliteMigrations.Latest + 1}, this one knows {SqliteMigrations.Latest})", refused.Message);
        Assert.Equal(SqliteMigrations.Latest + 1, await UserVersionAsync());
    }

    [Fact]
    public async Task TheCommandLineRefusesAFileFromANewerBuildInOneErrorLine()
    {
        _ = new SqliteDatabase(Path);
        await ExecuteAsync($"PRAGMA user_version = {SqliteMigrations.Latest + 1}");

        var (code, _, errors) = await NkWatchAsync("subscribers", "list", "--data", temp.Path);

        Assert.Equal(2, code);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(line => !line.StartsWith("data: ", StringComparison.Ordinal));
        Assert.Equal($"error: the state file {Path} was written by a newer NkWatch (schema {SqliteMigrations.Latest + 1}, this one knows {SqliteMigrations.Latest})", Assert.Single(lines));
    }

    private static Subscriber Reader(string id, string email) => new() { Id = id, Email = email, Status = SubscriberStatus.Confirmed };

    private static StoredMatch Match(string itemId) => new() { ItemId = itemId, FeedId = "un-news", Title = "Food shortages reported", StoredAt = StoredAt };

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> UserVersionAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
