using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace NkWatch.Core.Feeds;

/// <summary>
/// Fetches one feed with a conditional GET (ETag and Last-Modified from the previous poll), a total
/// timeout, a cap on the bytes read and a limit on redirects. Never throws for network trouble:
/// every failure becomes a one-line reason.
/// </summary>
public sealed class FeedFetcher(HttpClient http, IOptions<FetchOptions> options)
{
    public const string HttpClientName = "feeds";

    private readonly FetchOptions limits = options.Value;

    public async Task<FetchResult> FetchAsync(Uri url, FeedState? state, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(limits.TimeoutSeconds));
        try
        {
            return await FetchFollowingRedirectsAsync(url, state, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FetchResult.Failure($"timed out after {limits.TimeoutSeconds} s");
        }
        catch (HttpRequestException ex)
        {
            return FetchResult.Failure($"network error: {ex.HttpRequestError} ({ex.Message})");
        }
        catch (IOException ex)
        {
            return FetchResult.Failure($"connection broken: {ex.Message}");
        }
    }

    private async Task<FetchResult> FetchFollowingRedirectsAsync(Uri url, FeedState? state, CancellationToken cancellationToken)
    {
        var current = url;
        for (var hop = 0; ; hop++)
        {
            if (current.Scheme != Uri.UriSchemeHttp && current.Scheme != Uri.UriSchemeHttps)
            {
                return FetchResult.Failure($"refused: only http and https are fetched, not {current.Scheme}");
            }

            using var request = BuildRequest(current, state);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && status != 304 && response.Headers.Location is { } location)
            {
                if (hop >= limits.MaxRedirects)
                {
                    return FetchResult.Failure($"too many redirects (more than {limits.MaxRedirects})");
                }

                current = location.IsAbsoluteUri ? location : new Uri(current, location);
                continue;
            }

            return await ReadResponseAsync(response, current, cancellationToken).ConfigureAwait(false);
        }
    }

    private HttpRequestMessage BuildRequest(Uri url, FeedState? state)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.ParseAdd(limits.UserAgent);
        request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
        if (state?.ETag is { Length: > 0 } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (state?.LastModified is { Length: > 0 } lastModified && DateTimeOffset.TryParse(lastModified, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        return request;
    }

    private async Task<FetchResult> ReadResponseAsync(HttpResponseMessage response, Uri finalUri, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new FetchResult(FetchOutcome.NotModified, [], null, finalUri, null, null, null);
        }

        if (!response.IsSuccessStatusCode)
        {
            var retryAfter = response.Headers.RetryAfter is { } header
                ? header.Delta ?? (header.Date - DateTimeOffset.UtcNow)
                : null;
            return FetchResult.Failure($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd(), retryAfter);
        }

        if (response.Content.Headers.ContentLength > limits.MaxBytes)
        {
            return FetchResult.Failure($"too large: {response.Content.Headers.ContentLength} bytes (limit {limits.MaxBytes})");
        }

        var body = await ReadCappedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return FetchResult.Failure($"too large: more than {limits.MaxBytes} bytes");
        }

        return new FetchResult(
            FetchOutcome.Content,
            body,
            response.Content.Headers.ContentType?.ToString(),
            finalUri,
            response.Headers.ETag?.ToString(),
            response.Content.Headers.LastModified?.ToString("R"),
            null);
    }

    private async Task<byte[]?> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limits.MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
