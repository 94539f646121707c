using Azure;
using Azure.Storage.Blobs;
using NkWatch.Core;
using NkWatch.Core.Configuration;

namespace NkWatch.Storage.Azure;

/// <summary>
/// Reads <c>Feeds__Source</c> / <c>Rules__Source</c> from a blob in the app's own storage account,
/// with the same identity as the queues and tables; the version is the blob's ETag.
/// </summary>
public sealed class BlobConfigDocumentReader(BlobServiceClient service) : IConfigDocumentReader
{
    public bool CanRead(string source) =>
        Uri.TryCreate(source, UriKind.Absolute, out var uri) && IsInAccount(uri);

    public async Task<ConfigDocument> ReadAsync(string source, CancellationToken cancellationToken)
    {
        var uri = new Uri(source);
        var blob = new BlobUriBuilder(uri);
        var client = service.GetBlobContainerClient(blob.BlobContainerName).GetBlobClient(blob.BlobName);
        try
        {
            var download = await client.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return new ConfigDocument(source, download.Value.Content.ToArray(), download.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException ex)
        {
            throw new ConfigurationFileException(source, $"cannot read the blob ({ex.Status} {ex.ErrorCode})");
        }
    }

    /// <summary>Only blobs of the configured account are read: a setting cannot make the app fetch other hosts.</summary>
    private bool IsInAccount(Uri uri) =>
        string.Equals(uri.Host, service.Uri.Host, StringComparison.OrdinalIgnoreCase)
        && uri.Port == service.Uri.Port
        && uri.AbsolutePath.StartsWith(service.Uri.AbsolutePath.TrimEnd('/') + "/", StringComparison.Ordinal);
}
