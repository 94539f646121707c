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
/// happened here, so nobody learns from the answer whether an address is subscribed: every request
/// does the same look-up and counts against both limits, whatever the address's state, and the
/// email is composed and sent after the answer (<see cref="SignupMail"/>), so neither the time
/// taken nor a failing mail service tells one state from another. Confirmation emails are limited
/// per address and per client per day, and never go to a suppressed address.
/// </summary>
public sealed partial class SignupService(
    ISubscriberStore store,
    IRateLimitStore limits,
    RateLimitKeys keys,
    IEmailSender email,
    ISubscriptionMailComposer mail,
    SignupMail outbox,
    LinkBuilder links,
    RequiredSettings required,
    IOptions<SignupOptions> options,
    TimeProvider clock,
    ILogger<SignupService> logger)
{
    /// <param name="normalizedEmail">An address that passed <see cref="EmailAddress.TryNormalize"/>.</param>
    /// <param name="browser">The id in the subscribe form's signed cookie, when the request carries one.</param>
    /// <exception cref="MissingSettingException">The token key or the sender is missing; nothing was stored or counted.</exception>
    public async Task<SignupOutcome> RequestAsync(string normalizedEmail, SubscriberPreferences preferences, IPAddress? client, string? browser, CancellationToken cancellationToken)
    {
        required.Require(SecretWork.Links | SecretWork.Sending);
        var now = clock.GetUtcNow();
        var existing = await store.FindByEmailAsync(normalizedEmail, cancellationToken).ConfigureAwait(false);

        // Both counters move for every request, a suppressed address's too: the same work on every path.
        // Client first: one client trying many addresses must not use up those addresses' allowance.
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var clientCount = await limits.IncrementAsync(keys.ForClient(client, browser), today, cancellationToken).ConfigureAwait(false);
        var addressCount = clientCount > options.Value.ConfirmationsPerClientPerDay
            ? 0
            : await limits.IncrementAsync(keys.ForAddress(normalizedEmail), today, cancellationToken).ConfigureAwait(false);
        if (existing?.Status == SubscriberStatus.Suppressed)
        {
            LogSkipped(existing.Id, "the address is suppressed");
            return SignupOutcome.Suppressed;
        }

        if (clientCount > options.Value.ConfirmationsPerClientPerDay)
        {
            LogSkipped(existing?.Id ?? "new", "the client's daily limit is reached");
            return SignupOutcome.ClientLimited;
        }

        if (addressCount > options.Value.ConfirmationsPerAddressPerDay)
        {
            LogSkipped(existing?.Id ?? "new", "the address's daily limit is reached");
            return SignupOutcome.AddressLimited;
        }

        var subscriber = existing is null
            ? await AddPendingAsync(normalizedEmail, preferences, now, cancellationToken).ConfigureAwait(false)
            : existing;
        if (subscriber.Status == SubscriberStatus.Confirmed)
        {
            // A stranger may type a subscriber's address: nothing changes, the owner is told how to manage it.
            var confirmed = subscriber;
            outbox.Start(confirmed.Id, SignupOutcome.AlreadySubscribedNoticeSent, token => mail.AlreadySubscribedAsync(confirmed, links.Preferences(confirmed.Id), links.Unsubscribe(confirmed.Id), token), email);
            return SignupOutcome.AlreadySubscribedNoticeSent;
        }

        if (existing is not null)
        {
            // Pending or unsubscribed: the latest request's choices count once it is confirmed. A
            // subscriber who had left starts a new signup (a new stamp); one still pending stays in theirs.
            subscriber = subscriber.Status == SubscriberStatus.Pending
                ? preferences.ApplyTo(subscriber)
                : preferences.ApplyTo(subscriber) with { Status = SubscriberStatus.Pending, StatusChangedAt = now, StatusReason = "signup" };
            await store.UpdateAsync(subscriber, cancellationToken).ConfigureAwait(false);
        }

        var pending = subscriber;
        outbox.Start(pending.Id, SignupOutcome.ConfirmationSent, token => mail.ConfirmationAsync(pending, links.Confirm(pending), token), email);
        return SignupOutcome.ConfirmationSent;
    }

    /// <param name="signupStamp">The <see cref="Subscriber.SignupStamp"/> the link was made for.</param>
    public async Task<ConfirmOutcome> ConfirmAsync(string subscriberId, long signupStamp, CancellationToken cancellationToken)
    {
        var subscriber = await store.GetAsync(subscriberId, cancellationToken).ConfigureAwait(false);
        switch (subscriber?.Status)
        {
            case SubscriberStatus.Confirmed:
                return ConfirmOutcome.AlreadyConfirmed;
            case SubscriberStatus.Pending when subscriber.SignupStamp() == signupStamp:
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Signup for subscriber {SubscriberId} sent no email: {Reason}")]
    private partial void LogSkipped(string subscriberId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscriber {SubscriberId} confirmed")]
    private partial void LogConfirmed(string subscriberId);
}
