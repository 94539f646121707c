using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NkWatch.Core;
using NkWatch.Core.Configuration;
using NkWatch.Core.Subscriptions;
using NkWatch.Email;
using NkWatch.Storage.Azure;
using NkWatch.Storage.Sqlite;

namespace NkWatch.Cli.Hosting;

/// <summary>What the user chose on the command line for a command that touches state.</summary>
internal sealed record LocalSettings(string DataDirectory, string FeedsPath, string RulesPath, string? Storage);

/// <summary>
/// The command line's service graph: the same core as the function app, over SQLite and the outbox
/// folder by default, or over Azure Storage with <c>--storage</c>. Settings come from the
/// environment with DESIGN's names (<c>SendGrid__ApiKey</c>, <c>App__PublicBaseUrl</c>...).
/// </summary>
internal static class LocalServices
{
    public const string DefaultPublicBaseUrl = "http://localhost:5080";

    /// <summary>Stateless tools (parse, feeds check): no storage is registered; <paramref name="options"/> come from the command line and win over the environment.</summary>
    public static ServiceProvider ForTools(Dictionary<string, string?>? options = null) => Build([], storage: null, overrides: options);

    public static ServiceProvider ForState(LocalSettings settings) =>
        Build(Defaults(settings), services => AddStorage(services, settings), Outbox(settings));

    /// <summary>Settings the command line supplies when the environment does not (the environment wins).</summary>
    internal static Dictionary<string, string?> Defaults(LocalSettings settings)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Feeds:Source"] = settings.FeedsPath,
            ["Rules:Source"] = settings.RulesPath,
            ["App:PublicBaseUrl"] = DefaultPublicBaseUrl,
            ["Digests:VisibilityMarginSeconds"] = "0",
        };
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

    internal static string Outbox(LocalSettings settings) => Path.Combine(settings.DataDirectory, "outbox");

    /// <summary>SQLite in the data folder, or Azure Storage with --storage.</summary>
    internal static void AddStorage(IServiceCollection services, LocalSettings settings)
    {
        if (settings.Storage is { Length: > 0 } connection)
        {
            services.AddNkWatchAzureStorage(AzureStorageAccount.FromConnectionString(connection));
        }
        else
        {
            services.AddNkWatchSqlite(Path.Combine(settings.DataDirectory, "nkwatch.db"));
        }
    }

    private static ServiceProvider Build(Dictionary<string, string?> defaults, Action<IServiceCollection>? storage, string? outbox = null, Dictionary<string, string?>? overrides = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(defaults)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? [])
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddSimpleConsole(options => options.SingleLine = true)
            .AddFilter("Microsoft.Extensions.Http", LogLevel.Warning)

            // The command prints a line per feed itself; the poller's warnings would say it twice.
            .AddFilter("NkWatch.Core.Pipeline.FeedPoller", LogLevel.Error)
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("System.Net.Http", LogLevel.Warning));
        services.AddNkWatchCore(configuration);
        services.AddNkWatchEmail(configuration, outbox ?? Path.Combine(Path.GetTempPath(), "nkwatch-outbox"));
        // Logs go to stderr: stdout carries the command's output (JSON lines, summaries).
        services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        storage?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = storage is not null, ValidateScopes = true });

        // A command over state checks every setting before it starts, not when a pass first needs it
        // (the stateless tools need no token key; what they read is checked when they read it).
        try
        {
            if (storage is not null)
            {
                provider.GetService<IStartupValidator>()?.Validate();
            }

            return provider;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }
}
