using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;
using NkWatch.Core.Digests;
using NkWatch.Core.Email;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>SendGrid when <c>SendGrid__ApiKey</c> is set, otherwise the outbox folder; the email renderer and the subscription emails either way.</summary>
    public static IServiceCollection AddNkWatchEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SendGridOptions>().Bind(configuration.GetSection(SendGridOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISettingCheck, SendingSettings>());
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section)).Validate(o => o.Directory.IndexOfAny(Path.GetInvalidPathChars()) < 0, "Outbox__Directory holds characters no folder path can have.").ValidateOnStart();
        services.AddLogging();
        services.AddSingleton<EmailRenderer>();
        services.AddSingleton<IDigestEmailRenderer>(sp => sp.GetRequiredService<EmailRenderer>());
        services.AddSingleton<ISubscriptionMailComposer, SubscriptionMailComposer>();

        // Timeouts, per attempt and for all attempts together, are in the resilience handler, which also owns the retries.
        services.AddHttpClient<SendGridEmailSender>()
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("sendgrid", SendGridResilience.Configure);
        services.AddSingleton<OutboxEmailSender>();
        services.AddTransient<IEmailSender>(sp => sp.GetRequiredService<IOptions<SendGridOptions>>().Value.Enabled
            ? sp.GetRequiredService<SendGridEmailSender>()
            : sp.GetRequiredService<OutboxEmailSender>());
        return services;
    }
}
