using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core.Configuration;
using NkWatch.Core.Messaging;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Azure;

public static class AzureServiceCollectionExtensions
{
    /// <summary>State in Azure Tables and work on Azure Storage queues: the function app, or the command line with --storage.</summary>
    public static IServiceCollection AddNkWatchAzureStorage(this IServiceCollection services, AzureStorageAccount account)
    {
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
        services.AddSingleton<IConfigDocumentReader, BlobConfigDocumentReader>();
        services.AddSingleton<IStorageInitializer, AzureStorageInitializer>();
        return services;
    }
}
