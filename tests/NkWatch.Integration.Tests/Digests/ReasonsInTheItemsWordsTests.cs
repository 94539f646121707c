using AngleSharp.Html.Parser;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Integration.Tests.Digests;

/// <summary>
/// "Why this matched" in a sent digest names the topics and quotes the words as the item wrote
/// them ("forcibly repatriated", "拉致被害者"), never the rules' own spelling ("repatriat*").
/// </summary>
public sealed class ReasonsInTheItemsWordsTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TheDigestQuotesTheMatchedWordsAsTheyStandInTheItem()
    {
        using var host = new DigestTestHost(clock);
        await host.SubscribeAsync("analyst@example.org", Frequency.Instant);
        await host.StoreAsync("en-1", DigestTestHost.WireFeed, "China forcibly repatriated 60 North Korean escapees", "Rights groups said those sent back face torture in holding centres.");
        await host.StoreAsync("ja-1", DigestTestHost.JapaneseFeed, "拉致被害者家族会が首相と面会", "北朝鮮による拉致被害者の即時一括帰国を求めた。");
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(DigestOutcome.Sent, Assert.Single(await host.RunDigestsAsync()).Outcome);

        var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(host.Outbox, "*.eml")));
        var reasons = message.TextBody!.Split('\n').Where(l => l.Contains("Why this matched:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, reasons.Count);
        Assert.All(reasons, r => Assert.DoesNotContain('*', r));
        var html = new HtmlParser().ParseDocument(message.HtmlBody!).Body!.TextContent;
        Assert.Equal(2, html.Split("Why this matched:").Length - 1);
        Assert.DoesNotContain('*', html);
        foreach (var part in new[] { string.Join('\n', reasons), html })
        {
            Assert.Contains("Defectors and forced repatriation: \u201Cforcibly repatriated\u201D, \u201Cescapees\u201D", part, StringComparison.Ordinal);
            Assert.Contains("Abductions and separated families: \u201C拉致被害者\u201D", part, StringComparison.Ordinal);
        }
    }
}
