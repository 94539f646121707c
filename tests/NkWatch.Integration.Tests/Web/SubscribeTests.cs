using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Integration.Tests.Web;

/// <summary>GET /api/subscribe and POST /api/subscriptions on a real Kestrel over SQLite.</summary>
public sealed class SubscribeTests : WebAppTests
{

    [Fact]
    public async Task SubscribePageOffersTheRuleFilesTopicsWithTheirDescriptionsAndLoadsNothingFromOtherHosts()
    {
        using var response = await Web.Http.GetAsync("/api/subscribe");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("value=\"refugees\"", html, StringComparison.Ordinal);
        Assert.Contains("Defectors and forced repatriation", html, StringComparison.Ordinal);
        Assert.Contains("Defectors, escapees, forced repatriation, refoulement", html, StringComparison.Ordinal);
        Assert.Contains("value=\"human-rights\"", html, StringComparison.Ordinal);
        Assert.Contains("fit none of the other topics come under \u201CHuman rights in North Korea, general\u201D", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("<label for=\"email\">", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Asia/Seoul\"", html, StringComparison.Ordinal);
        Assert.Contains("data-preset=\"browser\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
    }

    [Fact]
    public async Task AFormPostStoresAPendingSubscriberAndMailsOneConfirmationLink()
    {
        using var response = await Web.SubscribeAsync(
            "Reader@Example.ORG",
            ("frequency", "weekly"), ("topics", "refugees"), ("topics", "detention"), ("timezone", "Asia/Seoul"),
            ("language", "ko"), ("deliveryHour", "18"), ("weeklyDay", "friday"), ("topicsShown", "1"), ("languagesShown", "1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Check your inbox", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var subscriber = await Web.Subscribers.FindByEmailAsync("Reader@example.org", default);
        Assert.NotNull(subscriber);
        Assert.Equal(SubscriberStatus.Pending, subscriber.Status);
        Assert.Equal(Frequency.Weekly, subscriber.Frequency);
        Assert.Equal(["detention", "refugees"], subscriber.Topics);
        Assert.Equal(["ko"], subscriber.Languages);
        Assert.Equal("Asia/Seoul", subscriber.TimeZone);
        Assert.Equal(18, subscriber.DeliveryHour);
        Assert.Equal(DayOfWeek.Friday, subscriber.WeeklyDay);

        var email = Assert.Single(Web.Emails());
        Assert.Equal("Reader@example.org", email.To.Mailboxes.Single().Address);
        Assert.StartsWith("/api/subscriptions/confirm?token=", WebApp.LinkIn(email, "/api/subscriptions/confirm"), StringComparison.Ordinal);
        Assert.Contains("Confirm subscription", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJsonPostIsAcceptedWithTheSameMeaning()
    {
        var body = JsonSerializer.Serialize(new { email = "desk@example.org", frequency = "instant", topics = new[] { "accountability" }, timezone = "Europe/Zurich" });
        using var response = await Web.Http.PostAsync("/api/subscriptions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("check-your-inbox", answer.RootElement.GetProperty("status").GetString());
        var subscriber = await Web.Subscribers.FindByEmailAsync("desk@example.org", default);
        Assert.Equal(Frequency.Instant, subscriber!.Frequency);
        Assert.Equal(["accountability"], subscriber.Topics);
        Assert.Equal("Europe/Zurich", subscriber.TimeZone);
        Assert.Single(Web.Emails());
    }

    [Fact]
    public async Task TheAnswerIsTheSameWhetherTheAddressIsNewPendingOrConfirmed()
    {
        var confirmedId = await Web.ConfirmedSubscriberAsync("known@example.org", ("topics", "refugees"));
        var before = Web.Emails().Count;

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var address in new[] { "new@example.org", "new@example.org", "known@example.org" })
        {
            using var response = await Web.SubscribeAsync(address, ("topics", "detention"));
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        var known = await Web.Subscribers.GetAsync(confirmedId, default);
        Assert.Equal(SubscriberStatus.Confirmed, known!.Status);
        Assert.Equal(["refugees"], known.Topics);
        var sent = Web.Emails().Skip(before).ToList();
        Assert.Equal(3, sent.Count);
        Assert.Contains("already", sent[2].Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/api/preferences?token=", sent[2].TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-address")]
    [InlineData("two@@example.org")]
    [InlineData("nodomain@localhost")]
    [InlineData("Name <name@example.org>")]
    [InlineData("a@example.org\r\nBcc: victim@example.org")]
    [InlineData("<script>alert(1)</script>@example.org")]
    public async Task ABadAddressGets400WithAClearMessageAndNothingIsStoredOrSent(string address)
    {
        using var response = await Web.SubscribeAsync(address);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#email\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Empty(await Web.Subscribers.ListAsync(default));
        Assert.Empty(Web.Emails());
    }

    [Fact]
    public async Task AnAddressLongerThan254CharactersIsRefused()
    {
        var address = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 3)) + ".example.org";
        Assert.True(address.Length > 254);

        using var response = await Web.SubscribeAsync(address);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await Web.Subscribers.ListAsync(default));
    }

    [Theory]
    [InlineData("email")]
    [InlineData("frequency")]
    [InlineData("topics")]
    [InlineData("timezone")]
    [InlineData("language")]
    [InlineData("deliveryHour")]
    [InlineData("weeklyDay")]
    public async Task ScriptInAnyFieldIsRefusedAndNeverEchoedAsMarkup(string field)
    {
        const string Script = "<script>alert('x')</script>";
        var fields = new Dictionary<string, string> { ["email"] = "ok@example.org", [field] = field == "email" ? Script + "@example.org" : Script };

        using var response = await Web.Http.PostAsync("/api/subscriptions", new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"#{field}\"", html, StringComparison.Ordinal);
        Assert.Empty(await Web.Subscribers.ListAsync(default));
    }

    [Fact]
    public async Task AnEchoedAddressIsHtmlEncoded()
    {
        using var response = await Web.SubscribeAsync("\"><img src=x onerror=alert(1)>");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frequency", "hourly")]
    [InlineData("frequency", "1")]
    [InlineData("topics", "weather")]
    [InlineData("timezone", "Mars/Olympus_Mons")]
    [InlineData("language", "xx")]
    [InlineData("deliveryHour", "24")]
    [InlineData("deliveryHour", "-1")]
    [InlineData("weeklyDay", "someday")]
    [InlineData("weeklyDay", "Monday,Tuesday")]
    [InlineData("weeklyDay", "3")]
    [InlineData("frequency", "daily,weekly")]
    public async Task AChoiceNotOfferedGets400AndNothingIsStored(string field, string value)
    {
        using var response = await Web.SubscribeAsync("ok@example.org", (field, value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await Web.Subscribers.ListAsync(default));
        Assert.Empty(Web.Emails());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/x-www-form-urlencoded; charset=iso-8859-1")]
    public async Task AWrongContentTypeGets415(string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("email=ok@example.org"));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await Web.Http.PostAsync("/api/subscriptions", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(await Web.Subscribers.ListAsync(default));
    }

    [Fact]
    public async Task AMissingContentTypeGets415()
    {
        using var response = await Web.Http.PostAsync("/api/subscriptions", new ByteArrayContent(Encoding.UTF8.GetBytes("email=ok@example.org")));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task AnOversizedBodyGets413AndNothingIsStored()
    {
        var padding = new string('a', 20_000);

        using var response = await Web.SubscribeAsync("ok@example.org", ("comment", padding));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await Web.Subscribers.ListAsync(default));
    }

    [Fact]
    public async Task AnOversizedChunkedBodyWithoutContentLengthGets413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("email=ok%40example.org&x=" + new string('a', 100_000))));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscriptions") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await Web.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"email\":")]
    [InlineData("[\"ok@example.org\"]")]
    [InlineData("{\"email\":{\"nested\":true}}")]
    [InlineData("{\"email\":\"ok@example.org\",\"email\":\"other@example.org\"}")]
    public async Task MalformedJsonGets400(string json)
    {
        using var response = await Web.Http.PostAsync("/api/subscriptions", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(answer.RootElement.GetProperty("error").GetString()));
        Assert.Empty(await Web.Subscribers.ListAsync(default));
    }

    [Fact]
    public async Task AFilledHoneypotGetsTheUsualAnswerButNothingIsStoredOrSent()
    {
        using var response = await Web.SubscribeAsync("bot-target@example.org", ("website", "http://spam.example"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Check your inbox", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await Web.Subscribers.ListAsync(default));
        Assert.Empty(Web.Emails());
    }

    [Fact]
    public async Task ConfirmationEmailsToOneAddressStopAtTheDailyLimitWhileTheAnswerStaysTheSame()
    {
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await Web.SubscribeAsync("flooded@example.org");
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(new SignupOptions().ConfirmationsPerAddressPerDay, Web.Emails().Count);
    }

    [Fact]
    public async Task SpellingsOfOneMailboxShareItsDailyLimitAndItsSubscriber()
    {
        foreach (var variant in new[] { "flooded@example.org", "FLOODED@example.org", "\uff46looded@example.org", "flo\u200Boded@example.org", "flo\u00ADoded@EXAMPLE.org", "\uFEFFflooded@example.org" })
        {
            using var response = await Web.SubscribeAsync(variant);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(new SignupOptions().ConfirmationsPerAddressPerDay, Web.Emails().Count);
        Assert.Equal("flooded@example.org", Assert.Single(await Web.Subscribers.ListAsync(default)).Email);
    }

    [Fact]
    public async Task ASuppressedMailboxIsNotMailedUnderAnotherSpelling()
    {
        var id = await Web.ConfirmedSubscriberAsync("complained@example.org");
        var subscriber = await Web.Subscribers.GetAsync(id, default);
        await Web.Subscribers.UpdateAsync(subscriber! with { Status = SubscriberStatus.Suppressed, StatusReason = "spamreport" }, default);
        var before = Web.Emails().Count;

        foreach (var variant in new[] { "Complained@example.org", "\uff43omplained@example.org", "compl\u200Dained@example.org" })
        {
            using var response = await Web.SubscribeAsync(variant);
        }

        Assert.Equal(before, Web.Emails().Count);
        Assert.Equal(SubscriberStatus.Suppressed, Assert.Single(await Web.Subscribers.ListAsync(default)).Status);
    }

    [Fact]
    public async Task NewPendingConfirmedSuppressedAndLimitedAddressesGetOneAnswerAndSoDoesAFailingMailService()
    {
        await Web.ConfirmedSubscriberAsync("known@example.org");
        var gone = await Web.Subscribers.GetAsync(await Web.ConfirmedSubscriberAsync("gone@example.org"), default);
        await Web.Subscribers.UpdateAsync(gone! with { Status = SubscriberStatus.Suppressed, StatusReason = "bounce" }, default);
        for (var i = 0; i < new SignupOptions().ConfirmationsPerAddressPerDay; i++)
        {
            (await Web.SubscribeAsync("busy@example.org")).Dispose();
        }

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var address in new[] { "fresh@example.org", "fresh@example.org", "known@example.org", "gone@example.org", "busy@example.org" })
        {
            using var response = await Web.SubscribeAsync(address);
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        await using var sendGrid = await SendGridServer.StartAsync();
        sendGrid.FailNext([.. Enumerable.Repeat(new SendGridFailure.ServerError(), 10)]);
        await using var failing = await WebApp.StartAsync(new Dictionary<string, string?>
        {
            ["SendGrid:ApiKey"] = SendGridServer.ApiKey,
            ["SendGrid:BaseUrl"] = sendGrid.BaseUrl,
            ["SendGrid:MaxAttempts"] = "1",
        });
        using (var response = await failing.SubscribeAsync("fresh@example.org"))
        {
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        await failing.Services.GetRequiredService<SignupMail>().WhenIdleAsync();
        Assert.Equal(HttpStatusCode.OK, answers[0].Item1);
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(500, Assert.Single(sendGrid.Requests).Status);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("frequency")]
    [InlineData("weeklyDay")]
    [InlineData("timezone")]
    public async Task AFieldGivenTwiceGets400AndNothingIsStored(string field)
    {
        var values = new Dictionary<string, (string, string)>
        {
            ["email"] = ("one@example.org", "two@example.org"),
            ["frequency"] = ("daily", "weekly"),
            ["weeklyDay"] = ("monday", "tuesday"),
            ["timezone"] = ("UTC", "Asia/Seoul"),
        };
        var (first, second) = values[field];
        (string, string)[] form = field == "email" ? [("email", first), ("email", second)] : [("email", "twice@example.org"), (field, first), (field, second)];

        using var response = await Web.Http.PostAsync("/api/subscriptions", WebApp.Form(form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await Web.Subscribers.ListAsync(default));
    }
}
