namespace NkWatch.Core.Configuration;

/// <summary>A configuration file's bytes and a version tag that changes when its content may have.</summary>
public sealed record ConfigDocument(string Source, byte[] Content, string Version);

/// <summary>
/// Reads the feed catalogue or the rules from where <c>Feeds__Source</c> / <c>Rules__Source</c>
/// point: a file path, or (in Azure) a blob URL read with the app's identity.
/// </summary>
public interface IConfigDocumentReader
{
    bool CanRead(string source);

    Task<ConfigDocument> ReadAsync(string source, CancellationToken cancellationToken);
}

/// <summary>Files on disk; the version is the last write time and length.</summary>
public sealed class FileConfigDocumentReader : IConfigDocumentReader
{
    public bool CanRead(string source) => !source.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && !source.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    public async Task<ConfigDocument> ReadAsync(string source, CancellationToken cancellationToken)
    {
        var file = new FileInfo(source);
        if (!file.Exists)
        {
            throw new ConfigurationFileException(source, "file not found");
        }

        var content = await File.ReadAllBytesAsync(source, cancellationToken).ConfigureAwait(false);
        return new ConfigDocument(source, content, $"{file.LastWriteTimeUtc.Ticks}:{file.Length}");
    }
}

/// <summary>Picks the reader that understands the source.</summary>
public sealed class ConfigDocuments(IEnumerable<IConfigDocumentReader> readers)
{
    public Task<ConfigDocument> ReadAsync(string source, CancellationToken cancellationToken)
    {
        var reader = readers.FirstOrDefault(r => r.CanRead(source))
            ?? throw new ConfigurationFileException(source, "no reader for this location (use a file path or a blob URL in the app's storage account)");
        return reader.ReadAsync(source, cancellationToken);
    }
}
