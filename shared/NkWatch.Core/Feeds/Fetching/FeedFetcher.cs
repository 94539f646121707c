using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace NkWatch.Core.Feeds;

/// <summary>
/// Fetches one feed politely and defensively: a conditional GET with the validators of the last
/// poll, a User-Agent that names NkWatch, gzip and brotli; a connect timeout and a total timeout
/// (a server that drips bytes is cut off), caps on the bytes read and on the bytes they expand to,
/// at most <see cref="FetchOptions.MaxRedirects"/> redirects with loops detected, only http and
/// https, and only public addresses (<see cref="AddressPolicy"/>). Never throws for network
/// trouble: every failure becomes a one-line reason.
/// </summary>
public sealed class FeedFetcher(HttpClient http, IOptions<FetchOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "feeds";

    private const string Accept = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

    private readonly FetchOptions limits = options.Value;

    /// <summary>
    /// The handler feeds are fetched with: redirects and decompression are left to
    /// <see cref="FeedFetcher"/>, which counts the first and caps the second.
    /// Every connection goes through a <see cref="GuardedConnector"/> (the default one unless a
    /// test passes its own).
    /// </summary>
    public static SocketsHttpHandler CreateHandler(FetchOptions limits, GuardedConnector? connector = null) => new()
    {
        ConnectCallback = (connector ?? new GuardedConnector(limits.AllowPrivateAddresses)).ConnectAsync,

        // Through a proxy the connection would go to the proxy and the proxy would resolve the
        // feed's host, out of the guard's sight: feeds are fetched directly.
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(limits.ConnectTimeoutSeconds),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxResponseHeadersLength = 64,
    };

    public async Task<FetchResult> FetchAsync(Uri url, FeedState? state, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(limits.TimeoutSeconds));
        try
        {
            return await FetchFollowingRedirectsAsync(url, state, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return FetchResult.Failure(ex.InnerException is TimeoutException && !timeout.IsCancellationRequested
                ? $"could not connect within {limits.ConnectTimeoutSeconds} s"
                : $"timed out after {limits.TimeoutSeconds} s");
        }
        catch (FetchFailedException ex)
        {
            return FetchResult.Failure(ex.Message);
        }
        catch (HttpRequestException ex) when (ex.InnerException is AddressRefusedException)
        {
            // Nothing of the attempt is told: not the address, not how far the connection got.
            return FetchResult.Failure(AddressPolicy.RefusedReason);
        }
        catch (HttpRequestException ex)
        {
            return FetchResult.Failure($"network error: {ex.HttpRequestError} ({ex.InnerException?.Message ?? ex.Message})");
        }
        catch (IOException ex)
        {
            return FetchResult.Failure($"connection broken: {ex.Message}");
        }
        catch (InvalidDataException ex)
        {
            return FetchResult.Failure($"corrupt compressed body: {ex.Message}");
        }
    }

    private async Task<FetchResult> FetchFollowingRedirectsAsync(Uri url, FeedState? state, CancellationToken cancellationToken)
    {
        var current = url;
        var visited = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
        var allPermanent = true;
        for (var hop = 0; ; hop++)
        {
            if (current.Scheme != Uri.UriSchemeHttp && current.Scheme != Uri.UriSchemeHttps)
            {
                return FetchResult.Failure($"refused: only http and https are fetched, not {current.Scheme}");
            }

            using var request = BuildRequest(current, state);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                if (response.Headers.Location is not { } location)
                {
                    return FetchResult.Failure($"HTTP {status} redirect without a Location");
                }

                if (hop >= limits.MaxRedirects)
                {
                    return FetchResult.Failure($"too many redirects (more than {limits.MaxRedirects})");
                }

                current = location.IsAbsoluteUri ? location : new Uri(current, location);
                if (!visited.Add(current.AbsoluteUri))
                {
                    return FetchResult.Failure($"redirect loop: {current.AbsoluteUri} was already visited");
                }

                allPermanent &= status is 301 or 308;
                continue;
            }

            var result = await ReadResponseAsync(response, current, cancellationToken).ConfigureAwait(false);
            return hop > 0 && allPermanent && result.Outcome != FetchOutcome.Failed ? result with { MovedTo = current } : result;
        }
    }

    private HttpRequestMessage BuildRequest(Uri url, FeedState? state)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        var headers = request.Headers;
        headers.TryAddWithoutValidation("User-Agent", limits.UserAgent);
        headers.TryAddWithoutValidation("Accept", Accept);
        headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br, deflate");

        // The validators go back exactly as the server sent them (RFC 9110 13.1).
        if (state?.ETag is { Length: > 0 } etag)
        {
            headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (state?.LastModified is { Length: > 0 } lastModified)
        {
            headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
        }

        return request;
    }

    /// <summary>The validator as sent: the typed header is null for a non-standard ETag, which still works when echoed back.</summary>
    private static string? ETag(HttpResponseMessage response) => response.Headers.ETag?.ToString() ?? Header(response, "ETag");

    private async Task<FetchResult> ReadResponseAsync(HttpResponseMessage response, Uri finalUri, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new FetchResult(FetchOutcome.NotModified, [], null, finalUri, ETag(response), Header(response, "Last-Modified"), null)
            {
                MaxAge = MaxAge(response),
                StatusCode = status,
            };
        }

        if (!response.IsSuccessStatusCode)
        {
            return FetchResult.Failure(Refusal(response), RetryAfter(response)) with { StatusCode = status };
        }

        if (response.Content.Headers.ContentLength > limits.MaxBytes)
        {
            return FetchResult.Failure($"too large: {response.Content.Headers.ContentLength} bytes (limit {limits.MaxBytes})") with { StatusCode = status };
        }

        var body = await BodyReader.ReadAsync(response.Content, limits.MaxBytes, cancellationToken).ConfigureAwait(false);
        return new FetchResult(
            FetchOutcome.Content,
            body,
            response.Content.Headers.ContentType?.ToString(),
            finalUri,
            ETag(response),
            Header(response, "Last-Modified"),
            null)
        {
            MaxAge = MaxAge(response),
            StatusCode = status,
        };
    }

    /// <summary>
    /// The status as the operator needs it. Feeds behind bot protection answer 403 to a User-Agent
    /// that is not a browser's: the remedy is a setting, so the message names it.
    /// </summary>
    private static string Refusal(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            return "refused by the server (403): it may block non-browser User-Agents; set Fetch__UserAgent";
        }

        var reason = string.IsNullOrWhiteSpace(response.ReasonPhrase) ? string.Empty : " " + response.ReasonPhrase;
        return $"HTTP {status}{reason}";
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? values.FirstOrDefault()
            : null;

    private static TimeSpan? MaxAge(HttpResponseMessage response) =>
        response.Headers.CacheControl is { NoStore: false, NoCache: false } cache ? cache.SharedMaxAge ?? cache.MaxAge : null;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not RetryConditionHeaderValue header)
        {
            return null;
        }

        var wait = header.Delta ?? (header.Date - clock.GetUtcNow());
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
