using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NkWatch.Core.Digests;
using NkWatch.Core.Messaging;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;
using NkWatch.Integration.Tests.Infrastructure;
using NkWatch.Storage.Azure;
using NkWatch.Storage.Sqlite;

namespace NkWatch.Integration.Tests.Digests;

/// <summary>
/// <c>digest preview</c> shows the digest that would be sent: for the same subscriber state the
/// preview's window and stories are the send's, on SQLite and on Azure Tables (Azurite), both
/// for a subscriber far behind (the look-back cap) and for an unfinished claim a crash left.
/// </summary>
public abstract class PreviewMatchesSendTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(T0 - TimeSpan.FromDays(80));
    private SendGridServer server = null!;

    public async Task InitializeAsync() => server = await SendGridServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    protected abstract void AddStorage(IServiceCollection services);

    [Fact]
    public async Task ASubscriberFarBehindIsPreviewedAndSentTheSameCappedWindow()
    {
        using var host = new DigestTestHost(clock, server, AddStorage);
        var subscriber = await host.SubscribeAsync("analyst@example.org", Frequency.Instant, change: s => s with { Watermark = clock.GetUtcNow() - TimeSpan.FromDays(20) });
        await host.StoreAsync("camp", DigestTestHost.UnFeed, ExactlyOnceTests.CampTitle, ExactlyOnceTests.CampLead);
        clock.SetUtcNow(T0 - TimeSpan.FromHours(1));
        await host.StoreAsync("icc", DigestTestHost.WireFeed, ExactlyOnceTests.IccTitle, ExactlyOnceTests.IccLead);
        clock.SetUtcNow(T0);

        var preview = await host.Get<DigestPreviewer>().PreviewAsync(subscriber.Email, default);
        var sent = await host.Get<DigestSender>().SendAsync(new DigestMessage(subscriber.Id, "instant-now", "instant"), default);

        Assert.Equal(new DigestWindow(T0 - DigestWindow.MaxLookBack, T0), preview!.Window);
        await AssertSentAsPreviewedAsync(host, preview, sent);
        Assert.DoesNotContain(ExactlyOnceTests.CampTitle, Subject(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnfinishedClaimIsPreviewedAndSentWithItsOwnWindow()
    {
        clock.SetUtcNow(T0);
        using var host = new DigestTestHost(clock, server, AddStorage);
        var subscriber = await host.SubscribeAsync("analyst@example.org", Frequency.Instant);
        await host.StoreAsync("icc", DigestTestHost.WireFeed, ExactlyOnceTests.IccTitle, ExactlyOnceTests.IccLead);
        clock.Advance(TimeSpan.FromMinutes(1));

        // A worker claimed the digest and died before sending: its lease has run out.
        var claimed = new DigestWindow(subscriber.Watermark, clock.GetUtcNow());
        var claim = new DigestClaim("instant-crashed", DigestSender.DigestIdOf(subscriber.Id, "instant-crashed"), claimed.Start, claimed.End, clock.GetUtcNow(), 1);
        Assert.True(await host.Get<IDigestLog>().TrySaveCursorAsync(new DigestCursor { SubscriberId = subscriber.Id, Watermark = subscriber.Watermark, Claim = claim }, default));
        clock.Advance(TimeSpan.FromMinutes(1));
        await host.StoreAsync("camp", DigestTestHost.UnFeed, ExactlyOnceTests.CampTitle, ExactlyOnceTests.CampLead);
        clock.Advance(TimeSpan.FromMinutes(1));

        var preview = await host.Get<DigestPreviewer>().PreviewAsync(subscriber.Email, default);
        var sent = await host.Get<DigestSender>().SendAsync(new DigestMessage(subscriber.Id, "instant-later", "instant"), default);

        Assert.Equal(claimed, preview!.Window);
        await AssertSentAsPreviewedAsync(host, preview, sent);
        Assert.Equal("instant-crashed", sent.Period);
        Assert.DoesNotContain(ExactlyOnceTests.CampTitle, Subject(), StringComparison.Ordinal);
    }

    private async Task AssertSentAsPreviewedAsync(DigestTestHost host, DigestPreview preview, DigestReport sent)
    {
        Assert.Equal(DigestOutcome.Sent, sent.Outcome);
        var record = (await host.Get<IDigestLog>().GetAsync(sent.SubscriberId, sent.Period, default))!;
        Assert.Equal(preview.Window, new DigestWindow(record.WindowStart, record.WindowEnd));
        Assert.Equal(preview.Stories, record.StoryCount);
        Assert.Equal(preview.Rendered!.Subject, Subject());
    }

    private string Subject() => (string)Assert.Single(server.Accepted).Body!["subject"]!;
}

public sealed class SqlitePreviewMatchesSendTests : PreviewMatchesSendTests, IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    protected override void AddStorage(IServiceCollection services) => services.AddNkWatchSqlite(temp.Combine("state.db"));
}

[Collection(AzuriteCollection.Name)]
public sealed class AzurePreviewMatchesSendTests(AzuriteFixture azurite) : PreviewMatchesSendTests
{
    protected override void AddStorage(IServiceCollection services) => services.AddNkWatchAzureStorage(azurite.IsolatedAccount());
}
