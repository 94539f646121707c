using System.Globalization;
using Azure.Data.Tables;
using NkWatch.Core.Digests;
using NkWatch.Core.Matches;
using NkWatch.Core.Search;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Azure;

/// <summary>
/// Matches in two partitions kinds of one table: an id entry per item (partition "id", the
/// idempotency check) and a timeline entry per item in a partition per UTC day, keyed by the time
/// it was stored, which digests read in order. The timeline entry is written after the id entry,
/// and a retry that finds the id entry without its timeline entry writes it then, so a crash
/// between the two writes neither loses nor doubles a match. The search index rows
/// (<see cref="TableMatchSearch"/>) are written between the two, so a match on the timeline is
/// always searchable.
/// </summary>
public sealed class TableMatchStore(AzureTables tables, TableMatchSearch search, TimeProvider clock) : IMatchStore
{
    private const string IdPartition = "id";

    public async Task<bool> AddAsync(StoredMatch match, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Matches).ConfigureAwait(false);
        var idEntry = new TableEntity(IdPartition, match.ItemId) { ["StoredAtTicks"] = match.StoredAt.UtcTicks };
        if (await AzureTables.TryAddAsync(table, idEntry, cancellationToken).ConfigureAwait(false))
        {
            await search.IndexAsync(match, cancellationToken).ConfigureAwait(false);
            await table.UpsertEntityAsync(TimelineEntry(match), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }

        var existing = await AzureTables.FindAsync(table, IdPartition, match.ItemId, cancellationToken).ConfigureAwait(false);
        var storedAt = new DateTimeOffset(existing!.GetInt64("StoredAtTicks")!.Value, TimeSpan.Zero);
        var (partition, row) = TimelineKeys(storedAt, match.ItemId);
        if (await AzureTables.FindAsync(table, partition, row, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        await search.IndexAsync(match, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(TimelineEntry(match), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        idEntry["StoredAtTicks"] = match.StoredAt.UtcTicks;
        await table.UpsertEntityAsync(idEntry, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<StoredMatch>> ListStoredBetweenAsync(DigestWindow window, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Matches).ConfigureAwait(false);
        var (after, upTo) = (window.Start, window.End);
        var low = Ticks(after);
        var high = Ticks(upTo) + "~";
        var matches = new List<StoredMatch>();
        for (var day = after.UtcDateTime.Date; day <= upTo.UtcDateTime.Date; day = day.AddDays(1))
        {
            var partition = DayPartition(day);
            var query = table.QueryAsync<TableEntity>(
                e => e.PartitionKey == partition && e.RowKey.CompareTo(low + "~") > 0 && e.RowKey.CompareTo(high) <= 0,
                cancellationToken: cancellationToken);
            await foreach (var entity in query.ConfigureAwait(false))
            {
                var match = AzureTables.FromJson<StoredMatch>(entity.GetString("Body"));
                if (window.Contains(match.StoredAt))
                {
                    matches.Add(match);
                }
            }
        }

        return matches;
    }

    public async Task<IReadOnlyList<StoredMatch>> ListLatestAsync(MatchFilter filter, int count, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Matches).ConfigureAwait(false);
        var matches = new List<StoredMatch>();
        var span = ArchiveSpan.At(clock.GetUtcNow());
        var (newest, oldest) = (span.NewestDay, span.OldestDay);
        if (filter.Before is { } before && new DateTime(before.StoredAtTicks, DateTimeKind.Utc).Date is var cursorDay && cursorDay < newest)
        {
            // The next page starts on the cursor's day: later days were on the pages before.
            newest = cursorDay;
        }

        for (var day = newest; day >= oldest && matches.Count < count; day = day.AddDays(-1))
        {
            var partition = DayPartition(day);
            var dayMatches = new List<StoredMatch>();
            await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var match = AzureTables.FromJson<StoredMatch>(entity.GetString("Body"));
                if (filter.Includes(match))
                {
                    dayMatches.Add(match);
                }
            }

            matches.AddRange(dayMatches.OrderByDescending(m => m.StoredAt).ThenByDescending(m => m.ItemId, StringComparer.Ordinal));
        }

        return [.. matches.Take(count)];
    }

    public async Task<IReadOnlyList<StoredMatch>> SearchAsync(SearchQuery query, MatchFilter filter, int count, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Matches).ConfigureAwait(false);
        var results = new List<StoredMatch>();
        foreach (var (itemId, storedAt) in await search.FindAsync(query, filter with { Before = null }, count, cancellationToken).ConfigureAwait(false))
        {
            var (partition, row) = TimelineKeys(storedAt, itemId);
            if (await AzureTables.FindAsync(table, partition, row, cancellationToken).ConfigureAwait(false) is { } entity)
            {
                results.Add(AzureTables.FromJson<StoredMatch>(entity.GetString("Body")));
            }
        }

        return results;
    }

    private static TableEntity TimelineEntry(StoredMatch match)
    {
        var (partition, row) = TimelineKeys(match.StoredAt, match.ItemId);
        return new TableEntity(partition, row)
        {
            ["Body"] = AzureTables.ToJson(match),
            ["ItemId"] = match.ItemId,
            ["FeedId"] = match.FeedId,
        };
    }

    private static (string Partition, string Row) TimelineKeys(DateTimeOffset storedAt, string itemId) =>
        (DayPartition(storedAt.UtcDateTime.Date), Ticks(storedAt) + "_" + itemId);

    private static string DayPartition(DateTime day) => "day-" + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string Ticks(DateTimeOffset time) => time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}
