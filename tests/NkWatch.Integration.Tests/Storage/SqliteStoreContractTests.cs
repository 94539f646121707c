using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core.Messaging;
using NkWatch.Core.Subscriptions;
using NkWatch.Storage.Sqlite;

namespace NkWatch.Integration.Tests.Storage;

public sealed class SqliteStoreContractTests : StoreContract
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "nkwatch-tests", Guid.NewGuid().ToString("N"), "state.db");

    protected override void AddStorage(IServiceCollection services) => services.AddNkWatchSqlite(path);

    protected override async Task<(string FeedId, DateTimeOffset FirstSeen)> RecordedItemAsync(string key)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT feed_id, first_seen FROM items WHERE item_id = $id";
        select.Parameters.AddWithValue("$id", key);
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no row for " + key);
        var item = (reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture));
        Assert.False(await reader.ReadAsync(), "two rows for " + key);
        return item;
    }

    /// <summary>The adapter hides messages by its clock: the message is still hidden until the timeout has passed on it.</summary>
    protected override async Task<ReceivedMessage> ReceiveOnceVisibleAgainAsync(IMessageQueue queue, TimeSpan hidden)
    {
        Clock.Advance(hidden - TimeSpan.FromTicks(1));
        Assert.Empty(await queue.ReceiveAsync(5, TimeSpan.FromMinutes(5), default));
        Clock.Advance(TimeSpan.FromTicks(1));
        return Assert.Single(await queue.ReceiveAsync(5, TimeSpan.FromMinutes(5), default));
    }

    /// <summary>The subscribers table as it was: unique on the address as stored, no mailbox column.</summary>
    protected override async Task SeedAsStoredBeforeMailboxKeysAsync(IReadOnlyList<Subscriber> subscribers)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE subscribers (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, body TEXT NOT NULL)";
        await create.ExecuteNonQueryAsync();
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        foreach (var subscriber in subscribers)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO subscribers (id, email, body) VALUES ($id, $email, $body)";
            insert.Parameters.AddWithValue("$id", subscriber.Id);
            insert.Parameters.AddWithValue("$email", subscriber.Email);
            insert.Parameters.AddWithValue("$body", JsonSerializer.Serialize(subscriber, json));
            await insert.ExecuteNonQueryAsync();
        }
    }
}
