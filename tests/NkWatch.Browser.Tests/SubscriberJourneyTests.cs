using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using NkWatch.Core.Matches;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Browser.Tests;

/// <summary>
/// A person in a real browser against `nkwatch serve`: subscribes through the page, confirms from
/// the email in the outbox, changes preferences, unsubscribes. Every page is photographed.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed partial class SubscriberJourneyTests(DebianChromium chromium) : IAsyncLifetime
{
    private ServedApp app = null!;
    private IBrowserContext context = null!;
    private IPage page = null!;
    private readonly List<string> problems = [];

    public async Task InitializeAsync()
    {
        app = await ServedApp.StartAsync();
        context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            TimezoneId = "Asia/Seoul",
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 1024, Height = 800 },
        });
        page = await context.NewPageAsync();
        // A page's own 4xx is intended (a refused form); a failing stylesheet, script or icon, a
        // script error or a Content-Security-Policy violation is a problem.
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                problems.Add("console: " + message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                problems.Add($"{response.Status} for {response.Url}");
            }
        };
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(app.BaseUrl, StringComparison.Ordinal))
            {
                problems.Add("request to another host: " + request.Url);
            }
        };
    }

    public async Task DisposeAsync()
    {
        await context.CloseAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task APersonSubscribesConfirmsChangesPreferencesAndUnsubscribes()
    {
        await page.GotoAsync(app.BaseUrl + "/api/subscribe");
        Assert.Equal("Subscribe to alerts · NkWatch", await page.TitleAsync());
        Assert.Equal("Asia/Seoul", await page.GetByLabel("Time zone").InputValueAsync());
        await Screenshots.TakeAsync(page, "01-subscribe");

        await page.GetByLabel("Email address").FillAsync("reader@example.org");
        await page.GetByLabel("Defectors and forced repatriation").CheckAsync();
        await page.GetByLabel("Detention and prison camps").CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Weekly", Exact = true }).CheckAsync();
        await page.GetByLabel("Delivery time").SelectOptionAsync("8");
        await page.GetByLabel("Weekly digest day").SelectOptionAsync("friday");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" }));
        await Screenshots.TakeAsync(page, "02-check-your-inbox");
        var pending = (await app.Subscribers.FindByEmailAsync("reader@example.org", default))!;
        Assert.Equal(SubscriberStatus.Pending, pending.Status);
        Assert.Equal("Asia/Seoul", pending.TimeZone);
        Assert.Equal(Frequency.Weekly, pending.Frequency);
        Assert.Equal((8, DayOfWeek.Friday), (pending.DeliveryHour, pending.WeeklyDay));
        Assert.Equal(["detention", "refugees"], pending.Topics);

        await app.Services.GetRequiredService<SignupMail>().WhenIdleAsync();
        var email = await MimeMessage.LoadAsync(Directory.GetFiles(app.Outbox, "*.eml").Single());
        var mailView = await context.NewPageAsync();
        await mailView.SetContentAsync(email.HtmlBody ?? string.Empty);
        await Screenshots.TakeAsync(mailView, "03-confirmation-email");
        await mailView.CloseAsync();
        await page.GotoAsync(ConfirmLink().Match(email.TextBody ?? string.Empty).Value);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm your subscription" }));
        Assert.Equal(SubscriberStatus.Pending, (await app.Subscribers.GetAsync(pending.Id, default))!.Status);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm subscription" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are subscribed" }));
        await Screenshots.TakeAsync(page, "04-confirmed");
        Assert.Equal(SubscriberStatus.Confirmed, (await app.Subscribers.GetAsync(pending.Id, default))!.Status);

        await page.GetByRole(AriaRole.Link, new() { Name = "Change your preferences" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your alert preferences" }));
        Assert.True(await page.GetByLabel("Defectors and forced repatriation").IsCheckedAsync());
        await Screenshots.TakeAsync(page, "05-preferences");
        await page.GetByLabel("Detention and prison camps").UncheckAsync();
        await page.GetByLabel("Accountability").CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Daily", Exact = true }).CheckAsync();
        await page.GetByLabel("Time zone").SelectOptionAsync("Europe/London");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status));
        await Screenshots.TakeAsync(page, "06-preferences-saved");
        var changed = (await app.Subscribers.GetAsync(pending.Id, default))!;
        Assert.Equal(["accountability", "refugees"], changed.Topics);
        Assert.Equal(Frequency.Daily, changed.Frequency);
        Assert.Equal("Europe/London", changed.TimeZone);

        await page.GetByRole(AriaRole.Link, new() { Name = "Unsubscribe from all alerts" }).ClickAsync();
        Assert.Equal(1, await page.GetByRole(AriaRole.Button).CountAsync());
        await Screenshots.TakeAsync(page, "07-unsubscribe");
        Assert.Equal(SubscriberStatus.Confirmed, (await app.Subscribers.GetAsync(pending.Id, default))!.Status);
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are unsubscribed" }));
        await Screenshots.TakeAsync(page, "08-unsubscribed");
        Assert.Equal(SubscriberStatus.Unsubscribed, (await app.Subscribers.GetAsync(pending.Id, default))!.Status);

        Assert.Empty(problems);
    }

    [Fact]
    public async Task MistakesAreListedAtTheTopLinkedToTheirFieldsAndTheFormWorksByKeyboard()
    {
        await page.GotoAsync(app.BaseUrl + "/api/subscribe");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent"));

        await page.GetByLabel("Email address").FillAsync("not an address <script>");
        await page.GetByLabel("Email address").PressAsync("Enter");

        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary);
        Assert.Contains("valid email address", await summary.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("not an address <script>", await page.GetByLabel("Email address").InputValueAsync());
        Assert.Equal("true", await page.GetByLabel("Email address").GetAttributeAsync("aria-invalid"));
        await Screenshots.TakeAsync(page, "09-subscribe-error");
        await summary.GetByRole(AriaRole.Link).First.ClickAsync();
        Assert.Equal("email", await page.EvaluateAsync<string>("document.activeElement.id"));
        Assert.Empty(await app.Subscribers.ListAsync(default));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task OnAPhoneTheFormFitsTheScreenWidth()
    {
        await page.SetViewportSizeAsync(375, 740);
        await page.GotoAsync(app.BaseUrl + "/api/subscribe");

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        await Screenshots.TakeAsync(page, "10-subscribe-phone");

        Assert.False(overflow);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task TheArchiveShowsStoriesByDayAndTopicWithHostileTextInert()
    {
        var store = app.Services.GetRequiredService<IMatchStore>();
        var now = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        await store.AddAsync(Story("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", "UN rights experts urge ICC referral of North Korea", ["accountability"], now.AddHours(-1)), default);
        await store.AddAsync(Story("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2", "<img src=x onerror=\"document.title='pwned'\">Defectors describe forced repatriation", ["refugees"], now.AddDays(-1)), default);

        await page.GotoAsync(app.BaseUrl + "/api/matches");
        await Screenshots.TakeAsync(page, "11-archive");

        Assert.Equal("Latest matches · NkWatch", await page.TitleAsync());
        Assert.Equal(2, await page.Locator(".story").CountAsync());
        Assert.Contains("<img src=x", await page.Locator(".story").Nth(1).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(problems);
    }

    private static StoredMatch Story(string id, string title, string[] topics, DateTimeOffset at) => new()
    {
        ItemId = id,
        FeedId = "un-news-human-rights",
        Title = title,
        Link = "https://news.un.org/en/story/" + id,
        Published = at,
        Summary = "The Special Rapporteur said the findings warranted action by the Security Council.",
        Score = 4,
        Topics = topics,
        StoredAt = at,
        StoryId = id,
    };

    private static Task Expect(ILocator locator) => locator.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/api/subscriptions/confirm\?token=\S+")]
    private static partial Regex ConfirmLink();
}
