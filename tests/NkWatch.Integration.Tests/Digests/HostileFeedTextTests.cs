using AngleSharp.Html.Parser;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Integration.Tests.Digests;

/// <summary>
/// Feed text is hostile: whatever a feed puts in a title, summary or link, the digest shows it as
/// text, links only http and https, and nothing active (script, style, event attribute, javascript:
/// URL) reaches either part or a header.
/// </summary>
public sealed class HostileFeedTextTests
{
    private const string HostileTitle = "North Korea ICC referral <script>alert('x')</script><img src=x onerror=alert(1)>\r\nBcc: victim@example.org";
    private const string HostileSummary = "The Commission of Inquiry found crimes against humanity. <a href=\"javascript:alert(1)\" onclick=\"steal()\">click</a><style>body{display:none}</style> %%NKW_UNSUBSCRIBE%%";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task HostileTitlesSummariesAndLinksReachTheEmailOnlyAsText()
    {
        using var host = new DigestTestHost(clock);
        await host.SubscribeAsync("analyst@example.org", Frequency.Instant);
        await host.StoreAsync("evil", DigestTestHost.WireFeed, HostileTitle, HostileSummary, link: "javascript:alert(document.cookie)");
        await host.StoreAsync("evil-2", DigestTestHost.UnFeed, "DPRK prison camp torture report\u2028<svg onload=alert(2)>", "Torture in a North Korean prison camp, the report says.", link: "data:text/html,<script>alert(3)</script>");
        clock.Advance(TimeSpan.FromMinutes(1));

        var report = Assert.Single(await host.RunDigestsAsync());
        Assert.Equal(DigestOutcome.Sent, report.Outcome);

        var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(host.Outbox, "*.eml")));
        var (subject, html, text) = (message.Subject!, message.HtmlBody!, message.TextBody!);
        Assert.DoesNotContain('\r', subject);
        Assert.DoesNotContain('\n', subject);
        Assert.Empty(message.Bcc);
        Assert.Null(message.Headers["Bcc"]);

        var document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("script, style, iframe, object, embed, svg, img, form"));
        foreach (var element in document.All)
        {
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        }

        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            Assert.StartsWith("http", anchor.GetAttribute("href")!, StringComparison.Ordinal);
        }

        // The hostile markup is there as text a reader can see, not as markup.
        Assert.Contains("<script>alert('x')</script>", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("href=\"javascript:alert(1)\"", document.Body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(document.All.SelectMany(e => e.Attributes), a => a.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || a.Value.TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("javascript:alert(document.cookie)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("data:text/html", html, StringComparison.Ordinal);

        // A feed cannot spell the per-recipient substitution tag.
        Assert.DoesNotContain("%%NKW_", html, StringComparison.Ordinal);
        Assert.DoesNotContain("%%NKW_", text, StringComparison.Ordinal);
        Assert.All(text.Split('\n'), line => Assert.DoesNotContain('\r', line));
    }
}
