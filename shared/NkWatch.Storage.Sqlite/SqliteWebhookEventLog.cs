using NkWatch.Core.Storage;

namespace NkWatch.Storage.Sqlite;

/// <summary>Event ids already acted on; kept for a month, far longer than a signed request stays fresh.</summary>
public sealed class SqliteWebhookEventLog(SqliteDatabase database) : IWebhookEventLog
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(30);

    public async Task<bool> ContainsAsync(string eventId, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync("SELECT 1 FROM webhook_events WHERE event_id = $id", p => p.AddWithValue("$id", eventId), r => true, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0;
    }

    public async Task<bool> TryRecordAsync(string eventId, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var added = await database.ExecuteAsync(
            "INSERT OR IGNORE INTO webhook_events (event_id, received_at) VALUES ($id, $at)",
            p =>
            {
                p.AddWithValue("$id", eventId);
                p.AddWithValue("$at", receivedAt.UtcTicks);
            },
            cancellationToken).ConfigureAwait(false) == 1;
        await database.ExecuteAsync("DELETE FROM webhook_events WHERE received_at < $before", p => p.AddWithValue("$before", (receivedAt - Keep).UtcTicks), cancellationToken).ConfigureAwait(false);
        return added;
    }
}
