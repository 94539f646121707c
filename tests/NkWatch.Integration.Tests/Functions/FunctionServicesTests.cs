using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;
using NkWatch.Functions;
using NkWatch.Integration.Tests.Infrastructure;

namespace NkWatch.Integration.Tests.Functions;

/// <summary>The worker's service graph is complete: every function class resolves.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FunctionServicesTests(AzuriteFixture azurite)
{
    public static TheoryData<Type> FunctionTypes() =>
        [.. typeof(FunctionsHostExtensions).Assembly.GetTypes()
            .Where(t => t.Namespace == "NkWatch.Functions.Triggers" && t.IsPublic && !t.IsAbstract)];

    [Theory]
    [MemberData(nameof(FunctionTypes))]
    public async Task EveryFunctionClassResolves(Type function)
    {
        await using var services = FunctionTestHost.Services(azurite.ConnectionString);

        var instance = ActivatorUtilities.CreateInstance(services, function);

        Assert.IsType(function, instance);
    }

    /// <summary>The options checks the host runs at start (ValidateOnStart) pass with valid settings...</summary>
    [Fact]
    public async Task StartupValidationPassesWithValidSettings()
    {
        await using var services = FunctionTestHost.Services(azurite.ConnectionString);

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    /// <summary>...and let the app start before the operator has put the secrets into Key Vault (BeforeSecretsTests has the rest).</summary>
    [Fact]
    public async Task StartupValidationPassesBeforeTheSecretsExist()
    {
        await using var services = FunctionTestHost.Services(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["App:TokenKey"] = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/app-token-key/)",
            ["SendGrid:ApiKey"] = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/sendgrid-api-key/)",
            ["SendGrid:From"] = string.Empty,
        });

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("false", false)]
    public async Task TheFunctionAppTrustsForwardedForUnlessTold(string? setting, bool expected)
    {
        var settings = setting is null ? [] : new Dictionary<string, string?> { ["Web:TrustForwardedFor"] = setting };
        await using var services = FunctionTestHost.Services(azurite.ConnectionString, settings);

        Assert.Equal(expected, services.GetRequiredService<IOptions<NkWatch.Web.WebOptions>>().Value.TrustForwardedFor);
    }

    /// <summary>The Azure SDK logs every 409 the stores expect at Warning: Application Insights gets only its errors, and the app's own warnings.</summary>
    [Fact]
    public async Task ApplicationInsightsGetsTheSdksErrorsOnly()
    {
        await using var services = FunctionTestHost.Services(azurite.ConnectionString);
        var loggers = services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("Azure.Core").IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger("Azure.Core").IsEnabled(LogLevel.Error));
        Assert.True(loggers.CreateLogger("NkWatch.Core.Pipeline.FeedPoller").IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public async Task RulesCheckSecondsSetsHowOftenTheRulesAreLookedAt()
    {
        await using var services = FunctionTestHost.Services(azurite.ConnectionString, new Dictionary<string, string?> { ["Rules:CheckSeconds"] = "5" });

        var provider = Assert.IsType<ReloadingRulesProvider>(services.GetRequiredService<IClassifierProvider>());

        Assert.Equal(TimeSpan.FromSeconds(5), provider.CheckInterval);
    }
}

/// <summary>The function app's own registrations (AddNkWatchFunctionServices, which Program.cs's AddNkWatchFunctions calls), with test settings.</summary>
internal static class FunctionTestHost
{
    public static ServiceProvider Services(string storageConnection, IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? replace = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storageConnection,
            ["App:TokenKey"] = "integration-test-token-key-0123456789abcdef",
            ["App:PublicBaseUrl"] = "https://nkwatch.example.org",
            ["Feeds:Source"] = RepositoryRoot.Combine("config", "feeds.json"),
            ["Rules:Source"] = RepositoryRoot.Combine("config", "rules.json"),
            ["Fetch:AllowPrivateAddresses"] = "true",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddNkWatchFunctionServices(configuration);
        replace?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
