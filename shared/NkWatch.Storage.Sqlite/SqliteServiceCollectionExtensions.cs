using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core.Messaging;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Sqlite;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>State and queues in one SQLite file: the embedded default of the command line.</summary>
    public static IServiceCollection AddNkWatchSqlite(this IServiceCollection services, string databasePath)
    {
        services.AddSingleton(_ => new SqliteDatabase(databasePath));
        services.AddSingleton<IFeedStateStore, SqliteFeedStateStore>();
        services.AddSingleton<IItemStore, SqliteItemStore>();
        services.AddSingleton<IMatchStore, SqliteMatchStore>();
        services.AddSingleton<ISubscriberStore, SqliteSubscriberStore>();
        services.AddSingleton<IDigestLog, SqliteDigestLog>();
        services.AddSingleton<IStoryStore, SqliteStoryStore>();
        services.AddSingleton<IMessageQueues, SqliteMessageQueues>();
        services.AddSingleton<IRateLimitStore, SqliteRateLimitStore>();
        services.AddSingleton<IWebhookEventLog, SqliteWebhookEventLog>();
        services.AddSingleton<IDigestHistory, SqliteDigestHistory>();
        services.AddSingleton<IStorageInitializer>(sp => new SqliteStorageInitializer(sp.GetRequiredService<SqliteDatabase>));
        return services;
    }
}
