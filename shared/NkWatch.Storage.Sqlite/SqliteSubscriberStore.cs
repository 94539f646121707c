using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Storage.Sqlite;

/// <summary>
/// Subscribers with the address as typed (<c>email</c>) and the mailbox key every lookup uses
/// (<c>mailbox</c>, unique; files from before the key get it in <see cref="Migrations.MailboxKeysMigration"/>). A row that
/// cannot be read is left out of lists (logged with its id) and refused by id, so one bad row does
/// not stop the others.
/// </summary>
public sealed partial class SqliteSubscriberStore : ISubscriberStore
{
    private readonly SqliteDatabase database;
    private readonly ILogger logger;

    public SqliteSubscriberStore(SqliteDatabase database, ILogger<SqliteSubscriberStore>? logger = null)
    {
        this.database = database;
        this.logger = logger ?? NullLogger<SqliteSubscriberStore>.Instance;
    }

    public async Task<bool> AddAsync(Subscriber subscriber, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "INSERT OR IGNORE INTO subscribers (id, email, mailbox, body) VALUES ($id, $email, $mailbox, $body)",
            p => Bind(p, subscriber),
            cancellationToken).ConfigureAwait(false) == 1;

    public Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken) =>
        SingleAsync("SELECT id, body FROM subscribers WHERE id = $key", id, cancellationToken);

    public Task<Subscriber?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        SingleAsync("SELECT id, body FROM subscribers WHERE mailbox = $key", EmailAddress.Key(email), cancellationToken);

    public async Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync("SELECT id, body FROM subscribers ORDER BY email", SqliteDatabase.NoParameters, r => (Id: r.GetString(0), Body: r.GetString(1)), cancellationToken).ConfigureAwait(false);
        var readable = new List<Subscriber>(rows.Count);
        foreach (var (id, body) in rows)
        {
            if (StoredRecords.TryRead(() => StoredJson.Read<Subscriber>(body), out var subscriber, out var problem))
            {
                readable.Add(subscriber);
            }
            else
            {
                LogUnreadable(id, problem);
            }
        }

        return readable;
    }

    public Task UpdateAsync(Subscriber subscriber, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE subscribers SET email = $email, mailbox = $mailbox, body = $body WHERE id = $id", p => Bind(p, subscriber), cancellationToken);

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("DELETE FROM subscribers WHERE id = $id", p => p.AddWithValue("$id", id), cancellationToken).ConfigureAwait(false) == 1;

    private async Task<Subscriber?> SingleAsync(string sql, string key, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync(sql, p => p.AddWithValue("$key", key), r => (Id: r.GetString(0), Body: r.GetString(1)), cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return null;
        }

        return StoredRecords.TryRead(() => StoredJson.Read<Subscriber>(rows[0].Body), out var subscriber, out var problem)
            ? subscriber
            : throw new UnreadableRecordException($"subscriber {rows[0].Id} cannot be read: {problem}");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscriber {SubscriberId} cannot be read and is skipped: {Problem}")]
    private partial void LogUnreadable(string subscriberId, string problem);

    private static void Bind(SqliteParameterCollection p, Subscriber subscriber)
    {
        p.AddWithValue("$id", subscriber.Id);
        p.AddWithValue("$email", subscriber.Email);
        p.AddWithValue("$mailbox", EmailAddress.Key(subscriber.Email));
        p.AddWithValue("$body", StoredJson.Write(subscriber));
    }
}
