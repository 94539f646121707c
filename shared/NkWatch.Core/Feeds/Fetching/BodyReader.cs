using System.IO.Compression;

namespace NkWatch.Core.Feeds;

/// <summary>
/// Reads a response body in bounded memory. Decompression is done here rather than by the
/// handler so that both counts are capped: the bytes that arrive (an endless response) and the
/// bytes they expand to (a gzip or brotli bomb). Either limit ends the read at once.
/// </summary>
internal static class BodyReader
{
    public static async Task<byte[]> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var network = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        Stream stream = new CappedStream(network, maxBytes, "response");
        try
        {
            foreach (var coding in content.Headers.ContentEncoding.Reverse())
            {
                stream = Decoder(stream, coding.Trim().ToLowerInvariant());
            }

            var expected = content.Headers.ContentLength is { } length && length <= maxBytes ? (int)length : 64 * 1024;
            using var buffer = new MemoryStream(expected);
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new FetchFailedException($"too large: more than {maxBytes} bytes after decompression");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Stream Decoder(Stream inner, string coding) => coding switch
    {
        "gzip" or "x-gzip" => new GZipStream(inner, CompressionMode.Decompress),
        "br" => new BrotliStream(inner, CompressionMode.Decompress),

        // HTTP's "deflate" is the zlib format.
        "deflate" => new ZLibStream(inner, CompressionMode.Decompress),
        "identity" or "" => inner,
        _ => throw new FetchFailedException($"unsupported Content-Encoding \"{coding}\""),
    };

    /// <summary>A read-only stream that fails once more than <c>max</c> bytes have come through it.</summary>
    private sealed class CappedStream(Stream inner, long max, string what) : Stream
    {
        private long total;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => total;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            total += read;
            return total > max ? throw new FetchFailedException($"too large: more than {max} bytes of {what}") : read;
        }
    }
}
