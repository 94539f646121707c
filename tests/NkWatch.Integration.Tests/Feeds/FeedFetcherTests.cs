using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NkWatch.Core.Feeds;

namespace NkWatch.Integration.Tests.Feeds;

/// <summary>FeedFetcher against a real loopback server: manners, limits and failures, each with its one-line reason.</summary>
public sealed class FeedFetcherTests : IAsyncLifetime
{
    private HostileFeedServer server = null!;

    public async Task InitializeAsync() => server = await HostileFeedServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    internal static FeedFetcher Fetcher(int timeoutSeconds = 10, int maxBytes = 1024 * 1024)
    {
        var options = new FetchOptions { TimeoutSeconds = timeoutSeconds, MaxBytes = maxBytes, AllowPrivateAddresses = true };
        return new FeedFetcher(new HttpClient(FeedFetcher.CreateHandler(options)) { Timeout = Timeout.InfiniteTimeSpan }, Options.Create(options), new FakeTimeProvider(HostileFeedServer.Now));
    }

    private Task<FetchResult> FetchAsync(string path, FeedState? state = null, int timeoutSeconds = 10) =>
        Fetcher(timeoutSeconds).FetchAsync(server.At(path), state, CancellationToken.None);

    [Fact]
    public async Task SecondFetchWithTheStoredValidatorsIsAnswered304()
    {
        var first = await FetchAsync("/feed");
        var state = new FeedState { FeedId = "f", ETag = first.ETag, LastModified = first.LastModified };

        var second = await FetchAsync("/feed", state);

        Assert.Equal(FetchOutcome.Content, first.Outcome);
        Assert.Equal(HostileFeedServer.Etag, first.ETag);
        Assert.Equal(HostileFeedServer.LastModified, first.LastModified);
        Assert.Equal(FetchOutcome.NotModified, second.Outcome);
        var conditional = server.Requests.Last();
        Assert.Equal(HostileFeedServer.Etag, conditional.IfNoneMatch);
        Assert.Equal(HostileFeedServer.LastModified, conditional.IfModifiedSince);
    }

    [Fact]
    public async Task RequestsNameNkWatchWithAContactUrlAndOfferGzipAndBrotli()
    {
        await FetchAsync("/feed");

        var request = server.Requests.Single();
        Assert.StartsWith("NkWatch/", request.UserAgent, StringComparison.Ordinal);
        Assert.Contains("+https://", request.UserAgent, StringComparison.Ordinal);
        Assert.Contains("gzip", request.AcceptEncoding, StringComparison.Ordinal);
        Assert.Contains("br", request.AcceptEncoding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/gzip")]
    [InlineData("/br")]
    public async Task CompressedBodiesAreDecoded(string path)
    {
        var result = await FetchAsync(path);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Contains("Second story", Encoding.UTF8.GetString(result.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiveRedirectsAreFollowed()
    {
        var result = await FetchAsync("/hop/5");

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Equal(server.At("/hop/0"), result.FinalUri);
        Assert.Null(result.MovedTo);
    }

    [Fact]
    public async Task TheSixthRedirectIsRefused()
    {
        var result = await FetchAsync("/hop/6");

        Assert.Equal("too many redirects (more than 5)", result.Error);
    }

    [Fact]
    public async Task RedirectLoopIsDetectedAtOnce()
    {
        var result = await FetchAsync("/loop-a");

        Assert.Equal($"redirect loop: {server.At("/loop-a")} was already visited", result.Error);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task RedirectToAnotherSchemeIsRefused()
    {
        var result = await FetchAsync("/to-file");

        Assert.Equal("refused: only http and https are fetched, not file", result.Error);
    }

    [Fact]
    public async Task PermanentRedirectIsReportedSoTheCatalogueCanBeFixed()
    {
        var result = await FetchAsync("/moved");

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Equal(server.At("/feed"), result.MovedTo);
    }

    [Fact]
    public async Task NotFoundIsReportedWithItsStatus()
    {
        var result = await FetchAsync("/404");

        Assert.Equal("HTTP 404 Not Found", result.Error);
        Assert.Equal(404, result.StatusCode);
    }

    [Fact]
    public async Task ServiceUnavailableCarriesItsRetryAfter()
    {
        var result = await FetchAsync("/503");

        Assert.Equal("HTTP 503 Service Unavailable", result.Error);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
    }

    [Fact]
    public async Task TooManyRequestsCarriesRetryAfterInSeconds()
    {
        var result = await FetchAsync("/429");

        Assert.Equal("HTTP 429 Too Many Requests", result.Error);
        Assert.Equal(TimeSpan.FromHours(2), result.RetryAfter);
    }

    [Fact]
    public async Task TooManyRequestsCarriesRetryAfterAsADate()
    {
        var result = await FetchAsync("/429-date");

        Assert.Equal(TimeSpan.FromHours(3), result.RetryAfter);
    }

    [Fact]
    public async Task CacheControlMaxAgeIsReported()
    {
        var result = await FetchAsync("/fresh");

        Assert.Equal(TimeSpan.FromHours(2), result.MaxAge);
    }

    [Fact]
    public async Task DeclaredLengthOverTheCapIsRefusedBeforeReading()
    {
        var result = await FetchAsync("/too-long");

        Assert.Equal($"too large: {50 * 1024 * 1024} bytes (limit {1024 * 1024})", result.Error);
    }

    [Fact]
    public async Task ServerThatDripsBytesIsCutOffByTheTotalTimeout()
    {
        var result = await FetchAsync("/drip", timeoutSeconds: 1);

        Assert.Equal("timed out after 1 s", result.Error);
    }

    [Fact]
    public async Task ClosedPortIsANetworkError()
    {
        // Bound and never listening: the port is refused, and no other process can take it meanwhile.
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)closed.LocalEndPoint!).Port;

        var result = await Fetcher().FetchAsync(new Uri($"http://127.0.0.1:{port}/feed"), null, CancellationToken.None);

        Assert.StartsWith("network error: ConnectionError", result.Error, StringComparison.Ordinal);
    }
}
