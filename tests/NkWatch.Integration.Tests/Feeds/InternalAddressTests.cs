using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NkWatch.Core.Feeds;
using NkWatch.Integration.Tests.Infrastructure;

namespace NkWatch.Integration.Tests.Feeds;

/// <summary>
/// Feeds, and redirects from them, never reach loopback, private, link-local or metadata addresses.
/// Traffic only ever goes to 127.0.0.1: a host name the test calls public ("public.test", resolved
/// to a documentation address) is connected to the loopback server by the test's own connect step,
/// which refuses every other address, so a guard that failed would show as an attempt, not a packet.
/// </summary>
public sealed class InternalAddressTests : IAsyncLifetime
{
    private static readonly IPAddress PublicAddress = IPAddress.Parse("192.0.2.10");

    private readonly ConcurrentQueue<IPEndPoint> attempts = new();
    private int served;
    private LocalHttpServer server = null!;

    public async Task InitializeAsync() => server = await LocalHttpServer.StartAsync(app =>
    {
        app.MapGet("/feed", () =>
        {
            Interlocked.Increment(ref served);
            return Results.Content("<rss version=\"2.0\"><channel><title>t</title></channel></rss>", "application/rss+xml");
        });
        app.MapGet("/to", (string url) =>
        {
            Interlocked.Increment(ref served);
            return Results.Redirect(url);
        });
    });

    public async Task DisposeAsync() => await server.DisposeAsync();

    private int Port => server.Url.Port;

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task ALoopbackFeedIsRefusedBeforeAnyRequest(string host)
    {
        var result = await Fetcher(allowPrivate: false).FetchAsync(new Uri($"http://{host}:{Port}/feed"), null, default);

        Assert.Equal(AddressPolicy.RefusedReason, result.Error);
        Assert.Equal(0, served);
    }

    [Theory]
    [InlineData("http://10.1.2.3/feed")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/")]
    [InlineData("http://[::ffff:169.254.169.254]/")]
    [InlineData("http://intranet.test/feed")]
    [InlineData("http://mixed.test/feed")]
    public async Task InternalAddressesAreRefusedWithOneReasonAndNeverConnected(string url)
    {
        var result = await GuardedFetcher().FetchAsync(new Uri(url), null, default);

        Assert.Equal(AddressPolicy.RefusedReason, result.Error);
        Assert.Empty(attempts);
    }

    [Theory]
    [InlineData("http://intranet.test:{0}/feed")]
    [InlineData("http://127.0.0.1:{0}/feed")]
    [InlineData("http://169.254.169.254:{0}/latest/meta-data/")]
    public async Task ARedirectFromAnAllowedFeedToAnInternalAddressIsRefused(string target)
    {
        var to = Uri.EscapeDataString(string.Format(System.Globalization.CultureInfo.InvariantCulture, target, Port));

        var result = await GuardedFetcher().FetchAsync(new Uri($"http://public.test:{Port}/to?url={to}"), null, default);

        Assert.Equal(AddressPolicy.RefusedReason, result.Error);
        Assert.Equal(1, served);
        Assert.All(attempts, endpoint => Assert.Equal(PublicAddress, endpoint.Address));
    }

    [Fact]
    public async Task AFeedOnAnAllowedAddressIsFetchedThroughTheGuard()
    {
        var result = await GuardedFetcher().FetchAsync(new Uri($"http://public.test:{Port}/feed"), null, default);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Equal(1, served);
    }

    [Fact]
    public async Task AllowPrivateAddressesLetsALoopbackFeedThrough()
    {
        var result = await Fetcher(allowPrivate: true).FetchAsync(server.At("/feed"), null, default);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
    }

    [Fact]
    public async Task AClosedLoopbackPortShowsTheRefusalNotTheConnectionError()
    {
        var result = await Fetcher(allowPrivate: false).FetchAsync(new Uri("http://127.0.0.1:1/feed"), null, default);

        Assert.Equal(AddressPolicy.RefusedReason, result.Error);
    }

    private static FeedFetcher Fetcher(bool allowPrivate, GuardedConnector? connector = null)
    {
        var options = new FetchOptions { TimeoutSeconds = 10, AllowPrivateAddresses = allowPrivate };
        return new FeedFetcher(new HttpClient(FeedFetcher.CreateHandler(options, connector)) { Timeout = Timeout.InfiniteTimeSpan }, Options.Create(options), TimeProvider.System);
    }

    /// <summary>The real guard with private addresses refused, over the test's name table and its loopback-only connect step.</summary>
    private FeedFetcher GuardedFetcher() => Fetcher(false, new GuardedConnector(false, Resolve, ConnectAsync));

    private static Task<IPAddress[]> Resolve(string host, CancellationToken cancellationToken) => Task.FromResult<IPAddress[]>(host switch
    {
        "public.test" => [PublicAddress],
        "intranet.test" => [IPAddress.Parse("10.0.0.8")],
        "mixed.test" => [PublicAddress, IPAddress.Parse("192.168.0.4")],
        _ => throw new SocketException((int)SocketError.HostNotFound),
    });

    private async ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        attempts.Enqueue(endpoint);
        if (!endpoint.Address.Equals(PublicAddress))
        {
            throw new SocketException((int)SocketError.AccessDenied);
        }

        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, endpoint.Port), cancellationToken);
        return new NetworkStream(socket, ownsSocket: true);
    }
}
