using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Cli.Hosting;
using NkWatch.Core.Storage;

namespace NkWatch.Browser.Tests;

/// <summary>`nkwatch serve` in this process on the loopback port Kestrel picks (port 0), over a fresh data folder.</summary>
public sealed class ServedApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private ServedApp(WebApplication app, string baseUrl, string data)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Data = data;
    }

    public string BaseUrl { get; }

    public string Data { get; }

    public string Outbox => Path.Combine(Data, "outbox");

    public IServiceProvider Services => app.Services;

    public ISubscriberStore Subscribers => app.Services.GetRequiredService<ISubscriberStore>();

    public static async Task<ServedApp> StartAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "nkwatch-browser-tests", Guid.NewGuid().ToString("N"));
        var settings = new LocalSettings(data, Repository.Combine("config", "feeds.json"), Repository.Combine("config", "rules.json"), Storage: null);
        var app = LocalWebHost.Build(settings, "http://127.0.0.1:0");
        await app.StartAsync();
        return new ServedApp(app, app.Urls.Single(), data);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (Directory.Exists(Data))
        {
            Directory.Delete(Data, recursive: true);
        }
    }
}

/// <summary>The checkout the tests run in (where NkWatch.sln is), for config files and the artifacts folder.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NkWatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("NkWatch.sln not found above " + AppContext.BaseDirectory);
    }
}
