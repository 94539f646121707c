using Microsoft.Extensions.DependencyInjection;

namespace NkWatch.Integration.Tests.Storage;

/// <summary>The storage adapter a contract test runs against (SQLite or Azurite), built on first use.</summary>
public abstract class StorageUnderTest : IDisposable
{
    private ServiceProvider? services;

    protected abstract void AddStorage(IServiceCollection services);

    /// <summary>The clock the adapter reads; a test that needs a fixed time sets it before its first <see cref="Get{T}"/>.</summary>
    protected TimeProvider Clock
    {
        get;
        set => field = services is null ? value : throw new InvalidOperationException("the clock is fixed once the adapter is built");
    } = TimeProvider.System;

    protected T Get<T>()
        where T : notnull
    {
        if (services is null)
        {
            var collection = new ServiceCollection();
            collection.AddSingleton(Clock);
            AddStorage(collection);
            services = collection.BuildServiceProvider();
        }

        return services.GetRequiredService<T>();
    }

    public void Dispose()
    {
        services?.Dispose();
        GC.SuppressFinalize(this);
    }
}
