using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NkWatch.Web.Archive;
using NkWatch.Web.Forms;
using NkWatch.Web.Handlers;
using NkWatch.Web.Http;
using NkWatch.Web.Rendering;
using NkWatch.Web.Webhooks;

namespace NkWatch.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// The HTTP side of NkWatch for the web hosts (the function app, <c>nkwatch serve</c>): handlers,
    /// pages and the webhook check, over the subscription workflow <c>AddNkWatch</c> registers.
    /// </summary>
    public static IServiceCollection AddNkWatchWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebOptions>().Bind(configuration.GetSection(WebOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SendGridWebhookOptions>().Bind(configuration.GetSection(SendGridWebhookOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<SubscriptionChoicesProvider>();
        services.AddSingleton<ComponentRenderer>();
        services.AddSingleton<PageResults>();
        services.AddSingleton<TokenLinks>();
        services.AddSingleton<BrowserCookie>();
        services.AddSingleton<SendGridSignature>();

        services.AddTransient<SubscribeHandler>();
        services.AddTransient<ConfirmHandler>();
        services.AddTransient<PreferencesHandler>();
        services.AddTransient<UnsubscribeHandler>();
        services.AddTransient<SendGridEventsHandler>();
        services.AddTransient<ArchiveHandler>();
        services.AddTransient<HealthHandler>();
        return services;
    }
}
