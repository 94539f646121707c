using System.Text.Json;
using NkWatch.Core.Classification;
using NkWatch.Core.Matches;
using NkWatch.Integration.Tests.Infrastructure;
using NkWatch.Storage.Sqlite;
using static NkWatch.Integration.Tests.Feeds.CliRunner;

namespace NkWatch.Integration.Tests.Cli;

/// <summary>`nkwatch matches search` over a data folder's SQLite store: ranked results with outlet and reasons, bad input as one error line.</summary>
public sealed class MatchesSearchCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public MatchesSearchCommandTests()
    {
        var store = new SqliteMatchStore(new SqliteDatabase(temp.Combine("nkwatch.db")), TimeProvider.System);
        var at = new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
        store.AddAsync(new StoredMatch
        {
            ItemId = "ko1",
            FeedId = "yonhap-nk-ko",
            Title = "탈북민 강제북송 우려",
            Link = "https://www.yna.co.kr/view/1",
            Summary = "중국 공안이 탈북민 60명을 북한으로 송환했다고 단체들이 밝혔다.",
            Topics = ["refugees"],
            Hits = [new Hit("강제북송", "refugees", "title", 4, 4)],
            StoredAt = at,
            StoryId = "ko1",
        }, default).GetAwaiter().GetResult();
        store.AddAsync(new StoredMatch { ItemId = "en1", FeedId = "un-news-human-rights", Title = "Rapporteur briefs the Third Committee", Summary = "Testimonies from Yodok were presented.", Topics = ["un-action"], StoredAt = at.AddMinutes(1), StoryId = "en1" }, default).GetAwaiter().GetResult();
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task AWordOfASummaryFindsTheMatchWithItsOutletAndReasons()
    {
        var (code, output, error) = await NkWatchAsync("matches", "search", "송환", "--data", temp.Path, "--feeds", Config("feeds.json"), "--rules", Config("rules.json"));
        var (jsonCode, json, _) = await NkWatchAsync("matches", "search", "yodok", "--json", "--data", temp.Path, "--feeds", Config("feeds.json"), "--rules", Config("rules.json"));

        Assert.Equal((0, 0), (code, jsonCode));
        Assert.DoesNotContain("error:", error, StringComparison.Ordinal);
        Assert.Contains("1. 탈북민 강제북송 우려", output, StringComparison.Ordinal);
        Assert.Contains("연합뉴스: 북한 ·", output, StringComparison.Ordinal);
        Assert.Contains("Why this matched: Defectors and forced repatriation: \u201C강제북송\u201D", output, StringComparison.Ordinal);
        Assert.Contains("1 matches for \"송환\"", output, StringComparison.Ordinal);
        using var results = JsonDocument.Parse(json);
        var only = Assert.Single(results.RootElement.EnumerateArray());
        Assert.Equal("en1", only.GetProperty("id").GetString());
        Assert.Equal("UN News: Human Rights", only.GetProperty("outlet").GetString());
    }

    [Theory]
    [InlineData("!!!", "error: the search text has no words to look for")]
    [InlineData("--limit", "error: ")]
    public async Task BadInputIsOneErrorLine(string text, string message)
    {
        var (code, output, error) = await NkWatchAsync("matches", "search", text, "--data", temp.Path);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task ALongQueryIsRefused()
    {
        var (code, _, error) = await NkWatchAsync("matches", "search", new string('a', 201), "--data", temp.Path);

        Assert.Equal(2, code);
        Assert.Equal("error: the search text is longer than 200 characters", error.TrimEnd());
    }

    private static string Config(string name) => RepositoryRoot.Combine("config", name);
}
