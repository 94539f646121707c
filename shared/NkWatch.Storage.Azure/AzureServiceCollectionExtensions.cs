using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NkWatch.Core.Configuration;
using NkWatch.Core.Messaging;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Azure;

public static class AzureServiceCollectionExtensions
{
    /// <summary>
    /// Azure SDK log categories (<c>Azure.Core</c>, <c>Azure.Identity</c>...). The SDK logs every
    /// request at Information and every 4xx answer at Warning, the 409s the stores expect when an
    /// item or receipt is recorded twice included; so only its errors are kept unless a
    /// <c>Logging:LogLevel:Azure...</c> setting asks for more. The app logs its own failures.
    /// </summary>
    public const string SdkLogCategory = "Azure";

    /// <summary>State in Azure Tables and work on Azure Storage queues: the function app, or the command line with --storage.</summary>
    public static IServiceCollection AddNkWatchAzureStorage(this IServiceCollection services, AzureStorageAccount account)
    {
        // Before AddAzureClients, which would otherwise register a NullLoggerFactory for the whole container.
        services.AddLogging();
        // First among the rules: of two rules for the same category the later wins, so a configured one does.
        services.Configure<LoggerFilterOptions>(filters => filters.Rules.Insert(0, new LoggerFilterRule(null, SdkLogCategory, LogLevel.Error, null)));
        services.AddAzureClients(account.AddClients);

        services.AddSingleton(account);
        services.AddSingleton<AzureTables>();
        services.AddSingleton<IFeedStateStore, TableFeedStateStore>();
        services.AddSingleton<IItemStore, TableItemStore>();
        services.AddSingleton<TableMatchSearch>();
        services.AddSingleton<IMatchStore, TableMatchStore>();
        services.AddSingleton<ISubscriberStore, TableSubscriberStore>();
        services.AddSingleton<IDigestLog, TableDigestLog>();
        services.AddSingleton<IStoryStore, TableStoryStore>();
        services.AddSingleton<IMessageQueues, AzureMessageQueues>();
        services.AddSingleton<IRateLimitStore, TableRateLimitStore>();
        services.AddSingleton<IWebhookEventLog, TableWebhookEventLog>();
        services.AddSingleton<IDigestHistory, TableDigestHistory>();
        services.AddSingleton<IStorageInitializer, AzureStorageInitializer>();
        if (account.HasBlobs)
        {
            // Without a blob endpoint no reader claims blob URLs, and a blob source is refused as
            // a location nothing can read.
            services.AddSingleton<IConfigDocumentReader, BlobConfigDocumentReader>();
        }

        return services;
    }
}
