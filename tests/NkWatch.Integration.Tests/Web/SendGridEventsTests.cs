using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Integration.Tests.Web;

/// <summary>POST /api/sendgrid/events: signed with the configured key's private half, as SendGrid signs.</summary>
public sealed class SendGridEventsTests : WebAppTests
{

    private Task<HttpResponseMessage> PostAsync(string body, DateTimeOffset? signedAt = null, ECDsa? key = null, string contentType = "application/json") =>
        PostBytesAsync(Encoding.UTF8.GetBytes(body), signedAt, key, contentType);

    /// <summary>Signs and posts the bytes as they are, invalid UTF-8 included.</summary>
    private Task<HttpResponseMessage> PostBytesAsync(byte[] body, DateTimeOffset? signedAt = null, ECDsa? key = null, string contentType = "application/json")
    {
        var timestamp = (signedAt ?? Web.Clock.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = (key ?? Web.WebhookKey).SignData([.. Encoding.UTF8.GetBytes(timestamp), .. body], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = content };
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", Convert.ToBase64String(signature));
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        return Web.Http.SendAsync(request);
    }

    private static string Events(params object[] events) => JsonSerializer.Serialize(events);

    [Theory]
    [InlineData("bounce")]
    [InlineData("dropped")]
    [InlineData("spamreport")]
    [InlineData("unsubscribe")]
    public async Task ASignedEventThatMeansStopSuppressesTheSubscriber(string kind)
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org");

        using var response = await PostAsync(Events(new { email = "reader@example.org", timestamp = 1, @event = kind, sg_event_id = "ev-" + kind, subscriber_id = id }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var subscriber = (await Web.Subscribers.GetAsync(id, default))!;
        Assert.Equal(SubscriberStatus.Suppressed, subscriber.Status);
        Assert.Equal(kind, subscriber.StatusReason);
    }

    [Fact]
    public async Task DeliveriesOpensAndTemporaryBlocksSuppressNobody()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org");

        using var response = await PostAsync(Events(
            new { email = "reader@example.org", @event = "delivered", sg_event_id = "e1", subscriber_id = id },
            new { email = "reader@example.org", @event = "open", sg_event_id = "e2", subscriber_id = id },
            new { email = "reader@example.org", @event = "bounce", type = "blocked", sg_event_id = "e3", subscriber_id = id }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SubscriberStatus.Confirmed, (await Web.Subscribers.GetAsync(id, default))!.Status);
    }

    [Fact]
    public async Task WithoutASubscriberIdTheAddressFindsTheSubscriber()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org");

        using var response = await PostAsync(Events(new { email = "reader@example.org", @event = "bounce", sg_event_id = "no-custom-args" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SubscriberStatus.Suppressed, (await Web.Subscribers.GetAsync(id, default))!.Status);
    }

    [Fact]
    public async Task AReplayedEventChangesNothingEvenAfterTheOperatorRestoredTheAddress()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org");
        var body = Events(new { email = "reader@example.org", @event = "spamreport", sg_event_id = "once", subscriber_id = id });
        using var first = await PostAsync(body);
        var restored = (await Web.Subscribers.GetAsync(id, default))! with { Status = SubscriberStatus.Confirmed };
        await Web.Subscribers.UpdateAsync(restored, default);

        using var replay = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        using var report = JsonDocument.Parse(await replay.Content.ReadAsStringAsync());
        Assert.Equal(1, report.RootElement.GetProperty("replayed").GetInt32());
        Assert.Equal(SubscriberStatus.Confirmed, (await Web.Subscribers.GetAsync(id, default))!.Status);
    }

    [Fact]
    public async Task AnUnsignedRequestGets401AndChangesNothing()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org");

        using var response = await Web.Http.PostAsync("/api/sendgrid/events", new StringContent(Events(new { email = "reader@example.org", @event = "bounce", subscriber_id = id }), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(SubscriberStatus.Confirmed, (await Web.Subscribers.GetAsync(id, default))!.Status);
    }

    [Fact]
    public async Task ForgedAlteredAndGarbledSignaturesGet403AndChangeNothing()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org");
        var body = Events(new { email = "reader@example.org", @event = "bounce", sg_event_id = "x", subscriber_id = id });
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        using var forged = await PostAsync(body, key: otherKey);
        var now = Web.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var genuine = Convert.ToBase64String(Web.WebhookKey.SignData(Encoding.UTF8.GetBytes(now + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        var statuses = new List<HttpStatusCode> { forged.StatusCode };
        foreach (var (signature, sentBody) in new[] { (genuine, body.Replace("bounce", "dropped", StringComparison.Ordinal)), ("not base64!", body), (string.Empty, body), (Convert.ToBase64String(new byte[70]), body) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new StringContent(sentBody, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("X-Twilio-Email-Event-Webhook-Signature", signature);
            request.Headers.TryAddWithoutValidation("X-Twilio-Email-Event-Webhook-Timestamp", now);
            using var response = await Web.Http.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden], statuses);
        Assert.Equal(SubscriberStatus.Confirmed, (await Web.Subscribers.GetAsync(id, default))!.Status);
    }

    [Fact]
    public async Task AStaleOrFutureTimestampIsRefusedEvenWithAGoodSignature()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org");
        var body = Events(new { email = "reader@example.org", @event = "bounce", sg_event_id = "late", subscriber_id = id });

        using var stale = await PostAsync(body, Web.Clock.GetUtcNow() - TimeSpan.FromMinutes(10));
        using var future = await PostAsync(body, Web.Clock.GetUtcNow() + TimeSpan.FromMinutes(10));

        Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, future.StatusCode);
        Assert.Equal(SubscriberStatus.Confirmed, (await Web.Subscribers.GetAsync(id, default))!.Status);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"event\":\"bounce\"}")]
    [InlineData("[1,2,3]")]
    public async Task ASignedBodyThatIsNotAnEventArrayGets400(string body)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AWrongContentTypeGets415AndAnOversizedBody413()
    {
        using var xml = await PostAsync("[]", contentType: "application/xml");
        using var big = await PostAsync("[" + string.Join(',', Enumerable.Repeat("{\"event\":\"open\",\"pad\":\"" + new string('x', 1000) + "\"}", 3000)) + "]");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
    }

    [Fact]
    public async Task ALoneSurrogateGets400WithItsPositionAndTheValidEventsAreApplied()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org");
        var body = "[{\"event\":\"bounce\",\"email\":\"\\ud800x@example.org\",\"sg_event_id\":\"bad\"},"
            + $"{{\"event\":\"bounce\",\"email\":\"reader@example.org\",\"sg_event_id\":\"good\",\"subscriber_id\":\"{id}\"}}]";

        using var response = await PostAsync(body);
        var answer = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("positions 0 ", answer, StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Suppressed, (await Web.Subscribers.GetAsync(id, default))!.Status);
    }

    [Fact]
    public async Task InvalidUtf8Gets400AndTheValidEventsAreApplied()
    {
        var id = await Web.ConfirmedSubscriberAsync("reader@example.org");
        byte[] body =
        [
            .. "[{\"event\":\"open\",\"email\":\"x"u8, 0xFF, 0xFE, .. "@example.org\",\"sg_event_id\":\"bad\"},"u8,
            .. Encoding.UTF8.GetBytes($"{{\"event\":\"spamreport\",\"email\":\"reader@example.org\",\"sg_event_id\":\"good\",\"subscriber_id\":\"{id}\"}}]"),
        ];

        using var response = await PostBytesAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid Unicode", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Suppressed, (await Web.Subscribers.GetAsync(id, default))!.Status);
    }

    [Fact]
    public async Task ABatchOverTheEventCapGets413SayingTheCap()
    {
        using var response = await PostAsync("[" + string.Join(',', Enumerable.Repeat("{}", 5001)) + "]");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("5001 events; at most 5000", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>Without SendGrid__WebhookPublicKey the webhook refuses everything.</summary>
public sealed class UnconfiguredWebhookTests : WebAppTests
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["SendGrid:WebhookPublicKey"] = string.Empty };

    [Fact]
    public async Task EveryRequestIsRefusedWith503()
    {
        using var response = await Web.Http.PostAsync("/api/sendgrid/events", new StringContent("[]", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
