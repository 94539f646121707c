using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NkWatch.Host.Tests.Host;

/// <summary>
/// Three feeds on a loopback server, from the integration tests' fixtures: UN News and Yonhap
/// carry one story (EU and Japan seek an ICC referral of North Korea); the wire carries other
/// stories, some off-topic (a stock market report, Myanmar).
/// </summary>
public sealed class FixtureFeeds : IAsyncDisposable
{
    public const string SharedHeadline = "EU and Japan table draft resolution seeking ICC referral of North Korea";

    public static readonly string[] OffTopic = ["KOSPI ends higher on chip rally", "Myanmar junta accused of crimes against humanity"];

    private static readonly (string Id, string Name, string Fixture, string Organisation)[] Feeds =
    [
        ("un-news", "UN News", "digests/un-news.xml", "un"),
        ("yonhap", "Yonhap", "digests/yonhap.xml", "news"),
        ("wire", "Example Wire", "pipeline/wire.xml", "news"),
    ];

    private readonly LocalHttpServer server;

    private FixtureFeeds(LocalHttpServer server) => this.server = server;

    public static int Count => Feeds.Length;

    public static async Task<FixtureFeeds> StartAsync() =>
        new(await LocalHttpServer.StartAsync(app =>
        {
            foreach (var feed in Feeds)
            {
                app.MapGet($"/{feed.Id}.xml", () => Results.File(FixturePath(feed.Fixture), "application/rss+xml"));
            }
        }));

    /// <summary>A feed catalogue (Feeds__Source) naming the three feeds.</summary>
    public string WriteCatalog(TempDirectory work)
    {
        var path = work.Combine("feeds.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            feeds = Feeds.Select(f => new { id = f.Id, name = f.Name, url = server.At($"/{f.Id}.xml").ToString(), language = "en", organisation = f.Organisation }),
        }));
        return path;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private static string FixturePath(string name) =>
        RepositoryRoot.Combine("tests", "NkWatch.Integration.Tests", "Fixtures", name);
}
