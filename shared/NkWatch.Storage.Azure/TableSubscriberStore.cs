using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NkWatch.Core.Feeds;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Storage.Azure;

/// <summary>
/// Subscribers in one partition, plus an index partition keyed by a hash of the mailbox key
/// (<see cref="EmailAddress.Key"/>: addresses may hold characters that table keys forbid, and the
/// hash keeps them out of keys and logs). Tables from before the mailbox key, indexed by the
/// address as typed, are re-indexed once on first use, with records that turn out to share a
/// mailbox merged (<see cref="MailboxMerge"/>); a marker entity says it is done. An entity that
/// cannot be read is left out of lists (logged with its id) and refused by id.
/// </summary>
public sealed partial class TableSubscriberStore(AzureTables tables, ILogger<TableSubscriberStore>? logger = null) : ISubscriberStore
{
    private readonly ILogger log = logger ?? NullLogger<TableSubscriberStore>.Instance;

    private const string Partition = "subscriber";
    private const string MailboxIndex = "mailbox";
    private const string AddressIndexBeforeMailboxKeys = "email";
    private const string Meta = "meta";
    private const string MailboxKeysDone = "mailbox-keys-1";

    private readonly Lock gate = new();
    private Task<TableClient>? ready;

    public async Task<bool> AddAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        var table = await TableAsync().ConfigureAwait(false);
        var index = IndexEntity(subscriber);
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
        var table = await TableAsync().ConfigureAwait(false);
        var entity = await AzureTables.FindAsync(table, Partition, id, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        return StoredRecords.TryRead(() => AzureTables.FromJson<Subscriber>(entity.GetString("Body") ?? "null"), out var subscriber, out var problem)
            ? subscriber
            : throw new UnreadableRecordException($"subscriber {id} cannot be read: {problem}");
    }

    public async Task<Subscriber?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var table = await TableAsync().ConfigureAwait(false);
        var key = EmailAddress.Key(email);
        var index = await AzureTables.FindAsync(table, MailboxIndex, IndexKey(key), cancellationToken).ConfigureAwait(false);
        if (index is null)
        {
            return null;
        }

        var subscriber = await GetAsync(index.GetString("SubscriberId"), cancellationToken).ConfigureAwait(false);
        return subscriber is not null && EmailAddress.Key(subscriber.Email) == key ? subscriber : null;
    }

    public async Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await TableAsync().ConfigureAwait(false);
        var subscribers = await ReadAllAsync(table, cancellationToken).ConfigureAwait(false);
        return [.. subscribers.OrderBy(s => s.Email, StringComparer.Ordinal)];
    }

    public async Task UpdateAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        var table = await TableAsync().ConfigureAwait(false);
        await table.UpdateEntityAsync(ToEntity(subscriber), ETag.All, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var existing = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return false;
        }

        var table = await TableAsync().ConfigureAwait(false);
        await table.DeleteEntityAsync(Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(MailboxIndex, IndexKey(EmailAddress.Key(existing.Email)), cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The table, re-indexed by mailbox key; a failed re-index is tried again on the next call.</summary>
    private Task<TableClient> TableAsync()
    {
        lock (gate)
        {
            if (ready is null || ready.IsFaulted || ready.IsCanceled)
            {
                ready = OpenWithMailboxKeysAsync();
            }

            return ready;
        }
    }

    private async Task<TableClient> OpenWithMailboxKeysAsync()
    {
        var table = await tables.GetAsync(TableNames.Subscribers).ConfigureAwait(false);
        if (await AzureTables.FindAsync(table, Meta, MailboxKeysDone, CancellationToken.None).ConfigureAwait(false) is not null)
        {
            return table;
        }

        // Idempotent throughout: two instances doing it at once reach the same state.
        var subscribers = await ReadAllAsync(table, CancellationToken.None).ConfigureAwait(false);
        foreach (var mailbox in subscribers.GroupBy(s => EmailAddress.Key(s.Email)))
        {
            var keep = MailboxMerge.Keep(mailbox);
            foreach (var merged in mailbox.Where(s => s.Id != keep.Id))
            {
                await table.DeleteEntityAsync(Partition, merged.Id).ConfigureAwait(false);
            }

            await table.UpsertEntityAsync(IndexEntity(keep), TableUpdateMode.Replace).ConfigureAwait(false);
        }

        await AzureTables.DeletePartitionAsync(table, AddressIndexBeforeMailboxKeys, _ => true, CancellationToken.None).ConfigureAwait(false);
        await table.UpsertEntityAsync(new TableEntity(Meta, MailboxKeysDone), TableUpdateMode.Replace).ConfigureAwait(false);
        return table;
    }

    private async Task<List<Subscriber>> ReadAllAsync(TableClient table, CancellationToken cancellationToken)
    {
        var subscribers = new List<Subscriber>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (StoredRecords.TryRead(() => AzureTables.FromJson<Subscriber>(entity.GetString("Body") ?? "null"), out var subscriber, out var problem))
            {
                subscribers.Add(subscriber);
            }
            else
            {
                LogUnreadable(entity.RowKey, problem);
            }
        }

        return subscribers;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscriber {SubscriberId} cannot be read and is skipped: {Problem}")]
    private partial void LogUnreadable(string subscriberId, string problem);

    private static TableEntity IndexEntity(Subscriber subscriber) =>
        new(MailboxIndex, IndexKey(EmailAddress.Key(subscriber.Email))) { ["SubscriberId"] = subscriber.Id };

    private static string IndexKey(string mailboxKey) => ItemIdentity.Hash("mailbox:" + mailboxKey);

    private static TableEntity ToEntity(Subscriber subscriber) => new(Partition, subscriber.Id)
    {
        ["Body"] = AzureTables.ToJson(subscriber),
        ["Status"] = subscriber.Status.ToString(),
        ["Frequency"] = subscriber.Frequency.ToString(),
    };
}
