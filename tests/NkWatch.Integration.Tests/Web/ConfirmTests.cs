using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NkWatch.Core.Configuration;
using NkWatch.Core.Subscriptions;
using NkWatch.Web.Http;

namespace NkWatch.Integration.Tests.Web;

/// <summary>/api/subscriptions/confirm?token=: the link from the outbox email (GET: a button; POST: confirms), and every way a link can be wrong.</summary>
public sealed class ConfirmTests : WebAppTests
{

    [Fact]
    public async Task TheLinkInTheEmailConfirmsAndASecondClickChangesNothing()
    {
        using var subscribed = await Web.SubscribeAsync("reader@example.org");
        var link = WebApp.LinkIn(Web.Emails().Single(), "/api/subscriptions/confirm");

        using var first = await Web.Http.PostAsync(link, null);
        var subscriber = await Web.Subscribers.FindByEmailAsync("reader@example.org", default);
        using var second = await Web.Http.PostAsync(link, null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("You are subscribed", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("/api/preferences?token=", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-store", first.Headers.CacheControl!.ToString());
        Assert.Equal(SubscriberStatus.Confirmed, subscriber!.Status);
        Assert.NotNull(subscriber.ConfirmedAt);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("already confirmed", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(subscriber.ConfirmedAt, (await Web.Subscribers.GetAsync(subscriber.Id, default))!.ConfirmedAt);
    }

    [Fact]
    public async Task ForgedAlteredExpiredAndMisdirectedTokensGet400AndConfirmNothing()
    {
        using var subscribed = await Web.SubscribeAsync("reader@example.org");
        var subscriber = (await Web.Subscribers.FindByEmailAsync("reader@example.org", default))!;
        var genuine = WebApp.LinkIn(Web.Emails().Single(), "/api/subscriptions/confirm")["/api/subscriptions/confirm?token=".Length..];
        var options = Web.Services.GetRequiredService<IOptions<AppOptions>>();
        var past = new FakeTimeProvider(Web.Clock.GetUtcNow() - TimeSpan.FromDays(30));
        var expired = new TokenService(options, past).Create(TokenPurpose.Confirm, subscriber.Id, LinkBuilder.ConfirmLifetime);
        var otherKey = new TokenService(Options.Create(new AppOptions { TokenKey = new string('k', 40) }), Web.Clock).Create(TokenPurpose.Confirm, subscriber.Id, TimeSpan.FromDays(1));
        var wrongPurpose = Web.Services.GetRequiredService<TokenService>().Create(TokenPurpose.Unsubscribe, subscriber.Id);
        var altered = genuine[..^3] + (genuine[^3] == 'A' ? 'B' : 'A') + genuine[^2..];

        foreach (var token in new[] { string.Empty, "garbage", "a.b", altered, expired, otherKey, wrongPurpose, new string('x', 5000), "%00%ff" })
        {
            using var response = await Web.Http.GetAsync("/api/subscriptions/confirm?token=" + token);
            using var posted = await Web.Http.PostAsync("/api/subscriptions/confirm?token=" + token, null);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("This link is not valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        }

        using var noToken = await Web.Http.GetAsync("/api/subscriptions/confirm");
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(SubscriberStatus.Pending, (await Web.Subscribers.GetAsync(subscriber.Id, default))!.Status);
    }

    [Fact]
    public async Task AnOldLinkCannotUndoAnUnsubscribe()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org");
        var link = WebApp.LinkIn(Web.Emails().Single(), "/api/subscriptions/confirm");
        using var unsubscribed = await Web.Http.PostAsync(
            "/api/subscriptions/unsubscribe?token=" + Web.Services.GetRequiredService<TokenService>().Create(TokenPurpose.Unsubscribe, id),
            WebApp.Form(("List-Unsubscribe", "One-Click")));

        using var response = await Web.Http.PostAsync(link, null);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await Web.Subscribers.GetAsync(id, default))!.Status);
    }

    [Fact]
    public async Task SubscribingAgainAfterUnsubscribingNeedsANewConfirmation()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org");
        using var unsubscribed = await Web.Http.PostAsync(
            "/api/subscriptions/unsubscribe?token=" + Web.Services.GetRequiredService<TokenService>().Create(TokenPurpose.Unsubscribe, id), null);

        using var again = await Web.SubscribeAsync("reader@example.org", ("frequency", "instant"));
        var pending = await Web.Subscribers.GetAsync(id, default);
        using var confirmed = await Web.Http.PostAsync(WebApp.LinkIn(Web.Emails()[^1], "/api/subscriptions/confirm"), null);

        Assert.Equal(SubscriberStatus.Pending, pending!.Status);
        Assert.Equal(Frequency.Instant, pending.Frequency);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(SubscriberStatus.Confirmed, (await Web.Subscribers.GetAsync(id, default))!.Status);
    }

    [Fact]
    public async Task OpeningTheLinkShowsAButtonAndConfirmsNothing()
    {
        using var subscribed = await Web.SubscribeAsync("scanned@example.org");
        var link = WebApp.LinkIn(Web.Emails().Single(), "/api/subscriptions/confirm");

        using var opened = await Web.Http.GetAsync(link);
        var page = await opened.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("<form method=\"post\" action=\"/api/subscriptions/confirm?token=", page, StringComparison.Ordinal);
        Assert.Contains("Confirm subscription</button>", page, StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Pending, (await Web.Subscribers.FindByEmailAsync("scanned@example.org", default))!.Status);
    }

    [Fact]
    public async Task ALinkFromBeforeAnUnsubscribeDoesNotConfirmALaterSignup()
    {
        var id = await Web.ConfirmedSubscriberAsync("returning@example.org");
        var oldLink = WebApp.LinkIn(Web.Emails().Single(), "/api/subscriptions/confirm");
        using var unsubscribed = await Web.Http.PostAsync(
            "/api/subscriptions/unsubscribe?token=" + Web.Services.GetRequiredService<TokenService>().Create(TokenPurpose.Unsubscribe, id), null);
        Web.Clock.Advance(TimeSpan.FromMinutes(1));
        using var again = await Web.SubscribeAsync("returning@example.org");

        using var old = await Web.Http.PostAsync(oldLink, null);

        Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
        Assert.Equal(SubscriberStatus.Pending, (await Web.Subscribers.GetAsync(id, default))!.Status);
        using var fresh = await Web.Http.PostAsync(WebApp.LinkIn(Web.Emails()[^1], "/api/subscriptions/confirm"), null);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(SubscriberStatus.Confirmed, (await Web.Subscribers.GetAsync(id, default))!.Status);
    }
}

/// <summary>The per-client limit on confirmation emails, set low here to keep the test short.</summary>
public sealed class ClientLimitTests : WebAppTests
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Subscriptions:ConfirmationsPerClientPerDay"] = "2" };

    [Fact]
    public async Task OneClientCannotMailMoreAddressesThanTheDailyLimit()
    {
        var answers = new List<HttpStatusCode>();
        foreach (var address in new[] { "a@example.org", "b@example.org", "c@example.org", "d@example.org" })
        {
            using var response = await Web.SubscribeAsync(address);
            answers.Add(response.StatusCode);
        }

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(2, Web.Emails().Count);
        Assert.Equal(["a@example.org", "b@example.org"], Web.Emails().Select(e => e.To.Mailboxes.Single().Address).Order());
    }

    [Fact]
    public async Task BrowsersBehindOneAddressEachHaveTheirOwnAllowance()
    {
        var first = await BrowserCookieAsync();
        var second = await BrowserCookieAsync();

        foreach (var address in new[] { "a1@example.org", "a2@example.org", "a3@example.org", "a4@example.org" })
        {
            (await SubscribeAsync(address, first)).Dispose();
        }

        foreach (var address in new[] { "n1@example.org", "n2@example.org", "n3@example.org" })
        {
            (await SubscribeAsync(address, cookie: null)).Dispose();
            (await SubscribeAsync(address.Replace('n', 'f'), BrowserCookie.Name + "=forged.cookie")).Dispose();
        }

        (await SubscribeAsync("b1@example.org", second)).Dispose();
        (await SubscribeAsync("b2@example.org", second)).Dispose();

        Assert.NotEqual(first, second);
        Assert.Equal(
            ["a1@example.org", "a2@example.org", "b1@example.org", "b2@example.org", "f1@example.org", "n1@example.org"],
            Web.Emails().Select(e => e.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
    }

    /// <summary>The cookie the subscribe page hands a browser, as "name=value".</summary>
    private async Task<string> BrowserCookieAsync()
    {
        using var page = await Web.Http.GetAsync("/api/subscribe");
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(BrowserCookie.Name + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        return cookie.Split(';')[0];
    }

    private Task<HttpResponseMessage> SubscribeAsync(string email, string? cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscriptions") { Content = WebApp.Form(("email", email)) };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return Web.Http.SendAsync(request);
    }
}
