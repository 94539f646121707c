using System.Globalization;
using Azure;
using Azure.Data.Tables;
using NkWatch.Core.Matches;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Azure;

/// <summary>
/// Story grouping in one partition of the <c>stories</c> table: a lock row, an index row per item
/// ("i-" + item id, the idempotency check) and a timeline row per item ("t-" + ticks + item id,
/// read by time window). An assignment reads the lock row's ETag, reads the members in its window,
/// decides, and commits the new rows in one entity-group transaction together with an update of
/// the lock row that must still carry that ETag. If any other assignment committed in between,
/// the transaction fails with 412 and is redone with the newer members: assignments are
/// serialisable even with many StoreMatch calls running at once on several instances (queue
/// batches of 8). A duplicate message for the same item fails with 409 and then finds its index row.
/// </summary>
public sealed class TableStoryStore(AzureTables tables) : IStoryStore
{
    private const string Partition = "members";
    private const string LockRow = "lock";

    /// <summary>Contention is brief (one assignment takes a few round trips); this many rounds only a broken store exhausts.</summary>
    private const int MaxAttempts = 50;

    public async Task<string> AssignAsync(StoryMember candidate, TimeSpan window, Func<IReadOnlyList<StoryMember>, string?> chooseStory, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Stories).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            if (await AzureTables.FindAsync(table, Partition, IndexRow(candidate.ItemId), cancellationToken).ConfigureAwait(false) is { } assigned)
            {
                return assigned.GetString("StoryId");
            }

            var lockRow = await AzureTables.FindAsync(table, Partition, LockRow, cancellationToken).ConfigureAwait(false);
            if (lockRow is null)
            {
                await AzureTables.TryAddAsync(table, new TableEntity(Partition, LockRow) { ["Sequence"] = 0L }, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var members = await MembersAsync(table, candidate.At - window, candidate.At + window, cancellationToken).ConfigureAwait(false);
            var member = candidate with { StoryId = chooseStory(members) ?? candidate.StoryId };
            var etag = lockRow.ETag;
            lockRow["Sequence"] = (lockRow.GetInt64("Sequence") ?? 0) + 1;
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.UpdateReplace, lockRow, etag),
                new(TableTransactionActionType.Add, new TableEntity(Partition, IndexRow(member.ItemId)) { ["StoryId"] = member.StoryId }),
                new(TableTransactionActionType.Add, new TableEntity(Partition, TimelineRow(member.At, member.ItemId)) { ["Body"] = AzureTables.ToJson(member) }),
            ];
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return member.StoryId;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another assignment won the race: wait a little (jittered, so racers spread out) and redo.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + (10 * Math.Min(attempt, 10)))), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<List<StoryMember>> MembersAsync(TableClient table, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {"t-" + Ticks(from)} and RowKey le {"t-" + Ticks(to) + "~"}");
        var members = new List<StoryMember>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            members.Add(AzureTables.FromJson<StoryMember>(entity.GetString("Body")));
        }

        return members;
    }

    private static string IndexRow(string itemId) => "i-" + itemId;

    private static string TimelineRow(DateTimeOffset at, string itemId) => "t-" + Ticks(at) + "-" + itemId;

    private static string Ticks(DateTimeOffset time) => Math.Max(0, time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
}
