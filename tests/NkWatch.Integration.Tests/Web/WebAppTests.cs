namespace NkWatch.Integration.Tests.Web;

/// <summary>A test class whose every test gets its own served app (Kestrel over a fresh SQLite folder).</summary>
public abstract class WebAppTests : IAsyncLifetime
{
    protected WebApp Web { get; private set; } = null!;

    /// <summary>Settings for this class's app, over the defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync() => Web = await WebApp.StartAsync(Settings);

    public async Task DisposeAsync() => await Web.DisposeAsync();
}
