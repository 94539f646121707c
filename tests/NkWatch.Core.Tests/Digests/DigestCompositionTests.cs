using Microsoft.Extensions.Options;
using NkWatch.Core.Classification;
using NkWatch.Core.Configuration;
using NkWatch.Core.Digests;
using NkWatch.Core.Feeds;
using NkWatch.Core.Matches;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Tests.Digests;

public sealed class DigestCompositionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static readonly FeedCatalog Catalog = new(
    [
        new FeedSource { Id = "ohchr", Name = "OHCHR", Url = "https://ohchr.example.org/feed", Organisation = "un", Weight = 1.5 },
        new FeedSource { Id = "wire", Name = "Example Wire", Url = "https://wire.example.org/feed" },
        new FeedSource { Id = "yna-ko", Name = "연합뉴스", Url = "https://yna.example.org/feed", Language = "ko" },
        new FeedSource { Id = "nhk-ja", Name = "NHK", Url = "https://nhk.example.jp/feed", Language = "ja" },
    ]);

    private static readonly RuleSet Rules = new()
    {
        Topics =
        [
            new TopicRule { Id = "accountability", Name = "Accountability" },
            new TopicRule { Id = "refugees", Name = "Defectors and forced repatriation" },
        ],
    };

    private static readonly Subscriber Everything = new() { Id = "s", Email = "a@example.org", Status = SubscriberStatus.Confirmed };

    [Fact]
    public async Task AStoryIsShownOnceLedByTheWeightiestSourceWithTheOtherOutletsNamed()
    {
        var matches = new[]
        {
            Match("wire-1", "wire", "story-1", "accountability", Now.AddHours(-2)),
            Match("ohchr-1", "ohchr", "story-1", "accountability", Now.AddHours(-1)),
            Match("wire-2", "wire", "story-1", "accountability", Now.AddHours(-1)),
        };

        var content = await Composer().ComposeAsync(Everything, matches, Now, CancellationToken.None);

        var story = Assert.Single(Assert.Single(content.Sections).Stories);
        Assert.Equal("OHCHR", story.Lead.Outlet);
        Assert.True(story.Lead.Primary);
        Assert.Equal(["Example Wire"], story.AlsoReportedBy.Select(s => s.Outlet));
        Assert.EndsWith("· 2 outlets", story.Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrongerAndNewerStoriesRankFirstAndSectionsFollowTheirBestStory()
    {
        var matches = new[]
        {
            Match("old", "wire", "old", "accountability", Now.AddDays(-3), score: 6),
            Match("new", "wire", "new", "refugees", Now.AddHours(-1), score: 4),
        };

        var content = await Composer().ComposeAsync(Everything, matches, Now, CancellationToken.None);

        Assert.Equal(["refugees", "accountability"], content.Sections.Select(s => s.TopicId));
    }

    [Fact]
    public async Task OnlyTheChosenTopicsAndLanguagesAreKeptAndTheRestCounted()
    {
        var matches = new[]
        {
            Match("a", "wire", "a", "accountability", Now),
            Match("b", "wire", "b", "refugees", Now),
            Match("c", "yna-ko", "c", "refugees", Now),
        };
        var refugeesInKorean = Everything with { Topics = ["refugees"], Languages = ["ko"] };

        var content = await Composer(maxStories: 1).ComposeAsync(refugeesInKorean, matches, Now, CancellationToken.None);
        var all = await Composer(maxStories: 1).ComposeAsync(Everything, matches, Now, CancellationToken.None);

        Assert.Equal(["c"], content.Sections.SelectMany(s => s.Stories).Select(s => s.StoryId));
        Assert.Equal(0, content.MoreStories);
        Assert.Equal(2, all.MoreStories);
    }

    [Fact]
    public async Task ASubscriberWhoChoseJapaneseGetsTheJapaneseFeedsStories()
    {
        var matches = new[] { Match("a", "wire", "a", "refugees", Now), Match("j", "nhk-ja", "j", "refugees", Now) };

        var content = await Composer().ComposeAsync(Everything with { Languages = ["ja"] }, matches, Now, CancellationToken.None);

        Assert.Equal(["j"], content.Sections.SelectMany(s => s.Stories).Select(s => s.StoryId));
    }

    [Fact]
    public void MatchedTermsAreHighlightedAndOffsetsThatDoNotFitAreIgnored()
    {
        const string summary = "Experts said the Commission of Inquiry found crimes against humanity in prison camps.";
        Hit[] hits =
        [
            new("Commission of Inquiry", "accountability", "summary", 17, 21),
            new("crimes against humanity", "accountability", "summary", 45, 23),
            new("torture", "accountability", "summary", 9000, 7),
            new("ICC", "accountability", "summary", 0, 3),
            new("prison camp", "detention", "summary", 72, 11),
        ];

        var parts = SnippetBuilder.Build(summary, hits, new HashSet<string> { "accountability" });

        Assert.Equal(["Commission of Inquiry", "crimes against humanity"], parts.Where(p => p.Matched).Select(p => p.Text));
        Assert.Equal(summary, string.Concat(parts.Select(p => p.Text)));
    }

    [Fact]
    public void TheReasonsQuoteTheItemsOwnWordsNeverTheRuleSyntax()
    {
        var item = Match("a", "wire", "a", "refugees", Now) with
        {
            Title = "Escapees abducted near the border",
            Summary = "北朝鮮による拉致の被害者",
            Hits =
            [
                new Hit("abduct*", "refugees", "title", 9, 8),
                new Hit("escapee", "refugees", "title", 0, 8),
                new Hit("拉致", "refugees", "summary", 6, 2),
                new Hit("torture", "refugees", "summary", 0, 2),
                new Hit("ICC", "refugees", "title", 500, 3),
                new Hit("North Korea", "subject", "title", 0, 3),
            ],
        };

        var why = MatchReasons.Describe(["refugees"], [item], id => id == "refugees" ? "Defectors" : id);

        Assert.Equal("Defectors: \u201CEscapees\u201D, \u201Cabducted\u201D, \u201C拉致\u201D", why);
    }

    [Fact]
    public void ALongSummaryIsCutAroundItsFirstMatch()
    {
        var summary = string.Join(' ', Enumerable.Repeat("Background words about the region.", 20)) + " Then a public execution was reported in the city. " + string.Join(' ', Enumerable.Repeat("More words.", 40));
        var start = summary.IndexOf("public execution", StringComparison.Ordinal);

        var parts = SnippetBuilder.Build(summary, [new Hit("public execution", "detention", "summary", start, 16)], new HashSet<string> { "detention" });

        var text = string.Concat(parts.Select(p => p.Text));
        Assert.StartsWith("… ", text, StringComparison.Ordinal);
        Assert.EndsWith(" …", text, StringComparison.Ordinal);
        Assert.Contains(parts, p => p.Matched && p.Text == "public execution");
        Assert.True(text.Length <= SnippetBuilder.MaxLength + 4);
    }

    [Fact]
    public async Task TheSubjectSaysWhatIsInsideOnOneLine()
    {
        var matches = new[]
        {
            Match("a", "ohchr", "a", "accountability", Now, title: "EU-Japan draft seeks ICC referral\r\nBcc: x@example.org"),
            Match("b", "wire", "b", "refugees", Now.AddHours(-5), title: "Defectors describe forced repatriation"),
            Match("c", "wire", "c", "refugees", Now.AddHours(-9), title: new string('x', 200)),
        };
        var content = await Composer().ComposeAsync(Everything, matches, Now, CancellationToken.None);
        var digest = new Digest("d", Everything, "p", content.Sections, content.MoreStories, DigestLinks.Tagged("https://nkwatch.example.org/api/matches"));

        var subject = DigestHeadlines.Subject(digest);

        Assert.Equal("3 new: EU-Japan draft seeks ICC referral Bcc: x@example.org, Defectors describe forced repatriation and 1 more", subject);
        Assert.DoesNotContain(subject, char.IsControl);
        Assert.DoesNotContain('\n', DigestHeadlines.Preheader(digest));
    }

    private static DigestComposer Composer(int maxStories = 25) =>
        new(new Fixed(), new Fixed(), Options.Create(new DigestOptions { MaxStories = maxStories }));

    private static StoredMatch Match(string id, string feed, string story, string topic, DateTimeOffset published, double score = 4, string? title = null) => new()
    {
        ItemId = id,
        FeedId = feed,
        StoryId = story,
        Title = title ?? "Title " + id,
        Link = $"https://{feed}.example.org/{id}",
        Summary = "Summary of " + id,
        Published = published,
        StoredAt = published,
        Score = score,
        Topics = [topic],
        Hits = [new Hit("ICC", topic, "title", 0, 3)],
    };

    private sealed class Fixed : IFeedCatalogProvider, IClassifierProvider
    {
        public ValueTask<FeedCatalog> GetCatalogAsync(CancellationToken cancellationToken) => ValueTask.FromResult(DigestCompositionTests.Catalog);

        public ValueTask<IClassifier> GetClassifierAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IClassifier>(new KeywordClassifier(DigestCompositionTests.Rules));

        public ValueTask<RuleSet> GetRulesAsync(CancellationToken cancellationToken) => ValueTask.FromResult(DigestCompositionTests.Rules);
    }
}
