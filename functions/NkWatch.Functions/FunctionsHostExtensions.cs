using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.ApplicationInsights;
using NkWatch.Hosting;
using NkWatch.Storage.Azure;
using NkWatch.Web;

namespace NkWatch.Functions;

public static class FunctionsHostExtensions
{
    /// <summary>The function app's services: the one composition root over Azure Storage, with SendGrid (or an outbox for local runs), plus telemetry and HTTP.</summary>
    public static FunctionsApplicationBuilder AddNkWatchFunctions(this FunctionsApplicationBuilder builder)
    {
        builder.Services.AddNkWatchFunctionServices(builder.Configuration);
        builder.ConfigureContainer(NkWatchRegistration.CheckedProvider(stateful: true));
        return builder;
    }

    /// <summary>Everything the triggers need: telemetry, the one composition root over the app's storage account, and HTTP; tests build the same graph with it.</summary>
    public static IServiceCollection AddNkWatchFunctionServices(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddNkWatchTelemetry()
            .AddNkWatch(configuration, AzureStorage(configuration))
            .AddNkWatchFunctionHttp(configuration);

    /// <summary>
    /// The worker's own Application Insights telemetry. WorkerService stays on 2.x: 3.x removed
    /// ITelemetryInitializer, which the Functions package needs, and the worker would not start.
    /// No key: the Functions package reads <see cref="AuthenticationSetting"/>
    /// (<c>ClientId=...;Authorization=AAD</c>) and signs telemetry with that managed identity.
    /// </summary>
    public static IServiceCollection AddNkWatchTelemetry(this IServiceCollection services) =>
        services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights()

            // Application Insights' own rule (Warning, every category) names its provider and so
            // would win over the storage adapter's Error rule for the Azure SDK: say it again here.
            .AddLogging(logging => logging.AddFilter<ApplicationInsightsLoggerProvider>(AzureServiceCollectionExtensions.SdkLogCategory, LogLevel.Error));

    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The function app's storage: the account <c>AzureWebJobsStorage</c> names, as the Functions host reads it.</summary>
    private static Action<IServiceCollection> AzureStorage(IConfiguration configuration) =>
        services => services.AddNkWatchAzureStorage(AzureStorageAccount.FromConfiguration(configuration));

    /// <summary>The HTTP side as the function app serves it, behind the Functions host.</summary>
    private static IServiceCollection AddNkWatchFunctionHttp(this IServiceCollection services, IConfiguration configuration)
    {
        // Requests reach the worker through the Functions host: the client is in X-Forwarded-For.
        // Configured before the binding, so a Web__TrustForwardedFor setting still wins.
        services.Configure<WebOptions>(web => web.TrustForwardedFor = true);
        return services.AddNkWatchWeb(configuration);
    }
}
