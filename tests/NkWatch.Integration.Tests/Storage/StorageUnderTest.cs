using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace NkWatch.Integration.Tests.Storage;

/// <summary>The storage adapter a contract test runs against (SQLite or Azurite), built on first use, on the test's clock.</summary>
public abstract class StorageUnderTest : IDisposable
{
    private ServiceProvider? services;

    /// <summary>The adapter's clock, a fixed day that moves only when a test advances it.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    protected abstract void AddStorage(IServiceCollection services);

    protected T Get<T>()
        where T : notnull
    {
        if (services is null)
        {
            var collection = new ServiceCollection();
            collection.AddSingleton<TimeProvider>(Clock);
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
