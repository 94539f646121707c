using NkWatch.Core.Feeds;

namespace NkWatch.Cli.Commands;

/// <summary><c>--only ID,...</c>: the catalogue's feeds by id, in the order given, or all of them.</summary>
internal static class CatalogSelection
{
    public static List<FeedSource> Select(FeedCatalog catalog, string? only)
    {
        if (string.IsNullOrWhiteSpace(only))
        {
            return [.. catalog.Feeds];
        }

        var ids = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        var unknown = ids.Where(id => catalog.Find(id) is null).ToList();
        return unknown.Count == 0
            ? ids.Select(id => catalog.Find(id)!).ToList()
            : throw new UsageException($"not in the catalogue: {string.Join(", ", unknown)}");
    }
}
