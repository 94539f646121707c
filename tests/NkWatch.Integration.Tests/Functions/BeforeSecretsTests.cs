using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;
using NkWatch.Core.Matches;
using NkWatch.Core.Messaging;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;
using NkWatch.Functions.Triggers;
using NkWatch.Integration.Tests.Email;
using NkWatch.Integration.Tests.Infrastructure;
using static NkWatch.Integration.Tests.Functions.TriggerPipelineTests;

namespace NkWatch.Integration.Tests.Functions;

/// <summary>
/// The function app as the Bicep template first deploys it: the operator has not yet put
/// <c>app-token-key</c> and <c>sendgrid-api-key</c> into Key Vault, so App Service hands the app
/// the reference text, and <c>SendGrid__From</c> is empty. Public work goes on; what needs a secret
/// fails alone and says which setting; nothing waiting for the secret is lost.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BeforeSecretsTests(AzuriteFixture azurite) : IDisposable
{
    private const string TokenKeyReference = "@Microsoft.KeyVault(SecretUri=https://kv-nkwatch.vault.azure.net/secrets/app-token-key/)";
    private const string SendGridKeyReference = "@Microsoft.KeyVault(SecretUri=https://kv-nkwatch.vault.azure.net/secrets/sendgrid-api-key/)";
    private const string RealTokenKey = "before-secrets-test-token-key-0123456789abcdef";
    private const string TokenKeyError = "App__TokenKey is an unresolved Key Vault reference: put the secret app-token-key into the vault";
    private const string SendGridKeyError = "SendGrid__ApiKey is an unresolved Key Vault reference: put the secret sendgrid-api-key into the vault";

    private readonly TempDirectory temp = new();
    private readonly string story = Guid.NewGuid().ToString("N")[..12];

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task TheAppStartsAndPollsClassifiesAndStoresMatches()
    {
        await using var feeds = await StartFeedAsync();
        var log = new FakeLoggerProvider();
        await using var services = Services(feeds, log, BeforeSecrets());

        services.GetRequiredService<IStartupValidator>().Validate();
        await RunPublicWorkAsync(services);

        var latest = await services.GetRequiredService<IMatchStore>().ListLatestAsync(MatchFilter.All, 200, default);
        Assert.Contains(latest, m => m.Link!.Contains(story + "/icc", StringComparison.Ordinal));
        Assert.DoesNotContain(latest, m => m.Link!.Contains(story + "/kospi", StringComparison.Ordinal));
        Assert.Empty(Errors(log));
    }

    [Fact]
    public async Task DigestsWaitForTheSecretsAndGoOutOnceTheyAreThere()
    {
        await using var feeds = await StartFeedAsync();
        await using var sendGrid = await SendGridServer.StartAsync();
        var log = new FakeLoggerProvider();
        var address = $"desk-{story}@example.org";
        Subscriber subscriber;
        await using (var services = Services(feeds, log, BeforeSecrets(sendGrid)))
        {
            subscriber = await services.GetRequiredService<SubscriberDirectory>().AddConfirmedAsync(address, Frequency.Instant, [], default);
            await RunPublicWorkAsync(services);
            var queues = services.GetRequiredService<IMessageQueues>();
            await DrainAsync(queues, QueueNames.Digests, _ => Task.CompletedTask);

            await Create<ScheduleDigests>(services).Run(new TimerInfo(), default);

            Assert.Equal(0, await queues.Get(QueueNames.Digests).CountAsync(default));
            Assert.Contains(Errors(log), e => e.Message.Contains(TokenKeyError, StringComparison.Ordinal));

            // A digest queued before the secret went missing fails, so the host would retry it (then poison it), and claims nothing.
            await services.GetRequiredService<MessagePublisher>().PublishAsync(new DigestMessage(subscriber.Id, "instant-202612010900", "instant"), default);
            var queue = queues.Get(QueueNames.Digests);
            var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(1), default));
            var refused = await Assert.ThrowsAsync<MissingSettingException>(() => Create<SendDigest>(services).Run(received.Body, default));
            await queue.CompleteAsync(received, default);
            Assert.Equal("App__TokenKey", refused.Missing.Setting);
            Assert.Null((await services.GetRequiredService<IDigestLog>().GetCursorAsync(subscriber.Id, default))?.Claim);
            Assert.Empty(sendGrid.Requests);
        }

        // The operator sets the secrets; the app restarts with them resolved.
        await using (var services = Services(feeds, log, WithSecrets(sendGrid)))
        {
            await Create<ScheduleDigests>(services).Run(new TimerInfo(), default);
            await DrainAsync(services.GetRequiredService<IMessageQueues>(), QueueNames.Digests, body => Create<SendDigest>(services).Run(body, default));
            await services.GetRequiredService<ISubscriberStore>().DeleteAsync(subscriber.Id, default);
        }

        var delivered = Assert.Single(sendGrid.Delivered, d => d.Personalization["to"]![0]!["email"]!.GetValue<string>() == address);
        Assert.Contains(story + "/icc", delivered.Request.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TokenKeyReference, TokenKeyError)]
    [InlineData(RealTokenKey, SendGridKeyError)]
    public async Task SignupIsRefusedWithTheNamedSettingAndNothingIsStoredOrSent(string tokenKey, string error)
    {
        await using var feeds = await StartFeedAsync();
        await using var sendGrid = await SendGridServer.StartAsync();
        var log = new FakeLoggerProvider();
        var settings = BeforeSecrets(sendGrid);
        settings["App:TokenKey"] = tokenKey;
        await using var services = Services(feeds, log, settings);
        var address = $"reader-{story}@example.org";

        var context = FunctionHttp.NewContext(services, "POST", "/api/subscriptions", "email=" + Uri.EscapeDataString(address) + "&frequency=daily", "application/x-www-form-urlencoded");
        var (status, body) = await FunctionHttp.RunAsync(context, Create<Subscribe>(services).Run(context.Request));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Contains("not set up yet", body, StringComparison.Ordinal);
        Assert.DoesNotContain("KeyVault", body, StringComparison.Ordinal);
        Assert.Contains(error, Assert.Single(Errors(log)).Message, StringComparison.Ordinal);
        Assert.Null(await services.GetRequiredService<ISubscriberStore>().FindByEmailAsync(address, default));
        Assert.Empty(sendGrid.Requests);
        Assert.False(Directory.Exists(temp.Combine("outbox")));
    }

    /// <summary>Below the services that ask first, the senders themselves refuse: a reference is never sent as a key, nor written to an outbox instead.</summary>
    [Theory]
    [InlineData(SendGridKeyReference, "alerts@news.example.org", "SendGrid__ApiKey")]
    [InlineData(SendGridServer.ApiKey, "", "SendGrid__From")]
    [InlineData("", "", "SendGrid__From")]
    public async Task TheSendersRefuseWithoutTheirSettings(string apiKey, string from, string setting)
    {
        await using var feeds = await StartFeedAsync();
        await using var sendGrid = await SendGridServer.StartAsync();
        var settings = WithSecrets(sendGrid);
        settings["SendGrid:ApiKey"] = apiKey;
        settings["SendGrid:From"] = from;
        await using var services = Services(feeds, new FakeLoggerProvider(), settings);
        var message = new NkWatch.Core.Email.EmailMessage { To = "reader@example.org", Subject = "s", Html = "<p>h</p>", Text = "t", MessageId = "m-" + story };

        var refused = await Assert.ThrowsAsync<MissingSettingException>(() => services.GetRequiredService<NkWatch.Core.Email.IEmailSender>().SendAsync(message, default));

        Assert.Equal(setting, refused.Missing.Setting);
        Assert.Empty(sendGrid.Requests);
        Assert.False(Directory.Exists(temp.Combine("outbox")));
    }

    [Fact]
    public async Task LinksAreRefusedWithTheNamedSetting()
    {
        await using var feeds = await StartFeedAsync();
        var log = new FakeLoggerProvider();
        await using var services = Services(feeds, log, BeforeSecrets());

        var context = FunctionHttp.NewContext(services, "GET", "/api/subscriptions/unsubscribe", null, null, "?token=any.token");
        var (status, _) = await FunctionHttp.RunAsync(context, Create<Unsubscribe>(services).Run(context.Request));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Contains(TokenKeyError, Assert.Single(Errors(log)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthSaysWhichSettingsAreMissingAndWhatTheyBlock()
    {
        await using var feeds = await StartFeedAsync();
        await using var before = Services(feeds, new FakeLoggerProvider(), BeforeSecrets());
        await using var after = Services(feeds, new FakeLoggerProvider(), WithSecrets(null));

        var missing = await HealthAsync(before);
        var none = await HealthAsync(after);

        Assert.Equal("degraded", missing["status"]!.GetValue<string>());
        var settings = missing["missingSettings"]!.AsArray().ToDictionary(m => m!["setting"]!.GetValue<string>(), m => m!);
        Assert.Equal(["App__TokenKey", "SendGrid__ApiKey", "SendGrid__From"], settings.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("links", Assert.Single(settings["App__TokenKey"]["blocks"]!.AsArray())!.GetValue<string>());
        Assert.Equal("sending", Assert.Single(settings["SendGrid__From"]["blocks"]!.AsArray())!.GetValue<string>());
        Assert.StartsWith("is an unresolved Key Vault reference: put the secret sendgrid-api-key", settings["SendGrid__ApiKey"]["problem"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(none["missingSettings"]!.AsArray());
    }

    /// <summary>With the secrets in place, a signup and a digest go through SendGrid; neither key appears in any log line or logged exception.</summary>
    [Fact]
    public async Task TheSecretsNeverReachTheLogs()
    {
        await using var feeds = await StartFeedAsync();
        await using var sendGrid = await SendGridServer.StartAsync();
        var log = new FakeLoggerProvider();
        await using var services = Services(feeds, log, WithSecrets(sendGrid));
        var desk = await services.GetRequiredService<SubscriberDirectory>().AddConfirmedAsync($"desk-{story}@example.org", Frequency.Instant, [], default);

        var context = FunctionHttp.NewContext(services, "POST", "/api/subscriptions", $"email=reader-{story}%40example.org", "application/x-www-form-urlencoded");
        await FunctionHttp.RunAsync(context, Create<Subscribe>(services).Run(context.Request));
        await RunPublicWorkAsync(services);
        await Create<ScheduleDigests>(services).Run(new TimerInfo(), default);
        await DrainAsync(services.GetRequiredService<IMessageQueues>(), QueueNames.Digests, body => Create<SendDigest>(services).Run(body, default));
        await services.GetRequiredService<ISubscriberStore>().DeleteAsync(desk.Id, default);

        Assert.True(sendGrid.Accepted.Count >= 2, $"{sendGrid.Accepted.Count} requests accepted");
        Assert.Contains("/v3/mail/send", AllText(log), StringComparison.Ordinal);
        Assert.DoesNotContain(RealTokenKey, AllText(log), StringComparison.Ordinal);
        Assert.DoesNotContain(SendGridServer.ApiKey, AllText(log), StringComparison.Ordinal);
    }

    private Dictionary<string, string?> BeforeSecrets(SendGridServer? sendGrid = null) => new()
    {
        ["App:TokenKey"] = TokenKeyReference,
        ["SendGrid:ApiKey"] = SendGridKeyReference,
        ["SendGrid:From"] = string.Empty,
        ["SendGrid:BaseUrl"] = sendGrid?.BaseUrl ?? "http://127.0.0.1:9",
        ["Outbox:Directory"] = temp.Combine("outbox"),
        ["Digests:VisibilityMarginSeconds"] = "0",
    };

    private Dictionary<string, string?> WithSecrets(SendGridServer? sendGrid) => new(BeforeSecrets(sendGrid))
    {
        ["App:TokenKey"] = RealTokenKey,
        ["SendGrid:ApiKey"] = SendGridServer.ApiKey,
        ["SendGrid:From"] = "alerts@news.example.org",
    };

    private ServiceProvider Services(LocalHttpServer feeds, FakeLoggerProvider log, Dictionary<string, string?> settings)
    {
        settings["Feeds:Source"] = FeedServer.WriteCatalog(temp.Combine("catalog"), feeds, ("secrets-" + story, "/feed.xml"));
        // Every level, so that a secret in a trace-level line (HTTP headers, say) would be caught too.
        return FunctionTestHost.Services(azurite.ConnectionString, settings, services => services
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace))
            .AddSingleton<ILoggerProvider>(log));
    }

    private static IReadOnlyList<FakeLogRecord> Errors(FakeLoggerProvider log) => [.. log.Collector.GetSnapshot().Where(r => r.Level >= LogLevel.Error)];

    /// <summary>Everything written, exceptions included, as one text to search.</summary>
    private static string AllText(FakeLoggerProvider log) => string.Join('\n', log.Collector.GetSnapshot().Select(r => $"{r.Category} {r.Message} {r.Exception}"));

    /// <summary>SchedulePolls, PollFeed, StoreMatch, as the host runs them.</summary>
    private static async Task RunPublicWorkAsync(IServiceProvider services)
    {
        var queues = services.GetRequiredService<IMessageQueues>();
        await Create<SchedulePolls>(services).Run(new TimerInfo(), default);
        await DrainAsync(queues, QueueNames.FeedPoll, body => Create<PollFeed>(services).Run(body, default));
        await DrainAsync(queues, QueueNames.Matches, body => Create<StoreMatch>(services).Run(body, default));
    }

    private static async Task<JsonObject> HealthAsync(IServiceProvider services)
    {
        var context = FunctionHttp.NewContext(services, "GET", "/api/health", null, null);
        var (status, body) = await FunctionHttp.RunAsync(context, Create<Health>(services).Run(context.Request));
        Assert.Equal(StatusCodes.Status200OK, status);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>A feed of this test's own: one story on topic, one off topic, with links no other test stores.</summary>
    private Task<LocalHttpServer> StartFeedAsync()
    {
        // A fixed date: items are stored and sent by when they are found, not by when they say they were published.
        var published = new DateTimeOffset(2026, 11, 30, 8, 30, 0, TimeSpan.Zero).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var rss = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Secrets test wire</title><link>https://wire.example.org/</link><description>test</description>
            <item><title>UN rights experts urge ICC referral of North Korea</title><link>https://wire.example.org/{story}/icc</link><pubDate>{published}</pubDate>
            <description>Experts said the Commission of Inquiry found crimes against humanity in North Korea's prison camps.</description></item>
            <item><title>KOSPI ends higher on chip rally</title><link>https://wire.example.org/{story}/kospi</link><pubDate>{published}</pubDate>
            <description>Seoul shares rose as foreign investors bought chipmakers.</description></item>
            </channel></rss>
            """;
        return LocalHttpServer.StartAsync(app => app.MapGet("/feed.xml", () => Results.Text(rss, "application/rss+xml")));
    }
}
