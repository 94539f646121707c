using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NkWatch.Core;
using NkWatch.Core.Storage;
using NkWatch.Email;

namespace NkWatch.Hosting;

/// <summary>
/// The one place NkWatch is composed. Every host calls <see cref="AddNkWatch{TBuilder}"/> with its
/// storage (SQLite in a data folder, or Azure Storage) and then adds only what is its own: the
/// function app its triggers and telemetry, the web hosts the HTTP handlers (<c>AddNkWatchWeb</c>),
/// the command line its commands.
/// </summary>
public static class NkWatchRegistration
{
    /// <summary>
    /// Core (pipeline, digests, subscriptions), email (SendGrid or the outbox) and the storage
    /// <paramref name="storage"/> registers; every setting bound to a validated options class that
    /// is checked when the host starts. With no storage only the stateless tools are usable.
    /// </summary>
    public static TBuilder AddNkWatch<TBuilder>(this TBuilder builder, Action<IServiceCollection>? storage)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddNkWatch(builder.Configuration, storage);
        builder.ConfigureContainer(CheckedProvider(storage is not null));
        return builder;
    }

    /// <summary>
    /// The container every host uses: a missing registration is found when the host is built, not
    /// by the first request that needs it, and no scoped service is handed out from the root.
    /// </summary>
    public static DefaultServiceProviderFactory CheckedProvider(bool stateful) =>
        new(new ServiceProviderOptions { ValidateOnBuild = stateful, ValidateScopes = true });

    /// <summary>The same registrations on a bare service collection, for hosts that tests build by hand.</summary>
    public static IServiceCollection AddNkWatch(this IServiceCollection services, IConfiguration configuration, Action<IServiceCollection>? storage)
    {
        services.AddNkWatchCore(configuration).AddNkWatchEmail(configuration);
        if (storage is not null)
        {
            storage(services);
            services.AddNkWatchBackgroundWork();
            if (!services.Any(d => d.ServiceType == typeof(IItemStore)))
            {
                throw new InvalidOperationException("The storage registration added no stores: call AddNkWatchSqlite or AddNkWatchAzureStorage in it.");
            }
        }

        return services;
    }
}
