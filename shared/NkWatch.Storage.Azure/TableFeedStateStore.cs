using Azure.Data.Tables;
using NkWatch.Core.Feeds;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Azure;

public sealed class TableFeedStateStore(AzureTables tables) : IFeedStateStore
{
    private const string Partition = "feed";

    public async Task<FeedState?> GetAsync(string feedId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.FeedState).ConfigureAwait(false);
        var entity = await AzureTables.FindAsync(table, Partition, feedId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : AzureTables.FromJson<FeedState>(entity.GetString("Body"));
    }

    public async Task<IReadOnlyList<FeedState>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.FeedState).ConfigureAwait(false);
        var states = new List<FeedState>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            states.Add(AzureTables.FromJson<FeedState>(entity.GetString("Body")));
        }

        return states;
    }

    public async Task SaveAsync(FeedState state, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.FeedState).ConfigureAwait(false);
        var entity = new TableEntity(Partition, state.FeedId)
        {
            ["Body"] = AzureTables.ToJson(state),
            ["ConsecutiveFailures"] = state.ConsecutiveFailures,
            ["NextPollAt"] = state.NextPollAt,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}
