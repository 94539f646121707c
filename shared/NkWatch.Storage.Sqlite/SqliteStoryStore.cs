using Microsoft.Data.Sqlite;
using NkWatch.Core.Matches;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Sqlite;

/// <summary>
/// Story grouping in one write transaction (BEGIN IMMEDIATE takes SQLite's write lock at once), so
/// assignments are serialised across threads and processes sharing the file.
/// </summary>
public sealed class SqliteStoryStore(SqliteDatabase database) : IStoryStore
{
    public async Task<string> AssignAsync(StoryMember candidate, TimeSpan window, Func<IReadOnlyList<StoryMember>, string?> chooseStory, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT story_id FROM story_members WHERE item_id = $id";
        command.Parameters.AddWithValue("$id", candidate.ItemId);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string existing)
        {
            return existing;
        }

        command.CommandText = "SELECT body FROM story_members WHERE at >= $from AND at <= $to ORDER BY at, item_id";
        command.Parameters.AddWithValue("$from", (candidate.At - window).UtcTicks);
        command.Parameters.AddWithValue("$to", (candidate.At + window).UtcTicks);
        var members = new List<StoryMember>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                members.Add(StoredJson.Read<StoryMember>(reader.GetString(0)));
            }
        }

        var member = candidate with { StoryId = chooseStory(members) ?? candidate.StoryId };
        command.CommandText = "INSERT INTO story_members (item_id, story_id, at, body) VALUES ($id, $story, $at, $body)";
        command.Parameters.AddWithValue("$story", member.StoryId);
        command.Parameters.AddWithValue("$at", member.At.UtcTicks);
        command.Parameters.AddWithValue("$body", StoredJson.Write(member));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return member.StoryId;
    }
}
