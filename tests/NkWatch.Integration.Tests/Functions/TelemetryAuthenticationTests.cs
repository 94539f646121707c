using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Functions;

namespace NkWatch.Integration.Tests.Functions;

/// <summary>
/// The worker's telemetry registration reads the managed identity from the same setting as the
/// host: the Functions package parses it when the telemetry configuration is built at start.
/// </summary>
public sealed class TelemetryAuthenticationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("Authorization=AAD")]
    [InlineData("ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD")]
    public async Task TheTelemetryConfigurationBuildsWithOrWithoutAnIdentity(string? setting)
    {
        await using var services = Build(setting);

        Assert.NotNull(services.GetRequiredService<TelemetryConfiguration>());
    }

    /// <summary>A malformed setting is refused at start rather than silently sending unauthenticated telemetry.</summary>
    [Theory]
    [InlineData("ClientId=not-a-guid;Authorization=AAD", "not a valid GUID")]
    [InlineData("ClientId=00000000-0000-0000-0000-000000000001", "Authorization key is missing")]
    public async Task AMalformedAuthenticationStringStopsTheStart(string setting, string reason)
    {
        await using var services = Build(setting);

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<TelemetryConfiguration>());

        Assert.Contains(reason, error.ToString(), StringComparison.Ordinal);
    }

    private static ServiceProvider Build(string? authentication)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [FunctionsHostExtensions.AuthenticationSetting] = authentication })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddNkWatchTelemetry();
        return services.BuildServiceProvider();
    }
}
