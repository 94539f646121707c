using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;
using NkWatch.Core.Email;
using NkWatch.Core.Subscriptions;
using NkWatch.Email.Templates;

namespace NkWatch.Email;

/// <summary>The double opt-in's emails, both parts from the email renderer (the digests' frame); subject and delivery data here.</summary>
public sealed class SubscriptionMailComposer(EmailRenderer renderer, IClassifierProvider rules, IOptions<AppOptions> options) : ISubscriptionMailComposer
{
    private readonly string product = options.Value.ProductName;

    public async Task<EmailMessage> ConfirmationAsync(Subscriber subscriber, string confirmUrl, CancellationToken cancellationToken)
    {
        var names = await rules.GetRulesAsync(cancellationToken).ConfigureAwait(false);
        var topics = subscriber.Topics.Select(names.TopicName).ToList();
        var model = new ConfirmationEmailModel(confirmUrl, subscriber.Frequency.Name(), topics, (int)LinkBuilder.ConfirmLifetime.TotalDays);
        var parts = await renderer.RenderAsync<ConfirmationEmail, ConfirmationEmailModel>(model, cancellationToken).ConfigureAwait(false);
        return Message(subscriber, "Confirm your " + product + " alerts", parts, "confirmation");
    }

    public async Task<EmailMessage> AlreadySubscribedAsync(Subscriber subscriber, string preferencesUrl, string unsubscribeUrl, CancellationToken cancellationToken)
    {
        var parts = await renderer.RenderAsync<AlreadySubscribedEmail, AlreadySubscribedEmailModel>(new(preferencesUrl, unsubscribeUrl), cancellationToken).ConfigureAwait(false);
        return Message(subscriber, "You already get " + product + " alerts", parts, "already-subscribed");
    }

    private static EmailMessage Message(Subscriber subscriber, string subject, EmailParts parts, string category) => new()
    {
        To = subscriber.Email,
        Subject = subject,
        Html = parts.Html,
        Text = parts.Text,
        MessageId = category + "-" + Guid.NewGuid().ToString("N"),
        Categories = ["subscription", category],

        // Echoed back in SendGrid's events: a bounce of this email suppresses the right subscriber.
        CustomArgs = new Dictionary<string, string> { ["subscriber_id"] = subscriber.Id },
    };
}
