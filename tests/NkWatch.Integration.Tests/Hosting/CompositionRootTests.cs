using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NkWatch.Cli.Hosting;
using NkWatch.Core.Digests;
using NkWatch.Core.Email;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Subscriptions;
using NkWatch.Integration.Tests.Functions;
using NkWatch.Integration.Tests.Infrastructure;

namespace NkWatch.Integration.Tests.Hosting;

/// <summary>
/// Every host composes NkWatch through AddNkWatch: the command line, its web host and the function
/// app all resolve the same core, the subscription workflow included, and run the same start-up work.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CompositionRootTests(AzuriteFixture azurite) : IDisposable
{
    /// <summary>What every host needs from the one registration, whatever it adds of its own.</summary>
    private static readonly Type[] Shared =
    [
        typeof(FeedPoller), typeof(PollScheduler), typeof(MatchRecorder), typeof(QueueWorker),
        typeof(DigestScheduler), typeof(DigestSender), typeof(DigestPreviewer),
        typeof(SubscriberDirectory), typeof(SignupService), typeof(SignupMail), typeof(SubscriberLifecycle),
        typeof(DeliveryEventProcessor), typeof(PersonalData), typeof(ISubscriptionMailComposer), typeof(IEmailSender),
    ];

    private static readonly string[] StartupServices = ["StartupWork", "RulesWatch", "SignupMailDrain"];

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task TheCommandLineResolvesTheWholeCore()
    {
        using var host = await LocalServices.StartStateAsync(Settings(), default);

        AssertComposed(host.Services);
    }

    [Fact]
    public async Task TheCommandLinesWebHostResolvesTheWholeCore()
    {
        await using var app = LocalWebHost.Build(Settings(), "http://127.0.0.1:0");

        AssertComposed(app.Services);
    }

    [Fact]
    public async Task TheFunctionAppResolvesTheWholeCore()
    {
        await using var services = FunctionTestHost.Services(azurite.ConnectionString);

        AssertComposed(services);
    }

    private LocalSettings Settings() =>
        new(temp.Combine("data"), RepositoryRoot.Combine("config", "feeds.json"), RepositoryRoot.Combine("config", "rules.json"), Storage: null);

    private static void AssertComposed(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        Assert.All(Shared, type => Assert.NotNull(scope.ServiceProvider.GetService(type)));
        var hosted = services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();
        Assert.All(StartupServices, name => Assert.Contains(name, hosted));
    }
}
