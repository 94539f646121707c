using NkWatch.Core.Feeds;

namespace NkWatch.Integration.Tests.Feeds;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuredCollection
{
    public const string Name = "memory measured";
}

/// <summary>
/// Responses that would exhaust memory (endless, or bombs that expand to 256 MiB) are cut off at
/// the cap, and the whole fetch allocates a small multiple of the cap, not of the response. These
/// tests run alone so that the allocation count is theirs.
/// </summary>
[Collection(MemoryMeasuredCollection.Name)]
public sealed class FetchLimitMemoryTests : IAsyncLifetime
{
    private const int Cap = 1024 * 1024;
    private const long AllocationBudget = 24L * 1024 * 1024;

    private HostileFeedServer server = null!;

    public async Task InitializeAsync() => server = await HostileFeedServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("/endless", "too large: more than 1048576 bytes of response")]
    [InlineData("/gzip-bomb", "too large: more than 1048576 bytes after decompression")]
    [InlineData("/br-bomb", "too large: more than 1048576 bytes after decompression")]
    public async Task OversizedResponseIsCutOffAtTheCapInBoundedMemory(string path, string reason)
    {
        var fetcher = FeedFetcherTests.Fetcher(maxBytes: Cap);
        await fetcher.FetchAsync(server.At("/feed"), null, CancellationToken.None);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var result = await fetcher.FetchAsync(server.At(path), null, CancellationToken.None);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(reason, result.Error);
        Assert.InRange(allocated, 0, AllocationBudget);
        Assert.True(HostileFeedServer.BombExpandedBytes > 10 * AllocationBudget);
    }
}
