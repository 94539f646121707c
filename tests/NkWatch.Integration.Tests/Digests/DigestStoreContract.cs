using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core.Matches;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Storage;
using NkWatch.Integration.Tests.Infrastructure;
using NkWatch.Integration.Tests.Storage;
using NkWatch.Storage.Azure;
using NkWatch.Storage.Sqlite;

namespace NkWatch.Integration.Tests.Digests;

/// <summary>
/// The digest stage's storage contract, run against SQLite and Azure Tables (Azurite): story
/// assignment is idempotent and serialised under concurrent calls, and a digest cursor is saved
/// only by the writer that read its current version.
/// </summary>
public abstract class DigestStoreContract : StorageUnderTest
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AnItemKeepsTheStoryItWasGivenWhateverARetryWouldChoose()
    {
        var stories = Get<IStoryStore>();
        var first = Member("a", T0);

        Assert.Equal("a", await stories.AssignAsync(first, StoryClusterer.Window, _ => null, default));
        Assert.Equal("a", await stories.AssignAsync(first, StoryClusterer.Window, _ => "other", default));
        Assert.Equal("a", await stories.AssignAsync(Member("b", T0.AddHours(1)), StoryClusterer.Window, members => Assert.Single(members).StoryId, default));
    }

    [Fact]
    public async Task OnlyMembersWithinTheWindowAreOffered()
    {
        var stories = Get<IStoryStore>();
        await stories.AssignAsync(Member("old", T0.AddDays(-5)), StoryClusterer.Window, _ => null, default);
        await stories.AssignAsync(Member("near", T0.AddDays(-2)), StoryClusterer.Window, _ => null, default);
        await stories.AssignAsync(Member("later", T0.AddDays(1)), StoryClusterer.Window, _ => null, default);
        IReadOnlyList<StoryMember>? offered = null;

        await stories.AssignAsync(Member("c", T0), StoryClusterer.Window, members => { offered = members; return null; }, default);

        Assert.Equal(["later", "near"], offered!.Select(m => m.ItemId).Order());
        Assert.Equal(Member("near", T0.AddDays(-2)).Features, offered!.Single(m => m.ItemId == "near").Features);
    }

    [Fact]
    public async Task SimilarItemsStoredAtTheSameMomentEndInOneStory()
    {
        var stories = Get<IStoryStore>();
        var candidates = Enumerable.Range(0, 8).Select(i => Member($"item-{i}", T0.AddMinutes(i))).ToList();

        // Eight StoreMatch calls at once (a queue batch): each joins whatever story it is shown.
        var assigned = await Task.WhenAll(candidates.Select(c => Task.Run(() =>
            stories.AssignAsync(c, StoryClusterer.Window, members => members.Count == 0 ? null : members.MinBy(m => (m.At, m.ItemId))!.StoryId, default))));

        Assert.Single(assigned.Distinct());
    }

    [Fact]
    public async Task ACursorIsSavedOnlyByTheWriterThatReadItsVersion()
    {
        var log = Get<IDigestLog>();
        var fresh = new DigestCursor { SubscriberId = "s1", Watermark = T0 };

        Assert.True(await log.TrySaveCursorAsync(fresh, default));
        Assert.False(await log.TrySaveCursorAsync(fresh with { Watermark = T0.AddHours(1) }, default));
        var read = (await log.GetCursorAsync("s1", default))!;
        var claim = new DigestClaim("daily-2026-11-27", "d1", T0, T0.AddHours(1), T0.AddMinutes(10), 1);

        var racers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => log.TrySaveCursorAsync(read with { Claim = claim with { Attempt = i } }, default))));

        Assert.Single(racers, won => won);
        var saved = (await log.GetCursorAsync("s1", default))!;
        Assert.Equal(T0, saved.Watermark);
        Assert.Equal("d1", saved.Claim!.DigestId);
        Assert.Equal(["s1"], (await log.ListCursorsAsync(default)).Select(c => c.SubscriberId));
        Assert.Null(await log.GetCursorAsync("s2", default));
    }

    private static StoryMember Member(string id, DateTimeOffset at) => new()
    {
        ItemId = id,
        StoryId = id,
        At = at,
        Features = StoryText.Features("EU and Japan table draft resolution seeking ICC referral", "The European Union and Japan tabled a draft."),
        TitleFeatures = StoryText.TitleFeatures("EU and Japan table draft resolution seeking ICC referral"),
    };
}

public sealed class SqliteDigestStoreContractTests : DigestStoreContract
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "nkwatch-tests", Guid.NewGuid().ToString("N"), "state.db");

    protected override void AddStorage(IServiceCollection services) => services.AddNkWatchSqlite(path);

    [Fact]
    public async Task ARecordKeepsItsOutcomeAsTextAsEarlierReleasesWroteIt()
    {
        var log = Get<IDigestLog>();
        const string Written = """{"subscriberId":"s1","period":"daily-2026-11-27","digestId":"d1","storyCount":2,"sentAt":"2026-11-27T09:00:00+00:00","outcome":"rejected","windowStart":"2026-11-26T09:00:00+00:00","windowEnd":"2026-11-27T09:00:00+00:00","attempts":1,"detail":"400"}""";
        await new SqliteDatabase(path).ExecuteAsync(
            "INSERT INTO digest_log (subscriber_id, period, body) VALUES ('s1', 'daily-2026-11-27', $body)",
            p => p.AddWithValue("$body", Written),
            default);

        var record = (await log.GetAsync("s1", "daily-2026-11-27", default))!;

        Assert.Equal((DigestOutcome.Rejected, 2, "400"), (record.Outcome, record.StoryCount, record.Detail));
        await log.RecordAsync(record with { Period = "daily-2026-11-28" }, default);
        var rewritten = await new SqliteDatabase(path).QueryAsync("SELECT body FROM digest_log WHERE period = 'daily-2026-11-28'", SqliteDatabase.NoParameters, r => r.GetString(0), default);
        Assert.Contains("\"outcome\":\"rejected\"", Assert.Single(rewritten), StringComparison.Ordinal);
    }
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureDigestStoreContractTests(AzuriteFixture azurite) : DigestStoreContract
{
    protected override void AddStorage(IServiceCollection services) => services.AddNkWatchAzureStorage(azurite.IsolatedAccount());
}
