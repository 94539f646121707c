using System.Globalization;
using Azure.Data.Tables;
using NkWatch.Core.Matches;
using NkWatch.Core.Search;

namespace NkWatch.Storage.Azure;

/// <summary>
/// The archive's search index on Azure Tables, an inverted index: table <c>matchterms</c>, one
/// partition per token (<see cref="SearchText"/>), one row per match that contains it, keyed
/// newest first, carrying what ranking and filtering need (how often the token occurs, the stored
/// time, feed and topics). A query reads at most <see cref="MaxRowsPerToken"/> rows of each of its
/// at most <see cref="SearchQuery.MaxTokens"/> partitions, the newest, then one point read per
/// result shown, so its cost is bounded whatever the archive's size; the price is that a token
/// found in more matches than that is searched among its newest ones only.
/// </summary>
public sealed class TableMatchSearch(AzureTables tables)
{
    public const int MaxRowsPerToken = 500;

    private const int WriteParallelism = 8;

    /// <summary>Writes the match's rows (upserts: writing them again after a crash changes nothing).</summary>
    public async Task IndexAsync(StoredMatch match, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.MatchTerms).ConfigureAwait(false);
        var rows = SearchText.Indexed(match.Title, match.Summary).Select(t => new TableEntity(t.Token, RowKey(match))
        {
            ["Count"] = t.Count,
            ["StoredAtTicks"] = match.StoredAt.UtcTicks,
            ["ItemId"] = match.ItemId,
            ["FeedId"] = match.FeedId,
            ["Topics"] = string.Join(' ', match.Topics),
        });
        await Parallel.ForEachAsync(
            rows,
            new ParallelOptions { MaxDegreeOfParallelism = WriteParallelism, CancellationToken = cancellationToken },
            async (row, token) => await table.UpsertEntityAsync(row, TableUpdateMode.Replace, token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>
    /// The best <paramref name="count"/> matches containing every token, as (item id, stored time):
    /// each token adds (1 + ln count) × ln(1 + cap / rows found), so rarer words weigh more, as in tf-idf.
    /// </summary>
    public async Task<IReadOnlyList<(string ItemId, DateTimeOffset StoredAt)>> FindAsync(SearchQuery query, MatchFilter filter, int count, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.MatchTerms).ConfigureAwait(false);
        Dictionary<string, (double Score, long Ticks)>? found = null;
        foreach (var token in query.Tokens)
        {
            var rows = new List<TableEntity>();
            await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == token, maxPerPage: MaxRowsPerToken, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
                if (rows.Count == MaxRowsPerToken)
                {
                    break;
                }
            }

            var weight = Math.Log(1 + ((double)MaxRowsPerToken / Math.Max(1, rows.Count)));
            var next = new Dictionary<string, (double Score, long Ticks)>(StringComparer.Ordinal);
            foreach (var row in rows.Where(r => Included(r, filter)))
            {
                // Rows come newest first: an older row of the same item (left by an attempt that died
                // before the retry stored the match again) must not replace the stored time in force.
                var itemId = row.GetString("ItemId");
                if (!next.ContainsKey(itemId) && (found is null || found.ContainsKey(itemId)))
                {
                    var before = found is null ? 0 : found[itemId].Score;
                    next[itemId] = (before + ((1 + Math.Log(Math.Max(1, row.GetInt32("Count") ?? 1))) * weight), row.GetInt64("StoredAtTicks") ?? 0);
                }
            }

            found = next;
            if (found.Count == 0)
            {
                break;
            }
        }

        return [.. (found ?? [])
            .OrderByDescending(f => f.Value.Score)
            .ThenByDescending(f => f.Value.Ticks)
            .ThenByDescending(f => f.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(f => (f.Key, new DateTimeOffset(f.Value.Ticks, TimeSpan.Zero)))];
    }

    private static bool Included(TableEntity row, MatchFilter filter) =>
        filter.Includes(row.GetString("FeedId") ?? string.Empty, (row.GetString("Topics") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string RowKey(StoredMatch match) =>
        (DateTimeOffset.MaxValue.UtcTicks - match.StoredAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "_" + match.ItemId;
}
