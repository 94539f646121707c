using NkWatch.Core.Feeds;
using NkWatch.Core.Pipeline;
using NkWatch.Integration.Tests.Infrastructure;

namespace NkWatch.Integration.Tests.Feeds;

/// <summary>
/// A <c>reliefweb-api</c> catalogue entry polled against a loopback server that answers with the
/// API's JSON shape: skipped, and saying why, until <c>ReliefWeb:AppName</c> is set; then read
/// with the appname added to its query, conditionally like any feed; a refused appname named.
/// </summary>
public sealed class ReliefWebApiPollTests : IAsyncLifetime, IDisposable
{
    private const string Query = "reports?filter[field]=primary_country.iso3&filter[value]=prk&sort[]=date.created:desc&limit=2";

    private const string Reports = """
        {"totalCount": 2, "count": 2, "data": [
          {"id": "4190001", "fields": {"title": "DPR Korea: Needs and Priorities 2026", "url": "https://reliefweb.int/report/dprk/needs-2026",
            "date": {"original": "2026-11-26T00:00:00+00:00", "created": "2026-11-27T08:15:00+00:00"}, "body-html": "<p>Chronic malnutrition persists.</p>"}},
          {"id": "4190002", "fields": {"title": "Tuberculosis programme update", "url": "https://reliefweb.int/report/dprk/tb-update",
            "date": {"created": "2026-11-25T10:00:00+00:00"}, "body": "Treatment supplies arrived."}}
        ]}
        """;

    private readonly TempDirectory temp = new();
    private ScriptedFeedServer server = null!;

    public async Task InitializeAsync() => server = await ScriptedFeedServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => temp.Dispose();

    private PollerHost Host(string? appName) => new(
        temp,
        server,
        [("reliefweb-dprk", Query)],
        feedType: FeedTypes.ReliefWebApi,
        settings: new Dictionary<string, string?> { ["ReliefWeb:AppName"] = appName });

    [Fact]
    public async Task WithoutAnAppnameTheFeedIsSkippedAndSaysWhy()
    {
        server.Serve("reports", Reports, "application/json");
        using var host = Host(appName: null);

        var report = await host.PollAsync("reliefweb-dprk");
        var health = Assert.Single(await host.Get<FeedHealthReader>().ReadAsync(CancellationToken.None));

        Assert.Equal((PollOutcome.Skipped, FeedEndpoints.AppNameMissing), (report.Outcome, report.Detail));
        Assert.False(report.Failed);
        Assert.Empty(server.Requests);
        Assert.Equal((FeedCondition.Skipped, FeedEndpoints.AppNameMissing), (health.Condition, health.Reason));
        Assert.Equal(host.Clock.GetUtcNow() + PollPolicy.MaxInterval, (await host.StateAsync("reliefweb-dprk")).NextPollAt);
    }

    [Fact]
    public async Task WithAnAppnameTheReportsAreItemsAndAnUnchangedAnswerIsANotModified()
    {
        server.Serve("reports", Reports, "application/json");
        using var host = Host(appName: "nkwatch-fixture-7f3a");

        var first = await host.PollAsync("reliefweb-dprk");
        await host.AdvanceToNextPollAsync("reliefweb-dprk");
        var second = await host.PollAsync("reliefweb-dprk");

        Assert.Equal((PollOutcome.Ok, 2, 2), (first.Outcome, first.Items, first.NewItems));
        Assert.Equal(PollOutcome.NotModified, second.Outcome);
        var query = Uri.UnescapeDataString(server.Queries.First());
        Assert.Contains("filter[field]=primary_country.iso3&filter[value]=prk", query, StringComparison.Ordinal);
        Assert.EndsWith("&appname=nkwatch-fixture-7f3a", query, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), (await host.StateAsync("reliefweb-dprk")).NewestItemAt);
    }

    [Fact]
    public async Task ARefusedAppnameIsNamedAsSuch()
    {
        server.Fail("reports", 403);
        using var host = Host(appName: "not-approved");

        var report = await host.PollAsync("reliefweb-dprk");

        Assert.Equal("refused by ReliefWeb (403): the appname is not one it approved; check ReliefWeb__AppName", report.Error);
    }
}
