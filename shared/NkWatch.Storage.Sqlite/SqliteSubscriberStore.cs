using Microsoft.Data.Sqlite;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Storage.Sqlite;

public sealed class SqliteSubscriberStore(SqliteDatabase database) : ISubscriberStore
{
    public async Task<bool> AddAsync(Subscriber subscriber, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "INSERT OR IGNORE INTO subscribers (id, email, body) VALUES ($id, $email, $body)",
            p => Bind(p, subscriber),
            cancellationToken).ConfigureAwait(false) == 1;

    public Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken) =>
        SingleAsync("SELECT body FROM subscribers WHERE id = $key", id, cancellationToken);

    public Task<Subscriber?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        SingleAsync("SELECT body FROM subscribers WHERE email = $key", email, cancellationToken);

    public Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken) =>
        database.QueryAsync("SELECT body FROM subscribers ORDER BY email", SqliteDatabase.NoParameters, r => StoredJson.Read<Subscriber>(r.GetString(0)), cancellationToken);

    public Task UpdateAsync(Subscriber subscriber, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE subscribers SET email = $email, body = $body WHERE id = $id", p => Bind(p, subscriber), cancellationToken);

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("DELETE FROM subscribers WHERE id = $id", p => p.AddWithValue("$id", id), cancellationToken).ConfigureAwait(false) == 1;

    private async Task<Subscriber?> SingleAsync(string sql, string key, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync(sql, p => p.AddWithValue("$key", key), r => StoredJson.Read<Subscriber>(r.GetString(0)), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static void Bind(SqliteParameterCollection p, Subscriber subscriber)
    {
        p.AddWithValue("$id", subscriber.Id);
        p.AddWithValue("$email", subscriber.Email);
        p.AddWithValue("$body", StoredJson.Write(subscriber));
    }
}
