using System.Globalization;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Sqlite;

/// <summary>Daily counters in one table; counters older than a week are pruned as new days begin.</summary>
public sealed class SqliteRateLimitStore(SqliteDatabase database) : IRateLimitStore
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(7);

    public async Task<int> IncrementAsync(string key, DateOnly day, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync(
            """
            INSERT INTO rate_limits (key, day, count) VALUES ($key, $day, 1)
            ON CONFLICT (key, day) DO UPDATE SET count = count + 1
            RETURNING count
            """,
            p =>
            {
                p.AddWithValue("$key", key);
                p.AddWithValue("$day", Day(day));
            },
            r => r.GetInt32(0),
            cancellationToken).ConfigureAwait(false);
        if (rows[0] == 1)
        {
            await database.ExecuteAsync("DELETE FROM rate_limits WHERE day < $before", p => p.AddWithValue("$before", Day(day.AddDays(-Keep.Days))), cancellationToken).ConfigureAwait(false);
        }

        return rows[0];
    }

    public Task<IReadOnlyList<RateLimitCount>> ListAsync(string key, CancellationToken cancellationToken) =>
        database.QueryAsync(
            "SELECT day, count FROM rate_limits WHERE key = $key ORDER BY day",
            p => p.AddWithValue("$key", key),
            r => new RateLimitCount(DateOnly.ParseExact(r.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), r.GetInt32(1)),
            cancellationToken);

    public Task<int> DeleteAsync(string key, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM rate_limits WHERE key = $key", p => p.AddWithValue("$key", key), cancellationToken);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
