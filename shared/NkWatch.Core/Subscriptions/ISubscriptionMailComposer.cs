using NkWatch.Core.Email;

namespace NkWatch.Core.Subscriptions;

/// <summary>
/// The emails of the double opt-in, rendered by the email renderer in the frame the digests use.
/// Links arrive ready-made; the composer only lays them out.
/// </summary>
public interface ISubscriptionMailComposer
{
    /// <summary>"Confirm your subscription": sent to a new, pending or returning address.</summary>
    Task<EmailMessage> ConfirmationAsync(Subscriber subscriber, string confirmUrl, CancellationToken cancellationToken);

    /// <summary>Sent instead when the address is already confirmed: its preferences and unsubscribe links, nothing changed.</summary>
    Task<EmailMessage> AlreadySubscribedAsync(Subscriber subscriber, string preferencesUrl, string unsubscribeUrl, CancellationToken cancellationToken);
}
