using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using NkWatch.Core.Configuration;
using NkWatch.Core.Hosting;
using NkWatch.Core.Subscriptions;
using NkWatch.Hosting;
using NkWatch.Storage.Azure;
using NkWatch.Storage.Sqlite;

namespace NkWatch.Cli.Hosting;

/// <summary>What the user chose on the command line for a command that touches state.</summary>
/// <param name="Feeds">--feeds, if given: wins over <c>Feeds__Source</c>.</param>
/// <param name="Rules">--rules, if given: wins over <c>Rules__Source</c>.</param>
internal sealed record LocalSettings(string DataDirectory, string? Feeds, string? Rules, string? Storage);

/// <summary>
/// The command line's services on the Generic Host: the same core as the function app, over SQLite
/// and the outbox folder by default, or over Azure Storage with <c>--storage</c>. Settings come
/// from the environment with DESIGN's names (<c>SendGrid__ApiKey</c>, <c>App__PublicBaseUrl</c>...)
/// and are validated when the host starts, before the command does anything.
/// </summary>
internal static class LocalServices
{
    /// <summary>Stateless tools (parse, feeds check): no storage is registered; <paramref name="options"/> come from the command line and win over the environment.</summary>
    public static Task<IHost> StartToolsAsync(Dictionary<string, string?> options, CancellationToken cancellationToken) =>
        StartAsync([], storage: null, options, cancellationToken);

    public static Task<IHost> StartStateAsync(LocalSettings settings, CancellationToken cancellationToken) =>
        StartAsync(Defaults(settings), Storage(settings), LocalConfiguration.SourceOverrides(settings.Feeds, settings.Rules), cancellationToken);

    /// <summary>Settings the command line supplies when the environment does not (the environment wins).</summary>
    internal static Dictionary<string, string?> Defaults(LocalSettings settings)
    {
        var defaults = LocalConfiguration.SourceDefaults();
        defaults["Outbox:Directory"] = Path.Combine(settings.DataDirectory, "outbox");
        defaults["Digests:VisibilityMarginSeconds"] = "0";
        var given = Environment.GetEnvironmentVariable("App__TokenKey");
        if (string.IsNullOrEmpty(given))
        {
            defaults["App:TokenKey"] = TokenKeyFile.LoadOrCreate(settings.DataDirectory);
        }
        else if (TokenKey.Check(given) is { } unusable)
        {
            // On a laptop a key given by hand that cannot sign is a mistake to stop at, not work to defer.
            throw new MissingSettingException(unusable);
        }

        return defaults;
    }

    /// <summary>SQLite in the data folder, or Azure Storage with --storage.</summary>
    internal static Action<IServiceCollection> Storage(LocalSettings settings) =>
        settings.Storage is { Length: > 0 } connection
            ? services => services.AddNkWatchAzureStorage(AzureStorageAccount.FromConnectionString(connection))
            : services => services.AddNkWatchSqlite(Path.Combine(settings.DataDirectory, "nkwatch.db"));

    private static async Task<IHost> StartAsync(
        Dictionary<string, string?> defaults, Action<IServiceCollection>? storage, Dictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        // No defaults: the host's own sources (appsettings.json, every command-line argument) and
        // its console logger on stdout are not the command line's.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddLocalLayers(defaults, overrides);
        builder.Logging
            .AddConfiguration(builder.Configuration.GetSection("Logging"))
            .AddSimpleConsole(options => options.SingleLine = true)
            .AddFilter("Microsoft.Extensions.Http", LogLevel.Warning)

            // The command prints a line per feed itself; the poller's warnings would say it twice.
            .AddFilter("NkWatch.Core.Pipeline.FeedPoller", LogLevel.Error)
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("System.Net.Http", LogLevel.Warning)

            // A host that fails to start (a bad setting) is reported by the command as one line.
            .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)

            // So is a catalogue, rules file or state file that start-up could not prepare, by the
            // command that needs it; one that does not need it has nothing to say about it.
            .AddFilter(typeof(StartupWork).FullName, LogLevel.None);

        builder.Services.LogToStandardError();
        builder.AddNkWatch(storage);

        var host = builder.Build();
        try
        {
            // Starting runs the options' validation (ValidateOnStart): a bad setting ends here.
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Logs go to stderr: stdout carries the command's output (JSON lines, summaries, the address served).</summary>
    internal static IServiceCollection LogToStandardError(this IServiceCollection services) =>
        services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
}
