using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using NkWatch.Core.Concurrency;

namespace NkWatch.Storage.Azure;

/// <summary>
/// Table clients, each table created on first use (a creation that failed is tried again on the
/// next use), and the JSON used for record bodies.
/// </summary>
public sealed class AzureTables(TableServiceClient service, AzureStorageAccount account)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly ConcurrentDictionary<string, AsyncOnce<TableClient>> tables = new(StringComparer.Ordinal);

    public Task<TableClient> GetAsync(string name) =>
        tables.GetOrAdd(name, n => new AsyncOnce<TableClient>(async () =>
        {
            var client = service.GetTableClient(account.NamePrefix + n);
            await client.CreateIfNotExistsAsync().ConfigureAwait(false);
            return client;
        })).GetAsync();

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, JsonOptions);

    public static T FromJson<T>(string json) => JsonSerializer.Deserialize<T>(json, JsonOptions)
        ?? throw new InvalidDataException($"stored {typeof(T).Name} is null");

    /// <summary>Adds an entity; false when one with the same keys exists (409 is the idempotency check).</summary>
    public static async Task<bool> TryAddAsync(TableClient table, ITableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public static async Task<TableEntity?> FindAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// Deletes the partition's entities that match, in batches of at most 100 (one partition per
    /// batch, as the service requires); the number deleted.
    /// </summary>
    public static async Task<int> DeletePartitionAsync(TableClient table, string partitionKey, Func<TableEntity, bool> match, CancellationToken cancellationToken)
    {
        var doomed = new List<TableTransactionAction>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partitionKey, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (match(entity))
            {
                doomed.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));
            }
        }

        foreach (var batch in doomed.Chunk(100))
        {
            await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        return doomed.Count;
    }
}
