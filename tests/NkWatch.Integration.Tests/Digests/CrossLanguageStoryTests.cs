using AngleSharp.Html.Parser;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Integration.Tests.Digests;

/// <summary>
/// The issue's "done when" for stories across languages: an English, a Korean and a Japanese
/// report of one event, stored as StoreMatch stores them, are one story in a digest, led by a
/// report in the subscriber's language, with the other two as "also reported in"; a different
/// event on the same day stays apart.
/// </summary>
public sealed class CrossLanguageStoryTests
{
    private const string English = "Third Committee condemns DPRK abuses for 21st consecutive year";
    private const string Korean = "유엔 총회 3위원회, 북한인권결의안 21년 연속 채택";
    private const string Japanese = "国連総会第3委員会、北朝鮮人権決議を21年連続で採択";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("en", English, "Also reported in Korean by 연합뉴스", "Also reported in Japanese by NHK")]
    [InlineData("ko", Korean, "Also reported in English by UN News", "Also reported in Japanese by NHK")]
    [InlineData("ja", Japanese, "Also reported in English by UN News", "Also reported in Korean by 연합뉴스")]
    public async Task OneEventInThreeLanguagesIsOneStoryInTheSubscribersLanguage(string language, string lead, string first, string second)
    {
        using var host = new DigestTestHost(clock);
        await host.SubscribeAsync("analyst@example.org", Frequency.Instant, change: s => s with { Languages = [language] });
        await StoreTheEventAsync(host);
        await host.StoreAsync("other", DigestTestHost.KoreanFeed, "탈북민 60명 강제북송…인권단체 \"고문 우려\"", "중국 공안이 탈북민 60명을 북한으로 강제북송했다고 인권단체들이 밝혔다.");
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(DigestOutcome.Sent, Assert.Single(await host.RunDigestsAsync()).Outcome);

        var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(host.Outbox, "*.eml")));
        var text = message.TextBody!;
        var html = new HtmlParser().ParseDocument(message.HtmlBody!);
        var headlines = new[] { English, Korean, Japanese };
        Assert.Equal([lead], headlines.Where(h => text.Contains(h, StringComparison.Ordinal)));
        Assert.Single(html.QuerySelectorAll("a"), a => a.TextContent == lead);
        Assert.Contains(first, text, StringComparison.Ordinal);
        Assert.Contains(second, text, StringComparison.Ordinal);
        Assert.Contains(second, System.Text.RegularExpressions.Regex.Replace(html.Body!.TextContent, @"\s+", " "), StringComparison.Ordinal);
        Assert.Contains(html.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://nhk-ja.example.org/ja" || a.GetAttribute("href") == "https://un-news.example.org/en");

        // Topic feeds are linked from each section heading.
        Assert.Contains("Feed of this topic: https://nkwatch.example.org/api/matches.atom?topic=un-action", text, StringComparison.Ordinal);
        Assert.Contains(html.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://nkwatch.example.org/api/matches.atom?topic=un-action");
        if (language == "ko")
        {
            Assert.Contains("탈북민 60명 강제북송", text, StringComparison.Ordinal);
            Assert.DoesNotContain("also reported", text.Split("탈북민 60명 강제북송")[1].Split("\n\n")[0], StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task ASubscriberOfEveryLanguageGetsTheStoryOnceLedByTheWeightiestOutlet()
    {
        using var host = new DigestTestHost(clock);
        await host.SubscribeAsync("desk@example.org", Frequency.Instant);
        await StoreTheEventAsync(host);
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(DigestOutcome.Sent, Assert.Single(await host.RunDigestsAsync()).Outcome);

        var text = (await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(host.Outbox, "*.eml")))).TextBody!;
        Assert.Contains("1. " + English, text, StringComparison.Ordinal);
        Assert.DoesNotContain("2. ", text, StringComparison.Ordinal);
        Assert.Contains("Also reported in Korean by 연합뉴스 <https://yonhap-ko.example.org/ko>", text, StringComparison.Ordinal);
        Assert.Contains("Also reported in Japanese by NHK <https://nhk-ja.example.org/ja>", text, StringComparison.Ordinal);
    }

    private static async Task StoreTheEventAsync(DigestTestHost host)
    {
        await host.StoreAsync("ko", DigestTestHost.KoreanFeed, Korean, "유엔 총회 제3위원회는 19일(현지시간) 뉴욕 유엔본부에서 북한인권결의안을 표결 없이 컨센서스로 채택했다. 한국 등 약 40개국이 공동제안국으로 참여했다.", "https://yonhap-ko.example.org/ko");
        await host.StoreAsync("en", DigestTestHost.UnFeed, English, "In New York the General Assembly's Third Committee approved without a vote its resolution on the situation of human rights in the DPRK. Some 40 states, South Korea among them, co-sponsored the text.", "https://un-news.example.org/en");
        await host.StoreAsync("ja", DigestTestHost.JapaneseFeed, Japanese, "国連総会の第3委員会は19日、ニューヨークの国連本部で北朝鮮の人権状況を非難する決議を無投票で採択した。韓国を含むおよそ40か国が共同提案国となった。", "https://nhk-ja.example.org/ja");
    }
}
