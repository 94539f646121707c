using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core;
using NkWatch.Core.Classification;
using NkWatch.Core.Messaging;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Subscriptions;
using NkWatch.Email;
using NkWatch.Storage.Sqlite;
using NkWatch.Hosting;

namespace NkWatch.Integration.Tests.Digests;

/// <summary>
/// The digest stage's real services over SQLite (or another store), the shipped rules, a small feed
/// catalogue (a UN feed, a wire, a Korean outlet), the test's clock, and either the loopback
/// SendGrid or the outbox folder.
/// </summary>
internal sealed class DigestTestHost : IDisposable
{
    public const string UnFeed = "un-news";
    public const string WireFeed = "wire";
    public const string KoreanFeed = "yonhap-ko";
    public const string JapaneseFeed = "nhk-ja";

    /// <summary>How far <see cref="DriveAsync"/> moves the clock at a time: well under a request's own timeout.</summary>
    private static readonly TimeSpan DriveStep = TimeSpan.FromMilliseconds(100);

    /// <summary>An upper bound on the test's time a driven send may take (backoffs, Retry-After waits).</summary>
    private static readonly TimeSpan DriveBound = TimeSpan.FromHours(1);

    private readonly TempDirectory temp = new();
    private readonly SendGridServer? sendGrid;
    private int onTheWire;

    public DigestTestHost(TimeProvider clock, SendGridServer? sendGrid = null, Action<IServiceCollection>? storage = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? replace = null)
    {
        var catalog = temp.Combine("feeds.json");
        File.WriteAllText(catalog, JsonSerializer.Serialize(new
        {
            feeds = new object[]
            {
                new { id = UnFeed, name = "UN News", url = "https://un.example.org/feed", language = "en", organisation = "un", weight = 1.5 },
                new { id = WireFeed, name = "Example Wire", url = "https://wire.example.org/feed", language = "en", organisation = "news" },
                new { id = KoreanFeed, name = "연합뉴스", url = "https://yna.example.org/feed", language = "ko", organisation = "news" },
                new { id = JapaneseFeed, name = "NHK", url = "https://nhk.example.jp/feed", language = "ja", organisation = "news" },
            },
        }));
        var values = new Dictionary<string, string?>
        {
            ["App:TokenKey"] = "digest-test-token-key-0123456789abcdef",
            ["App:PublicBaseUrl"] = "https://nkwatch.example.org",
            ["App:OperatorAddress"] = "NkWatch, 1 Rue de Genève, 1201 Geneva, Switzerland",
            ["Feeds:Source"] = catalog,
            ["Rules:Source"] = RepositoryRoot.Combine("config", "rules.json"),
            ["Digests:VisibilityMarginSeconds"] = "0",
            ["Outbox:Directory"] = temp.Combine("outbox"),
        };
        if (sendGrid is not null)
        {
            values["SendGrid:ApiKey"] = SendGridServer.ApiKey;
            values["SendGrid:BaseUrl"] = sendGrid.BaseUrl;
            values["SendGrid:RetryBaseDelayMilliseconds"] = "5";
            values["SendGrid:MaxRetryDelaySeconds"] = "1";
            values["SendGrid:TimeoutSeconds"] = "1";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddNkWatch(configuration, storage ?? (s => s.AddNkWatchSqlite(temp.Combine("state.db"))));
        if (sendGrid is not null)
        {
            // Inside the resilience handler: counts each attempt while it waits for its answer.
            this.sendGrid = sendGrid;
            services.AddHttpClient<SendGridEmailSender>().AddHttpMessageHandler(() => new OnTheWire(this));
        }

        services.AddSingleton(clock);
        replace?.Invoke(services);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public ServiceProvider Services { get; }

    public string Outbox => temp.Combine("outbox");

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task<Subscriber> SubscribeAsync(string email, Frequency frequency, IReadOnlyList<string>? topics = null, Func<Subscriber, Subscriber>? change = null)
    {
        var subscriber = await Get<SubscriberDirectory>().AddConfirmedAsync(email, frequency, topics ?? [], default);
        if (change is not null)
        {
            subscriber = change(subscriber);
            await Get<NkWatch.Core.Storage.ISubscriberStore>().UpdateAsync(subscriber, default);
        }

        return subscriber;
    }

    /// <summary>Classifies the item with the shipped rules and stores it as StoreMatch would.</summary>
    public async Task<MatchMessage> StoreAsync(string itemId, string feedId, string title, string summary, string? link = null, DateTimeOffset? published = null)
    {
        var classifier = await Get<NkWatch.Core.Configuration.IClassifierProvider>().GetClassifierAsync(CancellationToken.None);
        var result = classifier.Classify(new ClassifierInput(itemId, title, summary));
        Assert.True(result.Relevant, $"fixture item {itemId} should be relevant");
        var match = new MatchMessage
        {
            ItemId = itemId,
            FeedId = feedId,
            Title = title,
            Summary = summary,
            Link = link ?? $"https://{feedId}.example.org/{itemId}",
            Published = published ?? Get<TimeProvider>().GetUtcNow(),
            Score = result.Score,
            Topics = result.Topics,
            Hits = result.Hits,
        };
        await Get<MatchRecorder>().StoreAsync(match, default);
        return match;
    }

    /// <summary>Runs the scheduler and hands every queued digest message to the sender, as the queue trigger would.</summary>
    public async Task<List<DigestReport>> RunDigestsAsync()
    {
        await Get<DigestScheduler>().ScheduleAsync(default);
        var queue = Get<IMessageQueues>().Get(QueueNames.Digests);
        var reports = new List<DigestReport>();
        while (await queue.ReceiveAsync(32, TimeSpan.FromMinutes(1), default) is { Count: > 0 } batch)
        {
            foreach (var message in batch)
            {
                try
                {
                    reports.Add(await Get<DigestSender>().SendAsync(MessageCodec.Decode<DigestMessage>(message.Body), default));
                }
                catch (DeliveryDeferredException)
                {
                    // The queue would deliver it again later; the test decides when.
                }

                await queue.CompleteAsync(message, default);
            }
        }

        return reports;
    }

    /// <summary>
    /// Moves the test's fake clock on until the send ends, but only while none of its SendGrid
    /// requests is waiting for an answer the server will give: backoffs and Retry-After waits pass,
    /// and a request's own timeout fires only on one the server holds unanswered, however slow the machine.
    /// How far it moves the clock is not fixed (it steps while the send is idle): assert order and
    /// lower bounds on it, never an exact time.
    /// </summary>
    public async Task<T> DriveAsync<T>(Task<T> send)
    {
        var clock = (Microsoft.Extensions.Time.Testing.FakeTimeProvider)Get<TimeProvider>();
        var until = clock.GetUtcNow() + DriveBound;
        while (!send.IsCompleted)
        {
            if (Volatile.Read(ref onTheWire) <= sendGrid!.Held)
            {
                clock.Advance(DriveStep);
            }

            if (clock.GetUtcNow() > until)
            {
                throw new TimeoutException($"the send did not end within {DriveBound} on the test's clock");
            }

            // Real time for the send to get on (its answers come from a real server); what it does does not depend on how much.
            await Task.WhenAny(send, Task.Delay(1));
        }

        return await send;
    }

    public void Dispose()
    {
        Services.Dispose();
        temp.Dispose();
    }

    private sealed class OnTheWire(DigestTestHost host) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref host.onTheWire);
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref host.onTheWire);
            }
        }
    }
}
