using Azure;
using Azure.Data.Tables;
using NkWatch.Core.Feeds;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Storage.Azure;

/// <summary>
/// Subscribers in one partition, plus an index partition keyed by a hash of the address (addresses
/// may hold characters that table keys forbid, and the hash keeps them out of keys and logs).
/// </summary>
public sealed class TableSubscriberStore(AzureTables tables) : ISubscriberStore
{
    private const string Partition = "subscriber";
    private const string EmailIndex = "email";

    public async Task<bool> AddAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Subscribers).ConfigureAwait(false);
        var index = new TableEntity(EmailIndex, EmailKey(subscriber.Email)) { ["SubscriberId"] = subscriber.Id };
        if (!await AzureTables.TryAddAsync(table, index, cancellationToken).ConfigureAwait(false))
        {
            // The index may outlive a subscriber write that crashed; only a live subscriber counts.
            if (await FindByEmailAsync(subscriber.Email, cancellationToken).ConfigureAwait(false) is not null)
            {
                return false;
            }

            await table.UpsertEntityAsync(index, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        await table.UpsertEntityAsync(ToEntity(subscriber), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Subscribers).ConfigureAwait(false);
        var entity = await AzureTables.FindAsync(table, Partition, id, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : AzureTables.FromJson<Subscriber>(entity.GetString("Body"));
    }

    public async Task<Subscriber?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Subscribers).ConfigureAwait(false);
        var index = await AzureTables.FindAsync(table, EmailIndex, EmailKey(email), cancellationToken).ConfigureAwait(false);
        if (index is null)
        {
            return null;
        }

        var subscriber = await GetAsync(index.GetString("SubscriberId"), cancellationToken).ConfigureAwait(false);
        return subscriber?.Email == email ? subscriber : null;
    }

    public async Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Subscribers).ConfigureAwait(false);
        var subscribers = new List<Subscriber>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            subscribers.Add(AzureTables.FromJson<Subscriber>(entity.GetString("Body")));
        }

        return [.. subscribers.OrderBy(s => s.Email, StringComparer.Ordinal)];
    }

    public async Task UpdateAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Subscribers).ConfigureAwait(false);
        await table.UpdateEntityAsync(ToEntity(subscriber), ETag.All, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var existing = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return false;
        }

        var table = await tables.GetAsync(TableNames.Subscribers).ConfigureAwait(false);
        await table.DeleteEntityAsync(Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(EmailIndex, EmailKey(existing.Email), cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static string EmailKey(string email) => ItemIdentity.Hash("email:" + email);

    private static TableEntity ToEntity(Subscriber subscriber) => new(Partition, subscriber.Id)
    {
        ["Body"] = AzureTables.ToJson(subscriber),
        ["Status"] = subscriber.Status.ToString(),
        ["Frequency"] = subscriber.Frequency.ToString(),
    };
}
