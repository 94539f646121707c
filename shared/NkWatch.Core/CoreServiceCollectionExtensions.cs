using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;
using NkWatch.Core.Digests;
using NkWatch.Core.Feeds;
using NkWatch.Core.Hosting;
using NkWatch.Core.Matches;
using NkWatch.Core.Messaging;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the domain services every host shares, the subscription workflow's included.
    /// Storage and email are added beside it by <c>AddNkWatch</c> (NkWatch.Hosting).
    /// </summary>
    public static IServiceCollection AddNkWatchCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AppOptions>().Bind(configuration.GetSection(AppOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DigestOptions>().Bind(configuration.GetSection(DigestOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection(FetchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReliefWebOptions>().Bind(configuration.GetSection(ReliefWebOptions.Section));
        services.AddOptions<FeedsOptions>().Bind(configuration.GetSection(FeedsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RulesOptions>().Bind(configuration.GetSection(RulesOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SignupOptions>().Bind(configuration.GetSection(SignupOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigDocumentReader, FileConfigDocumentReader>());
        services.TryAddSingleton<ConfigDocuments>();
        services.AddSingleton<IFeedCatalogProvider>(sp => new DocumentFeedCatalogProvider(
            sp.GetRequiredService<IOptions<FeedsOptions>>().Value.Location(),
            sp.GetRequiredService<ConfigDocuments>()));
        services.AddSingleton<IClassifierProvider>(sp => new ReloadingRulesProvider(
            sp.GetRequiredService<IOptions<RulesOptions>>().Value.Location(),
            sp.GetRequiredService<ConfigDocuments>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ReloadingRulesProvider>>(),
            sp.GetRequiredService<IOptions<RulesOptions>>().Value.CheckInterval));

        // Redirects and decompression are FeedFetcher's own, to count the one and cap the other;
        // its total timeout replaces HttpClient's.
        services.AddHttpClient<FeedFetcher>(FeedFetcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => FeedFetcher.CreateHandler(sp.GetRequiredService<IOptions<FetchOptions>>().Value))
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);

        services.AddSingleton<FeedParser>();
        services.AddSingleton<FeedEndpoints>();
        services.AddSingleton(_ => new PollPolicy(Random.Shared));
        services.AddTransient<FeedHealthReader>();
        services.AddSingleton<MessagePublisher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISettingCheck, TokenKey>());
        services.AddSingleton<RequiredSettings>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<LinkBuilder>();
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<DigestRenderer>();
        services.AddTransient<DigestPreviewer>();
        services.AddSingleton<SubscriberDirectory>();
        services.AddSingleton<RateLimitKeys>();
        services.AddTransient<SubscriberLifecycle>();
        services.AddTransient<DeliveryEventProcessor>();
        services.AddTransient<PersonalData>();
        services.AddTransient<SignupService>();
        services.AddSingleton<SignupMail>();
        services.AddHostedService<SignupMailDrain>();
        services.AddTransient<PollScheduler>();
        services.AddTransient<FeedPoller>();
        services.AddSingleton<StoryCandidates>();
        services.AddTransient<MatchRecorder>();
        services.AddTransient<DigestScheduler>();
        services.AddTransient<DigestSender>();
        services.AddTransient<QueueWorker>();
        return services;
    }

    /// <summary>
    /// The background work of a host that keeps state: loading the catalogue and rules and preparing
    /// storage at start, and the rules watch. Stateless tools go without.
    /// </summary>
    public static IServiceCollection AddNkWatchBackgroundWork(this IServiceCollection services)
    {
        services.AddHostedService<StartupWork>();
        services.AddHostedService<RulesWatch>();
        return services;
    }
}
