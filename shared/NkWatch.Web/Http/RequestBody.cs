using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace NkWatch.Web.Http;

/// <summary>
/// Reads a request body with a hard size cap (413 beyond it, whatever Content-Length claims) after
/// checking its media type against the ones the route accepts (415 otherwise).
/// </summary>
public static class RequestBody
{
    public const string FormUrlEncoded = "application/x-www-form-urlencoded";
    public const string MultipartFormData = "multipart/form-data";
    public const string Json = "application/json";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The request's media type (lower case, no parameters) if it is one of <paramref name="accepted"/>; otherwise 415.</summary>
    public static string RequireMediaType(HttpRequest request, params string[] accepted)
    {
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) && parsed.MediaType.HasValue)
        {
            var mediaType = parsed.MediaType.Value.ToLowerInvariant();
            if (accepted.Contains(mediaType, StringComparer.Ordinal))
            {
                // US-ASCII is a subset of UTF-8 (what some clients declare for a one-click body).
                if (parsed.Charset.HasValue && !parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !parsed.Charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
                {
                    throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType, "Send the body as UTF-8.");
                }

                return mediaType;
            }
        }

        throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType, $"Send the body as {string.Join(" or ", accepted)}.");
    }

    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static async Task<string> ReadTextAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "The body is not valid UTF-8.");
        }
    }

    private static RequestRejectedException TooLarge(int maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {maxBytes / 1024} KiB.");
}
