using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NkWatch.Core.Storage;
using NkWatch.Hosting;
using NkWatch.Web;
using NkWatch.Web.Endpoints;

namespace NkWatch.Cli.Hosting;

/// <summary>
/// <c>nkwatch serve</c>'s web host: Kestrel with the same handlers as the function app, over the
/// command line's state (SQLite and the outbox by default). The public base URL of the links in
/// emails follows the address served unless <c>App__PublicBaseUrl</c> says otherwise.
/// </summary>
internal static class LocalWebHost
{
    /// <summary>Room for the largest body a route accepts (the SendGrid event batch), refused by Kestrel beyond.</summary>
    private const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    /// <param name="overrides">Settings that win over the environment's (tests, embedding).</param>
    /// <param name="clock">The clock instead of the system's (tests).</param>
    public static WebApplication Build(LocalSettings settings, string urls, IReadOnlyDictionary<string, string?>? overrides = null, TimeProvider? clock = null)
    {
        OwnerOnly.Folder(settings.DataDirectory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        var defaults = LocalServices.Defaults(settings);
        var served = new ServedAddress(urls);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
        builder.Configuration.Sources.Insert(1, served);
        builder.Configuration.AddInMemoryCollection(LocalConfiguration.SourceOverrides(settings.Feeds, settings.Rules));
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });

        // Request logs would carry the tokens in query strings: keep the framework's logs to warnings.
        // A host that fails to start (a bad setting) is reported by the command as one line.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning).AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Services.AddSingleton<IHostLifetime, CommandLineLifetime>();
        builder.Services.LogToStandardError();
        builder.AddNkWatch(LocalServices.Storage(settings));
        builder.Services.AddNkWatchWeb(builder.Configuration);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        var app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(() => served.Listening(app.Urls));
        app.MapNkWatch();
        app.MapGet("/", () => Microsoft.AspNetCore.Http.Results.Redirect("/api/subscribe"));
        return app;
    }
}
