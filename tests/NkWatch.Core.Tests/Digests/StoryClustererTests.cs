using NkWatch.Core.Matches;
using NkWatch.Core.Messaging;

namespace NkWatch.Core.Tests.Digests;

public sealed class StoryClustererTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string, string, string> SameStory => new()
    {
        {
            "EU and Japan table draft resolution seeking ICC referral of North Korea",
            "The European Union and Japan on Thursday tabled a draft resolution at the General Assembly's Third Committee urging the Security Council to refer the situation in the DPRK to the International Criminal Court.",
            "EU-Japan draft seeks ICC referral for North Korea rights abuses",
            "A draft UN resolution tabled by the European Union and Japan urges the Security Council to refer North Korea to the International Criminal Court, diplomats said on Thursday."
        },
        {
            "Two North Korean defectors forcibly repatriated from China, group says",
            "China forcibly repatriated two North Korean defectors detained in Shenyang last month, a Seoul-based rights group said on Friday, urging Beijing to respect the principle of non-refoulement.",
            "China sends back two North Korean escapees detained in Shenyang",
            "Two North Korean defectors held in Shenyang were forcibly repatriated by China last month, according to a Seoul-based rights group, which urged Beijing to respect non-refoulement."
        },
        {
            "유엔 특별보고관, 북한 강제노동 실태 안보리에 보고",
            "유엔 북한인권 특별보고관이 27일 안전보장이사회에서 북한 수감시설의 강제노동 실태를 보고했다.",
            "특별보고관 \"북한 수감시설 강제노동 심각\"… 안보리 보고",
            "북한인권 특별보고관은 27일 안보리 회의에서 북한 수감시설에서 강제노동이 자행되고 있다고 보고했다."
        },
    };

    public static TheoryData<string, string, string, string> DifferentStories => new()
    {
        {
            "EU and Japan table draft resolution seeking ICC referral of North Korea",
            "The European Union and Japan on Thursday tabled a draft resolution at the General Assembly's Third Committee urging the Security Council to refer the situation in the DPRK to the International Criminal Court.",
            "Special Rapporteur warns Security Council of forced labour in DPRK",
            "The Special Rapporteur on the situation of human rights in the DPRK briefed Security Council members on forced labour in detention."
        },
        {
            "Third Committee adopts North Korea human rights resolution by consensus",
            "The General Assembly's Third Committee on Wednesday adopted without a vote its annual resolution condemning abuses in North Korea.",
            "Two North Korean defectors forcibly repatriated from China, group says",
            "China forcibly repatriated two North Korean defectors detained in Shenyang last month, a Seoul-based rights group said on Friday."
        },
        {
            "유엔 특별보고관, 북한 강제노동 실태 안보리에 보고",
            "유엔 북한인권 특별보고관이 27일 안전보장이사회에서 북한 수감시설의 강제노동 실태를 보고했다.",
            "탈북민 2명 중국서 강제북송… 인권단체 \"농르풀망 원칙 위반\"",
            "중국 선양에 구금됐던 탈북민 2명이 지난달 강제북송됐다고 서울의 한 인권단체가 밝혔다."
        },
    };

    [Theory]
    [MemberData(nameof(SameStory))]
    public void RewritesOfOneStoryByDifferentOutletsAreOneStory(string titleA, string leadA, string titleB, string leadB)
    {
        var first = StoryClusterer.Candidate(Match("a", titleA, leadA), Now);
        var second = StoryClusterer.Candidate(Match("b", titleB, leadB), Now);

        Assert.Equal("a", StoryClusterer.Choose(second, [first]));
    }

    [Theory]
    [MemberData(nameof(DifferentStories))]
    public void DifferentStoriesOnTheSameSubjectStayApart(string titleA, string leadA, string titleB, string leadB)
    {
        var first = StoryClusterer.Candidate(Match("a", titleA, leadA), Now);
        var second = StoryClusterer.Candidate(Match("b", titleB, leadB), Now);

        Assert.Null(StoryClusterer.Choose(second, [first]));
    }

    [Fact]
    public void TheSameWordsAWeekApartAreAnotherStory()
    {
        var (title, lead) = ("EU and Japan table draft resolution seeking ICC referral", "The European Union and Japan tabled a draft resolution urging an ICC referral.");
        var old = StoryClusterer.Candidate(Match("old", title, lead) with { Published = Now.AddDays(-7) }, Now.AddDays(-7));
        var fresh = StoryClusterer.Candidate(Match("new", title, lead), Now);

        Assert.Null(StoryClusterer.Choose(fresh, [old]));
    }

    [Fact]
    public void AnItemJoinsTheStoryOfItsMostSimilarMemberNotItsFirst()
    {
        var lead = "The European Union and Japan tabled a draft resolution at the Third Committee urging the Security Council to refer North Korea to the International Criminal Court.";
        var near = StoryClusterer.Candidate(Match("near", "EU and Japan table draft resolution seeking ICC referral", lead), Now) with { StoryId = "story-near" };
        var far = StoryClusterer.Candidate(Match("far", "Diplomats weigh ICC referral as EU and Japan circulate text", "Diplomats said the European Union and Japan were circulating a text on the International Criminal Court."), Now) with { StoryId = "story-far" };
        var candidate = StoryClusterer.Candidate(Match("c", "EU and Japan table draft resolution seeking ICC referral", lead), Now);

        Assert.Equal("story-near", StoryClusterer.Choose(candidate, [far, near]));
    }

    [Fact]
    public void KoreanParticlesDoNotHideTheSameNoun()
    {
        var withParticle = StoryText.Tokens("특별보고관은 강제노동을").ToList();
        var bare = StoryText.Tokens("특별보고관 강제노동").ToList();

        Assert.Subset(withParticle.ToHashSet(), bare.ToHashSet());
    }

    [Fact]
    public void ADateFarFromTheStoreTimeIsNotTrusted()
    {
        var candidate = StoryClusterer.Candidate(Match("a", "t", "s") with { Published = new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.Zero) }, Now);

        Assert.Equal(Now, candidate.At);
    }

    private static MatchMessage Match(string id, string title, string summary) => new()
    {
        ItemId = id,
        FeedId = "feed-" + id,
        Title = title,
        Summary = summary,
        Published = Now,
    };
}
