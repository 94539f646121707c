using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core;
using NkWatch.Email;
using NkWatch.Storage.Azure;
using NkWatch.Web;

namespace NkWatch.Functions;

public static class FunctionsHostExtensions
{
    /// <summary>The function app's services: the shared core over Azure Storage, with SendGrid (or an outbox for local runs).</summary>
    public static FunctionsApplicationBuilder AddNkWatchFunctions(this FunctionsApplicationBuilder builder)
    {
        builder.Services.AddNkWatchTelemetry();
        builder.Services.AddNkWatchServices(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The worker's own Application Insights telemetry. WorkerService stays on 2.x: 3.x removed
    /// ITelemetryInitializer, which the Functions package needs, and the worker would not start.
    /// No key: the Functions package reads <see cref="AuthenticationSetting"/>
    /// (<c>ClientId=...;Authorization=AAD</c>) and signs telemetry with that managed identity.
    /// </summary>
    public static IServiceCollection AddNkWatchTelemetry(this IServiceCollection services) =>
        services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();

    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Everything the triggers need; kept apart from the host so tests can build the same graph.</summary>
    public static IServiceCollection AddNkWatchServices(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var outbox = configuration["Outbox:Directory"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "nkwatch-outbox");
        services
            .AddNkWatchCore(configuration)
            .AddNkWatchAzureStorage(AzureStorageAccount.FromConfiguration(configuration))
            .AddNkWatchEmail(configuration, outbox)
            .AddNkWatchWeb(configuration);

        // Requests reach the worker through the Functions host: the client is in X-Forwarded-For.
        services.PostConfigure<WebOptions>(web => web.TrustForwardedFor = configuration.GetValue($"{WebOptions.Section}:{nameof(WebOptions.TrustForwardedFor)}", true));
        return services;
    }
}
