using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;
using NkWatch.Core.Email;
using NkWatch.Core.Storage;

namespace NkWatch.Core.Subscriptions;

/// <summary>What happened to a signup request. The person asking sees the same answer for every outcome.</summary>
public enum SignupOutcome
{
    ConfirmationSent,
    AlreadySubscribedNoticeSent,
    Suppressed,
    AddressLimited,
    ClientLimited,
    DeliveryFailed,
}

/// <summary>What a confirmation link did.</summary>
public enum ConfirmOutcome
{
    Confirmed,
    AlreadyConfirmed,

    /// <summary>The subscriber unsubscribed, was suppressed or was erased since the link was sent.</summary>
    NoLongerValid,
}

/// <summary>
/// Double opt-in. A request stores the address as pending (or leaves a confirmed one untouched)
/// and mails a confirmation link; only that link confirms. The caller answers the same whatever
/// happened here, so nobody learns from the answer whether an address is subscribed. Confirmation
/// emails are limited per address and per client per day, and never go to a suppressed address.
/// </summary>
public sealed partial class SignupService(
    ISubscriberStore store,
    IRateLimitStore limits,
    RateLimitKeys keys,
    IEmailSender email,
    ISubscriptionMailComposer mail,
    LinkBuilder links,
    RequiredSettings required,
    IOptions<SignupOptions> options,
    TimeProvider clock,
    ILogger<SignupService> logger)
{
    /// <param name="normalizedEmail">An address that passed <see cref="EmailAddress.TryNormalize"/>.</param>
    /// <exception cref="MissingSettingException">The token key or the sender is missing; nothing was stored or counted.</exception>
    public async Task<SignupOutcome> RequestAsync(string normalizedEmail, SubscriberPreferences preferences, IPAddress? client, CancellationToken cancellationToken)
    {
        required.Require(SecretWork.Links | SecretWork.Sending);
        var now = clock.GetUtcNow();
        var existing = await store.FindByEmailAsync(normalizedEmail, cancellationToken).ConfigureAwait(false);
        if (existing?.Status == SubscriberStatus.Suppressed)
        {
            LogSkipped(existing.Id, "the address is suppressed");
            return SignupOutcome.Suppressed;
        }

        // Client first: one client trying many addresses must not use up those addresses' allowance.
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (await limits.IncrementAsync(keys.ForClient(client), today, cancellationToken).ConfigureAwait(false) > options.Value.ConfirmationsPerClientPerDay)
        {
            LogSkipped(existing?.Id ?? "new", "the client's daily limit is reached");
            return SignupOutcome.ClientLimited;
        }

        if (await limits.IncrementAsync(keys.ForAddress(normalizedEmail), today, cancellationToken).ConfigureAwait(false) > options.Value.ConfirmationsPerAddressPerDay)
        {
            LogSkipped(existing?.Id ?? "new", "the address's daily limit is reached");
            return SignupOutcome.AddressLimited;
        }

        var subscriber = existing is null
            ? await AddPendingAsync(normalizedEmail, preferences, now, cancellationToken).ConfigureAwait(false)
            : existing;
        EmailMessage message;
        SignupOutcome outcome;
        if (subscriber.Status == SubscriberStatus.Confirmed)
        {
            // A stranger may type a subscriber's address: nothing changes, the owner is told how to manage it.
            message = await mail.AlreadySubscribedAsync(subscriber, links.Preferences(subscriber.Id), links.Unsubscribe(subscriber.Id), cancellationToken).ConfigureAwait(false);
            outcome = SignupOutcome.AlreadySubscribedNoticeSent;
        }
        else
        {
            if (existing is not null)
            {
                // Pending or unsubscribed: the latest request's choices count once it is confirmed.
                subscriber = preferences.ApplyTo(subscriber) with { Status = SubscriberStatus.Pending, StatusChangedAt = now, StatusReason = "signup" };
                await store.UpdateAsync(subscriber, cancellationToken).ConfigureAwait(false);
            }

            message = await mail.ConfirmationAsync(subscriber, links.Confirm(subscriber.Id), cancellationToken).ConfigureAwait(false);
            outcome = SignupOutcome.ConfirmationSent;
        }

        var result = await email.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (result.Status != SendStatus.Sent)
        {
            LogDeliveryFailed(subscriber.Id, result.Status, result.Detail ?? string.Empty);
            return SignupOutcome.DeliveryFailed;
        }

        LogSent(subscriber.Id, outcome);
        return outcome;
    }

    public async Task<ConfirmOutcome> ConfirmAsync(string subscriberId, CancellationToken cancellationToken)
    {
        var subscriber = await store.GetAsync(subscriberId, cancellationToken).ConfigureAwait(false);
        switch (subscriber?.Status)
        {
            case SubscriberStatus.Confirmed:
                return ConfirmOutcome.AlreadyConfirmed;
            case SubscriberStatus.Pending:
                var now = clock.GetUtcNow();
                await store.UpdateAsync(subscriber.ConfirmedNow(now, "confirmed"), cancellationToken).ConfigureAwait(false);
                LogConfirmed(subscriber.Id);
                return ConfirmOutcome.Confirmed;
            default:
                // An old link must not undo an unsubscribe or a suppression: a new signup sends a new link.
                return ConfirmOutcome.NoLongerValid;
        }
    }

    private async Task<Subscriber> AddPendingAsync(string normalizedEmail, SubscriberPreferences preferences, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var subscriber = preferences.ApplyTo(new Subscriber
        {
            Id = Subscriber.NewId(),
            Email = normalizedEmail,
            Status = SubscriberStatus.Pending,
            CreatedAt = now,
            Watermark = now,
        });
        if (await store.AddAsync(subscriber, cancellationToken).ConfigureAwait(false))
        {
            return subscriber;
        }

        // Another request for the same address won the race: continue with what it stored.
        return await store.FindByEmailAsync(normalizedEmail, cancellationToken).ConfigureAwait(false) ?? subscriber;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signup for subscriber {SubscriberId}: {Outcome}")]
    private partial void LogSent(string subscriberId, SignupOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signup for subscriber {SubscriberId} sent no email: {Reason}")]
    private partial void LogSkipped(string subscriberId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signup email for subscriber {SubscriberId} not delivered ({Status}): {Detail}")]
    private partial void LogDeliveryFailed(string subscriberId, SendStatus status, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscriber {SubscriberId} confirmed")]
    private partial void LogConfirmed(string subscriberId);
}
