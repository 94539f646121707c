using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Integration.Tests.Web;

/// <summary>GET (one button) and POST (RFC 8058 one-click) /api/subscriptions/unsubscribe?token=.</summary>
public sealed class UnsubscribeTests : WebAppTests
{

    private string Path(string subscriberId) => new Uri(Web.Services.GetRequiredService<LinkBuilder>().Unsubscribe(subscriberId)).PathAndQuery;

    [Fact]
    public async Task TheLinkShowsOneButtonAndUnsubscribesNothingByItself()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org");

        using var response = await Web.Http.GetAsync(Path(id));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<button"));
        Assert.Contains("method=\"post\"", html, StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Confirmed, (await Web.Subscribers.GetAsync(id, default))!.Status);
    }

    [Fact]
    public async Task TheDigestsOneClickLinkUnsubscribesFromAPlainPost()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org");
        var digestLink = Web.Services.GetRequiredService<LinkBuilder>().Unsubscribe(id);
        Assert.StartsWith(Web.BaseUrl + "/api/subscriptions/unsubscribe?token=", digestLink, StringComparison.Ordinal);

        using var plain = new HttpClient();
        using var response = await plain.PostAsync(digestLink, new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var subscriber = (await Web.Subscribers.GetAsync(id, default))!;
        Assert.Equal(SubscriberStatus.Unsubscribed, subscriber.Status);
        Assert.Equal("one-click", subscriber.StatusReason);
    }

    [Fact]
    public async Task AMultipartOneClickAndABodilessPostAlsoUnsubscribeAndRepeatingChangesNothing()
    {
        var first = await Web.ConfirmedSubscriberAsync("one@example.org");
        var second = await Web.ConfirmedSubscriberAsync("two@example.org");
        using var multipart = new MultipartFormDataContent { { new StringContent("One-Click"), "List-Unsubscribe" } };

        using var a = await Web.Http.PostAsync(Path(first), multipart);
        using var b = await Web.Http.PostAsync(Path(second), null);
        var changedAt = (await Web.Subscribers.GetAsync(first, default))!.StatusChangedAt;
        using var again = await Web.Http.PostAsync(Path(first), WebApp.Form(("List-Unsubscribe", "One-Click")));

        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await Web.Subscribers.GetAsync(first, default))!.Status);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await Web.Subscribers.GetAsync(second, default))!.Status);
        Assert.Equal(changedAt, (await Web.Subscribers.GetAsync(first, default))!.StatusChangedAt);
    }

    [Fact]
    public async Task ForgedTokensGet400AndUnsubscribeNobody()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org");
        var preferencesToken = Web.Services.GetRequiredService<TokenService>().Create(TokenPurpose.Preferences, id);

        foreach (var token in new[] { "forged", preferencesToken, Path(id)[^20..] })
        {
            using var get = await Web.Http.GetAsync("/api/subscriptions/unsubscribe?token=" + token);
            using var post = await Web.Http.PostAsync("/api/subscriptions/unsubscribe?token=" + token, WebApp.Form(("List-Unsubscribe", "One-Click")));
            Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        }

        Assert.Equal(SubscriberStatus.Confirmed, (await Web.Subscribers.GetAsync(id, default))!.Status);
    }

    [Fact]
    public async Task AWrongContentTypeGets415AndAnOversizedBody413()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org");

        using var json = await Web.Http.PostAsync(Path(id), new StringContent("{}", Encoding.UTF8, "application/json"));
        var big = new ByteArrayContent(Encoding.ASCII.GetBytes("List-Unsubscribe=One-Click&pad=" + new string('x', 20_000)));
        big.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var oversized = await Web.Http.PostAsync(Path(id), big);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        Assert.Equal(SubscriberStatus.Confirmed, (await Web.Subscribers.GetAsync(id, default))!.Status);
    }
}
