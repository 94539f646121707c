using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;
using NkWatch.Core.Email;
using NkWatch.Core.Subscriptions;
using NkWatch.Web.Forms;
using NkWatch.Web.Rendering;

namespace NkWatch.Web.Emails;

/// <summary>The double opt-in's emails: HTML from Razor components (encoded), and a plain-text twin.</summary>
public sealed class SubscriptionMailComposer(ComponentRenderer renderer, SubscriptionChoices choices, IOptions<AppOptions> options) : ISubscriptionMailComposer
{
    private readonly string product = options.Value.ProductName;

    public async Task<EmailMessage> ConfirmationAsync(Subscriber subscriber, string confirmUrl, CancellationToken cancellationToken)
    {
        var topics = subscriber.Topics.Select(choices.TopicName).ToList();
        var model = new ConfirmationEmailModel(confirmUrl, FrequencyText(subscriber.Frequency), topics, (int)LinkBuilder.ConfirmLifetime.TotalDays);
        var html = await renderer.RenderAsync<ConfirmationEmail, ConfirmationEmailModel>(model).ConfigureAwait(false);
        var text = $"""
            Please confirm that you want {model.FrequencyText} alerts about human rights in North Korea{(topics.Count == 0 ? " on every topic." : ": " + string.Join(", ", topics) + ".")}

            Confirm: {confirmUrl}

            The link works for {model.ValidDays} days. If you did not ask for this, ignore this email: nothing more will be sent.
            {Footer()}
            """;
        return Message(subscriber, "Confirm your " + product + " alerts", html, text, "confirmation");
    }

    public async Task<EmailMessage> AlreadySubscribedAsync(Subscriber subscriber, string preferencesUrl, string unsubscribeUrl, CancellationToken cancellationToken)
    {
        var html = await renderer.RenderAsync<AlreadySubscribedEmail, AlreadySubscribedEmailModel>(new(preferencesUrl, unsubscribeUrl)).ConfigureAwait(false);
        var text = $"""
            Someone, probably you, asked to subscribe this address, which already gets {product} alerts. Nothing has changed.

            Change your preferences: {preferencesUrl}
            Unsubscribe: {unsubscribeUrl}
            {Footer()}
            """;
        return Message(subscriber, "You already get " + product + " alerts", html, text, "already-subscribed");
    }

    private static string FrequencyText(Frequency frequency) => frequency switch
    {
        Frequency.Instant => "instant",
        Frequency.Weekly => "weekly",
        _ => "daily",
    };

    private string Footer() => options.Value.OperatorAddress.Length > 0 ? "\n" + options.Value.OperatorAddress : string.Empty;

    private static EmailMessage Message(Subscriber subscriber, string subject, string html, string text, string category) => new()
    {
        To = subscriber.Email,
        Subject = subject,
        Html = html,
        Text = text,
        MessageId = category + "-" + Guid.NewGuid().ToString("N"),
        Categories = ["subscription", category],

        // Echoed back in SendGrid's events: a bounce of this email suppresses the right subscriber.
        CustomArgs = new Dictionary<string, string> { ["subscriber_id"] = subscriber.Id },
    };
}
