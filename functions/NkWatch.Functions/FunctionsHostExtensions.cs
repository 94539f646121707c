using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Hosting;
using NkWatch.Storage.Azure;
using NkWatch.Web;

namespace NkWatch.Functions;

public static class FunctionsHostExtensions
{
    /// <summary>The function app's services: the one composition root over Azure Storage, with SendGrid (or an outbox for local runs), plus telemetry and HTTP.</summary>
    public static FunctionsApplicationBuilder AddNkWatchFunctions(this FunctionsApplicationBuilder builder)
    {
        builder.Services.AddNkWatchTelemetry();
        builder.AddNkWatch(AzureStorage(builder.Configuration));
        builder.Services.AddNkWatchFunctionHttp(builder.Configuration);
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

    /// <summary>The function app's storage: the account <c>AzureWebJobsStorage</c> names, as the Functions host reads it.</summary>
    public static Action<IServiceCollection> AzureStorage(IConfiguration configuration) =>
        services => services.AddNkWatchAzureStorage(AzureStorageAccount.FromConfiguration(configuration));

    /// <summary>The HTTP side as the function app serves it, behind the Functions host.</summary>
    public static IServiceCollection AddNkWatchFunctionHttp(this IServiceCollection services, IConfiguration configuration)
    {
        // Requests reach the worker through the Functions host: the client is in X-Forwarded-For.
        // Configured before the binding, so a Web__TrustForwardedFor setting still wins.
        services.Configure<WebOptions>(web => web.TrustForwardedFor = true);
        return services.AddNkWatchWeb(configuration);
    }
}
