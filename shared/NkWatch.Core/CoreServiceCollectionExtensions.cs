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
    /// Registers the domain services both hosts share. Storage, queues and email are the hosts'
    /// choice (SQLite and the outbox, or Azure Storage and SendGrid).
    /// </summary>
    public static IServiceCollection AddNkWatchCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AppOptions>().Bind(configuration.GetSection(AppOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DigestOptions>().Bind(configuration.GetSection(DigestOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection(FetchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReliefWebOptions>().Bind(configuration.GetSection(ReliefWebOptions.Section));

        services.AddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigDocumentReader, FileConfigDocumentReader>());
        services.TryAddSingleton<ConfigDocuments>();
        services.AddSingleton<IFeedCatalogProvider>(sp => new DocumentFeedCatalogProvider(
            ConfigSource(configuration, SourceOptions.FeedsSection, "feeds.json"),
            sp.GetRequiredService<ConfigDocuments>()));
        services.AddSingleton<IClassifierProvider>(sp => new ReloadingRulesProvider(
            ConfigSource(configuration, SourceOptions.RulesSection, "rules.json"),
            sp.GetRequiredService<ConfigDocuments>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ReloadingRulesProvider>>(),
            configuration.GetValue<double?>($"{SourceOptions.RulesSection}:CheckSeconds") is { } seconds && seconds > 0 ? TimeSpan.FromSeconds(seconds) : null));

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
        services.AddTransient<PollScheduler>();
        services.AddTransient<FeedPoller>();
        services.AddSingleton<StoryCandidates>();
        services.AddTransient<MatchRecorder>();
        services.AddTransient<DigestScheduler>();
        services.AddTransient<DigestSender>();
        services.AddTransient<QueueWorker>();
        services.AddHostedService<StartupWork>();
        services.AddHostedService<RulesWatch>();
        return services;
    }

    /// <summary>The configured file, else the copy shipped in the app's <c>config/</c> folder.</summary>
    private static string ConfigPath(IConfiguration configuration, string section, string fileName)
    {
        var configured = configuration[$"{section}:Source"];
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, "config", fileName)
            : Path.GetFullPath(configured);
    }

    /// <summary>Like <see cref="ConfigPath"/>, but a blob URL is left as it is for <see cref="ConfigDocuments"/>.</summary>
    private static string ConfigSource(IConfiguration configuration, string section, string fileName)
    {
        var configured = configuration[$"{section}:Source"];
        return Uri.TryCreate(configured, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? configured
            : ConfigPath(configuration, section, fileName);
    }
}
