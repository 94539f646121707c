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
        var credential = TelemetryCredential.From(builder.Configuration[TelemetryCredential.SettingName]);
        builder.Services
            .AddApplicationInsightsTelemetryWorkerService(options => options.Credential = credential)
            .ConfigureFunctionsApplicationInsights();
        builder.Services.AddNkWatchServices(builder.Configuration);
        return builder;
    }

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
