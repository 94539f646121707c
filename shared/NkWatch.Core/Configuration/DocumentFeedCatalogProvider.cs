using NkWatch.Core.Concurrency;
using NkWatch.Core.Feeds;

namespace NkWatch.Core.Configuration;

/// <summary>
/// The feed catalogue from <c>Feeds__Source</c>: a file, or a blob of the app's storage account,
/// read through the same readers as the rules. The host's start-up work begins the read (see
/// <c>StartupWork</c>), and the first use waits for it; a bad or missing catalogue fails that use
/// with its path and problem, and the next use reads again, so a catalogue uploaded after the app
/// started is found. Once read, a changed catalogue is taken up when the app restarts (a new
/// instance, or a change of app settings), since the poll schedule is built on it.
/// </summary>
public sealed class DocumentFeedCatalogProvider(string source, ConfigDocuments documents) : IFeedCatalogProvider
{
    private readonly AsyncOnce<FeedCatalog> catalog = new(async () =>
    {
        var document = await documents.ReadAsync(source, CancellationToken.None).ConfigureAwait(false);
        using var json = new MemoryStream(document.Content, writable: false);
        return FeedCatalog.Parse(json, document.Source);
    });

    /// <remarks>Once read, the kept task is complete: the catalogue comes back without I/O.</remarks>
    public ValueTask<FeedCatalog> GetCatalogAsync(CancellationToken cancellationToken) => new(catalog.GetAsync(cancellationToken));
}
