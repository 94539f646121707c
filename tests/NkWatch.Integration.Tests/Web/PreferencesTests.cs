using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Integration.Tests.Web;

/// <summary>GET and POST /api/preferences?token=.</summary>
public sealed class PreferencesTests : WebAppTests
{

    private string Link(string subscriberId) =>
        "/api/preferences?token=" + Web.Services.GetRequiredService<TokenService>().Create(TokenPurpose.Preferences, subscriberId);

    [Fact]
    public async Task ThePageShowsTheCurrentChoicesAndAMaskedAddress()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org", ("topics", "refugees"), ("timezone", "Asia/Tokyo"), ("deliveryHour", "9"));

        using var response = await Web.Http.GetAsync(Link(id));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("r***@example.org", html, StringComparison.Ordinal);
        Assert.DoesNotContain("reader@example.org", html, StringComparison.Ordinal);
        Assert.Matches("value=\"refugees\"[^>]*checked", html);
        Assert.DoesNotMatch("value=\"detention\"[^>]*checked", html);
        Assert.Matches("value=\"Asia/Tokyo\" selected", html);
        Assert.Matches("value=\"9\" selected", html);
        Assert.Contains("noindex", html, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task AFormPostChangesTopicsFrequencyTimeZoneLanguageHourAndWeekday()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org", ("topics", "refugees"));

        using var response = await Web.Http.PostAsync(Link(id), WebApp.Form(
            ("topicsShown", "1"), ("topics", "accountability"), ("topics", "un-action"), ("frequency", "weekly"),
            ("timezone", "America/New_York"), ("languagesShown", "1"), ("language", "en"), ("deliveryHour", "6"), ("weeklyDay", "sunday")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your preferences are saved", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var subscriber = (await Web.Subscribers.GetAsync(id, default))!;
        Assert.Equal(["accountability", "un-action"], subscriber.Topics);
        Assert.Equal(Frequency.Weekly, subscriber.Frequency);
        Assert.Equal("America/New_York", subscriber.TimeZone);
        Assert.Equal(["en"], subscriber.Languages);
        Assert.Equal(6, subscriber.DeliveryHour);
        Assert.Equal(DayOfWeek.Sunday, subscriber.WeeklyDay);
        Assert.Equal(SubscriberStatus.Confirmed, subscriber.Status);
    }

    [Fact]
    public async Task UntickingEveryTopicMeansEveryTopic()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org", ("topics", "refugees"));

        using var response = await Web.Http.PostAsync(Link(id), WebApp.Form(("topicsShown", "1")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await Web.Subscribers.GetAsync(id, default))!.Topics);
    }

    [Fact]
    public async Task AJsonPostChangesOnlyTheFieldsItNames()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org", ("topics", "refugees"), ("timezone", "Asia/Seoul"));

        using var response = await Web.Http.PostAsync(Link(id), new StringContent("{\"frequency\":\"instant\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var subscriber = (await Web.Subscribers.GetAsync(id, default))!;
        Assert.Equal(Frequency.Instant, subscriber.Frequency);
        Assert.Equal(["refugees"], subscriber.Topics);
        Assert.Equal("Asia/Seoul", subscriber.TimeZone);
    }

    [Theory]
    [InlineData("frequency", "<script>alert(1)</script>")]
    [InlineData("topics", "<script>alert(1)</script>")]
    [InlineData("timezone", "<script>alert(1)</script>")]
    [InlineData("language", "<script>alert(1)</script>")]
    [InlineData("deliveryHour", "<script>alert(1)</script>")]
    [InlineData("weeklyDay", "<script>alert(1)</script>")]
    [InlineData("deliveryHour", "99")]
    public async Task ABadValueGets400AndChangesNothing(string field, string value)
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org", ("topics", "refugees"));
        var before = await Web.Subscribers.GetAsync(id, default);

        using var response = await Web.Http.PostAsync(Link(id), WebApp.Form(("frequency", "weekly"), (field, value)));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"#{field}\"", html, StringComparison.Ordinal);
        var after = (await Web.Subscribers.GetAsync(id, default))!;
        Assert.Equal(before!.Frequency, after.Frequency);
        Assert.Equal(before.Topics, after.Topics);
    }

    [Fact]
    public async Task ForgedOrMisdirectedTokensGet400ForGetAndPost()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org");
        var unsubscribeToken = Web.Services.GetRequiredService<TokenService>().Create(TokenPurpose.Unsubscribe, id);

        foreach (var token in new[] { "forged.token", unsubscribeToken, string.Empty })
        {
            using var get = await Web.Http.GetAsync("/api/preferences?token=" + token);
            using var post = await Web.Http.PostAsync("/api/preferences?token=" + token, WebApp.Form(("frequency", "instant")));
            Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        }

        Assert.Equal(Frequency.Daily, (await Web.Subscribers.GetAsync(id, default))!.Frequency);
    }

    [Fact]
    public async Task AValidTokenForAnErasedSubscriberGets404()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org");
        await Web.Subscribers.DeleteAsync(id, default);

        using var response = await Web.Http.GetAsync(Link(id));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task WrongContentTypeAndOversizedBodiesAreRefused()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org");

        using var text = await Web.Http.PostAsync(Link(id), new StringContent("frequency=weekly", Encoding.UTF8, "text/plain"));
        using var big = await Web.Http.PostAsync(Link(id), WebApp.Form(("frequency", "weekly"), ("pad", new string('x', 40_000))));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Equal(Frequency.Daily, (await Web.Subscribers.GetAsync(id, default))!.Frequency);
    }
}
