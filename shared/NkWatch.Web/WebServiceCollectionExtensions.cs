using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NkWatch.Core.Subscriptions;
using NkWatch.Web.Archive;
using NkWatch.Web.Emails;
using NkWatch.Web.Forms;
using NkWatch.Web.Handlers;
using NkWatch.Web.Http;
using NkWatch.Web.Rendering;
using NkWatch.Web.Webhooks;

namespace NkWatch.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// The HTTP side of NkWatch for either host: handlers, pages, the subscription workflow and the
    /// webhook check. Needs the core, a storage adapter and an email sender registered too.
    /// </summary>
    public static IServiceCollection AddNkWatchWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebOptions>().Bind(configuration.GetSection(WebOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SendGridWebhookOptions>().Bind(configuration.GetSection(SendGridWebhookOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<SubscriptionChoices>();
        services.AddSingleton<PreferencesReader>();
        services.AddSingleton<ArchiveBuilder>();
        services.AddSingleton<ComponentRenderer>();
        services.AddSingleton<PageResults>();
        services.AddSingleton<TokenLinks>();
        services.AddSingleton<BrowserCookie>();
        services.AddSingleton<SendGridSignature>();
        services.AddSingleton<ISubscriptionMailComposer, SubscriptionMailComposer>();
        services.AddTransient<SignupService>();
        services.AddSingleton<SignupMail>();
        services.AddHostedService<SignupMailDrain>();

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
