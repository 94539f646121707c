using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NkWatch.Cli.Hosting;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Integration.Tests.Web;

/// <summary>
/// `nkwatch serve`'s host, in process, on the loopback port Kestrel picks (port 0) and a fake clock, over a fresh data folder (SQLite and
/// the outbox), with a SendGrid webhook key pair the tests sign with. One per test.
/// </summary>
public sealed partial class WebApp : IAsyncDisposable
{
    private readonly TempDirectory data;
    private readonly WebApplication app;

    private WebApp(WebApplication app, string baseUrl, ECDsa webhookKey, TempDirectory data, FakeTimeProvider clock)
    {
        this.app = app;
        this.data = data;
        BaseUrl = baseUrl;
        WebhookKey = webhookKey;
        Clock = clock;
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(baseUrl) };
    }

    public string BaseUrl { get; }

    /// <summary>The server's clock: a fixed day, moved only by the test.</summary>
    public FakeTimeProvider Clock { get; }

    public HttpClient Http { get; }

    /// <summary>The private half of the key configured as SendGrid__WebhookPublicKey.</summary>
    public ECDsa WebhookKey { get; }

    public string Outbox => data.Combine("outbox");

    public IServiceProvider Services => app.Services;

    public ISubscriberStore Subscribers => app.Services.GetRequiredService<ISubscriberStore>();

    public static async Task<WebApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var data = new TempDirectory();
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var overrides = new Dictionary<string, string?>
        {
            ["SendGrid:WebhookPublicKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[name] = value;
        }

        var local = new LocalSettings(data.Path, RepositoryRoot.Combine("config", "feeds.json"), RepositoryRoot.Combine("config", "rules.json"), Storage: null);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var app = LocalWebHost.Build(local, "http://127.0.0.1:0", overrides, clock);
        await app.StartAsync();
        return new WebApp(app, app.Urls.Single(), key, data, clock);
    }

    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    public Task<HttpResponseMessage> SubscribeAsync(string email, params (string Name, string Value)[] more) =>
        Http.PostAsync("/api/subscriptions", Form([("email", email), .. more]));

    /// <summary>The emails in the outbox, oldest first, once the signup emails under way are written.</summary>
    public IReadOnlyList<MimeMessage> Emails() =>
        app.Services.GetRequiredService<SignupMail>().WhenIdleAsync().Wait(TimeSpan.FromMinutes(1)) && Directory.Exists(Outbox)
            ? [.. Directory.GetFiles(Outbox, "*.eml").OrderBy(File.GetLastWriteTimeUtc).ThenBy(path => path, StringComparer.Ordinal).Select(path => MimeMessage.Load(path))]
            : [];

    /// <summary>The first link in the email's text part that starts with the path, made relative to this server.</summary>
    public static string LinkIn(MimeMessage message, string path)
    {
        var match = LinkPattern().Matches(message.TextBody ?? string.Empty).Select(m => new Uri(m.Value)).FirstOrDefault(u => u.AbsolutePath == path)
            ?? throw new InvalidOperationException($"no {path} link in: {message.TextBody}");
        return match.PathAndQuery;
    }

    public async Task<string> ConfirmedSubscriberAsync(string email, params (string Name, string Value)[] more)
    {
        using var response = await SubscribeAsync(email, more);
        response.EnsureSuccessStatusCode();
        var confirm = LinkIn(Emails()[^1], "/api/subscriptions/confirm");
        using var confirmed = await Http.PostAsync(confirm, null);
        confirmed.EnsureSuccessStatusCode();
        return (await Subscribers.FindByEmailAsync(email, default))!.Id;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        WebhookKey.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        data.Dispose();
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();
}
