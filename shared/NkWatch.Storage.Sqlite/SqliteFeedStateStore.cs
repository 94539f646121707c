using System.Globalization;
using Microsoft.Data.Sqlite;
using NkWatch.Core.Feeds;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Sqlite;

/// <summary>Feed states in the <c>feed_state</c> table.</summary>
public sealed class SqliteFeedStateStore(SqliteDatabase database) : IFeedStateStore
{
    private const string Columns = "feed_id, etag, last_modified, last_polled_at, last_success_at, last_error, consecutive_failures, next_poll_at, items_seen, last_error_at, items_per_day, newest_item_at, moved_to";

    public async Task<FeedState?> GetAsync(string feedId, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync($"SELECT {Columns} FROM feed_state WHERE feed_id = $id", p => p.AddWithValue("$id", feedId), Read, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<FeedState>> ListAsync(CancellationToken cancellationToken) =>
        database.QueryAsync($"SELECT {Columns} FROM feed_state ORDER BY feed_id", SqliteDatabase.NoParameters, Read, cancellationToken);

    public Task SaveAsync(FeedState state, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            $"INSERT OR REPLACE INTO feed_state ({Columns}) VALUES ($id, $etag, $lm, $polled, $success, $error, $failures, $next, $seen, $errorAt, $rate, $newest, $moved)",
            p =>
            {
                p.AddWithValue("$id", state.FeedId);
                p.AddWithValue("$etag", Text(state.ETag));
                p.AddWithValue("$lm", Text(state.LastModified));
                p.AddWithValue("$polled", Time(state.LastPolledAt));
                p.AddWithValue("$success", Time(state.LastSuccessAt));
                p.AddWithValue("$error", Text(state.LastError));
                p.AddWithValue("$failures", state.ConsecutiveFailures);
                p.AddWithValue("$next", Time(state.NextPollAt));
                p.AddWithValue("$seen", state.ItemsSeen);
                p.AddWithValue("$errorAt", Time(state.LastErrorAt));
                p.AddWithValue("$rate", state.ItemsPerDay);
                p.AddWithValue("$newest", Time(state.NewestItemAt));
                p.AddWithValue("$moved", Text(state.MovedTo));
            },
            cancellationToken);

    private static object Text(string? value) => (object?)value ?? DBNull.Value;

    private static object Time(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture) ?? (object)DBNull.Value;

    private static DateTimeOffset? Time(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.Parse(reader.GetString(column), CultureInfo.InvariantCulture);

    private static string? Text(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static FeedState Read(SqliteDataReader r) => new()
    {
        FeedId = r.GetString(0),
        ETag = Text(r, 1),
        LastModified = Text(r, 2),
        LastPolledAt = Time(r, 3),
        LastSuccessAt = Time(r, 4),
        LastError = Text(r, 5),
        ConsecutiveFailures = r.GetInt32(6),
        NextPollAt = Time(r, 7),
        ItemsSeen = r.GetInt32(8),
        LastErrorAt = Time(r, 9),
        ItemsPerDay = r.GetDouble(10),
        NewestItemAt = Time(r, 11),
        MovedTo = Text(r, 12),
    };
}
