using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NkWatch.Core.Subscriptions;
using NkWatch.Email;
using NkWatch.Email.Templates;
using NkWatch.Integration.Tests.Digests;

namespace NkWatch.Integration.Tests.Email;

/// <summary>
/// Digests and subscription emails come out of one renderer in one frame: the same header, the
/// same footer with the operator's address, the same inline styles, in both parts; and hostile
/// text in any of them stays text.
/// </summary>
public sealed class OneFrameTests
{
    private const string Address = "NkWatch, 1 Rue de Genève, 1201 Geneva, Switzerland";
    private const string HostileTopic = "Detention <script>alert('t')</script><img src=x onerror=alert(1)>";

    [Fact]
    public async Task ADigestAndAConfirmationShareTheFrameAndKeepHostileTextInert()
    {
        using var host = new DigestTestHost(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero)));
        await host.SubscribeAsync("analyst@example.org", Frequency.Instant);
        await host.StoreAsync("evil", DigestTestHost.WireFeed, "North Korea ICC referral <script>alert('x')</script>", "The Commission of Inquiry found crimes against humanity. <a href=\"javascript:alert(1)\" onclick=\"steal()\">click</a>", link: "javascript:alert(document.cookie)");
        Assert.Single(await host.RunDigestsAsync());
        var digest = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(host.Outbox, "*.eml")));

        var renderer = host.Get<EmailRenderer>();
        var confirmation = await renderer.RenderAsync<ConfirmationEmail, ConfirmationEmailModel>(new("javascript:alert(2)", "daily", [HostileTopic], 7), default);
        var already = await renderer.RenderAsync<AlreadySubscribedEmail, AlreadySubscribedEmailModel>(new("https://nkwatch.example.org/api/preferences?token=p", "https://nkwatch.example.org/api/subscriptions/unsubscribe?token=u"), default);

        var digestFrame = Frame(digest.HtmlBody!);
        foreach (var html in new[] { confirmation.Html, already.Html })
        {
            var frame = Frame(html);
            Assert.Equal(digestFrame.Body, frame.Body);
            Assert.Equal(digestFrame.Masthead, frame.Masthead);
            Assert.Equal(digestFrame.HeadingStyle, frame.HeadingStyle);
            Assert.Equal(digestFrame.FooterStyle, frame.FooterStyle);
            Assert.Equal(digestFrame.AddressLine, frame.AddressLine);
        }

        Assert.Contains(Address, digestFrame.AddressLine, StringComparison.Ordinal);
        foreach (var text in new[] { digest.TextBody!, confirmation.Text, already.Text })
        {
            Assert.StartsWith("NkWatch · ", text, StringComparison.Ordinal);
            Assert.EndsWith("\n" + Address + "\n", text, StringComparison.Ordinal);
            Assert.Contains("\n-- \n", text, StringComparison.Ordinal);
        }

        // Where a subscription exists, its links are in the footer of both parts.
        Assert.Contains("\nUnsubscribe: https://nkwatch.example.org/api/subscriptions/unsubscribe?token=", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("Unsubscribe: https://nkwatch.example.org/api/subscriptions/unsubscribe?token=u", already.Text, StringComparison.Ordinal);
        Assert.Contains(Parse(already.Html).QuerySelectorAll("a"), a => a.TextContent == "Unsubscribe");
        Assert.DoesNotContain("Unsubscribe", confirmation.Html, StringComparison.Ordinal);

        foreach (var html in new[] { digest.HtmlBody!, confirmation.Html })
        {
            AssertInert(Parse(html));
        }

        Assert.Contains("<script>alert('x')</script>", Parse(digest.HtmlBody!).Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(HostileTopic, Parse(confirmation.Html).Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", confirmation.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:alert(document.cookie)", digest.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheConfirmationLinksToItsConfirmUrlInBothParts()
    {
        using var host = new DigestTestHost(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero)));
        const string Url = "https://nkwatch.example.org/api/subscriptions/confirm?token=abc.def";

        var parts = await host.Get<EmailRenderer>().RenderAsync<ConfirmationEmail, ConfirmationEmailModel>(new(Url, "weekly", [], 7), default);

        var button = Assert.Single(Parse(parts.Html).QuerySelectorAll("a"));
        Assert.Equal(Url, button.GetAttribute("href"));
        Assert.Equal("Confirm subscription", button.TextContent);
        Assert.Contains("Confirm: " + Url + "\n", parts.Text, StringComparison.Ordinal);
        Assert.Contains("weekly alerts about human rights in North Korea on every topic.", parts.Text, StringComparison.Ordinal);
    }

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>The frame's own parts: the header row as a whole, the styles of the heading and footer, the address line.</summary>
    private static (string Body, string Masthead, string? HeadingStyle, string? FooterStyle, string AddressLine) Frame(string html)
    {
        var document = Parse(html);
        var sheet = document.QuerySelectorAll("table[role=presentation]")[1];
        var rows = sheet.QuerySelectorAll(":scope > tbody > tr > td");
        var footer = rows[^1];
        return (
            document.Body!.GetAttribute("style")!,
            rows[0].OuterHtml,
            rows[1].GetAttribute("style"),
            footer.GetAttribute("style"),
            footer.QuerySelectorAll("p")[^1].OuterHtml);
    }

    private static void AssertInert(IDocument document)
    {
        Assert.Empty(document.QuerySelectorAll("script, style, iframe, object, embed, svg, img, form"));
        Assert.DoesNotContain(document.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.All(document.QuerySelectorAll("a[href]"), a => Assert.Matches("^(https?://|%%NKW_[A-Z]+%%$)", a.GetAttribute("href")!));
    }
}
