using Microsoft.Data.Sqlite;
using NkWatch.Core.Digests;
using NkWatch.Core.Matches;
using NkWatch.Core.Search;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Sqlite;

/// <summary>
/// Matches as JSON rows, and a full-text index of their title and summary in an FTS5 table (the
/// SQLite that Microsoft.Data.Sqlite bundles is built with FTS5). The index holds the
/// <see cref="SearchText"/> tokens separated by spaces rather than the raw text, so Korean and
/// Japanese are searched by character pairs exactly as on Azure, and ranking is FTS5's bm25. The
/// table and the index of matches stored before it are <see cref="Migrations.MatchSearchIndexMigration"/>.
/// </summary>
public sealed class SqliteMatchStore(SqliteDatabase database, TimeProvider clock) : IMatchStore
{
    private const string Filtered = """
        ($topic IS NULL OR EXISTS (SELECT 1 FROM json_each(matches.body, '$.topics') WHERE value = $topic))
        AND ($feeds IS NULL OR matches.feed_id IN (SELECT value FROM json_each($feeds)))
        """;

    public async Task<bool> AddAsync(StoredMatch match, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO matches (item_id, feed_id, stored_at, body) VALUES ($id, $feed, $at, $body)";
        insert.Parameters.AddWithValue("$id", match.ItemId);
        insert.Parameters.AddWithValue("$feed", match.FeedId);
        insert.Parameters.AddWithValue("$at", match.StoredAt.UtcTicks);
        insert.Parameters.AddWithValue("$body", StoredJson.Write(match));
        if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            return false;
        }

        await using var index = IndexCommand(connection, match);
        await index.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task<IReadOnlyList<StoredMatch>> ListStoredBetweenAsync(DigestWindow window, CancellationToken cancellationToken) =>
        database.QueryAsync(
            "SELECT body FROM matches WHERE stored_at > $after AND stored_at <= $upTo ORDER BY stored_at, item_id",
            p =>
            {
                p.AddWithValue("$after", window.Start.UtcTicks);
                p.AddWithValue("$upTo", window.End.UtcTicks);
            },
            Read,
            cancellationToken);

    public Task<IReadOnlyList<StoredMatch>> ListLatestAsync(MatchFilter filter, int count, CancellationToken cancellationToken)
    {
        var span = ArchiveSpan.At(clock.GetUtcNow());
        return database.QueryAsync(
            $"""
            SELECT body FROM matches WHERE stored_at >= $since AND stored_at < $until AND {Filtered}
            AND ($beforeAt IS NULL OR stored_at < $beforeAt OR (stored_at = $beforeAt AND item_id < $beforeId))
            ORDER BY stored_at DESC, item_id DESC LIMIT $n
            """,
            p =>
            {
                Bind(p, filter);
                p.AddWithValue("$since", span.Since.UtcTicks);
                p.AddWithValue("$until", span.Until.UtcTicks);
                p.AddWithValue("$beforeAt", filter.Before is { } before ? before.StoredAtTicks : DBNull.Value);
                p.AddWithValue("$beforeId", filter.Before is { } cursor ? cursor.ItemId : DBNull.Value);
                p.AddWithValue("$n", count);
            },
            Read,
            cancellationToken);
    }

    public Task<IReadOnlyList<StoredMatch>> SearchAsync(SearchQuery query, MatchFilter filter, int count, CancellationToken cancellationToken) =>
        database.QueryAsync(
            $"""
            SELECT matches.body FROM match_text JOIN matches ON matches.item_id = match_text.item_id
            WHERE match_text MATCH $query AND {Filtered}
            ORDER BY bm25(match_text), matches.stored_at DESC, matches.item_id DESC LIMIT $n
            """,
            p =>
            {
                Bind(p, filter);
                p.AddWithValue("$query", FtsQuery(query));
                p.AddWithValue("$n", count);
            },
            Read,
            cancellationToken);

    /// <summary>Every token as an FTS5 string (double quotes doubled inside), so no query syntax reaches FTS5; juxtaposed strings must all match.</summary>
    private static string FtsQuery(SearchQuery query) =>
        string.Join(' ', query.Tokens.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    private static void Bind(SqliteParameterCollection p, MatchFilter filter)
    {
        p.AddWithValue("$topic", (object?)filter.Topic ?? DBNull.Value);
        p.AddWithValue("$feeds", filter.FeedIds is null ? DBNull.Value : StoredJson.Write(filter.FeedIds.Order(StringComparer.Ordinal)));
    }

    internal static StoredMatch Read(SqliteDataReader reader) => StoredJson.Read<StoredMatch>(reader.GetString(0));

    /// <summary>The match's row in the search index.</summary>
    internal static SqliteCommand IndexCommand(SqliteConnection connection, StoredMatch match)
    {
        var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO match_text (item_id, tokens) VALUES ($id, $tokens)";
        command.Parameters.AddWithValue("$id", match.ItemId);
        // Each token as often as it occurs, so that bm25 weighs it as Azure's index does.
        command.Parameters.AddWithValue("$tokens", string.Join(' ', SearchText.Indexed(match.Title, match.Summary).SelectMany(t => Enumerable.Repeat(t.Token, t.Count))));
        return command;
    }
}
