namespace NkWatch.Core.Subscriptions;

/// <summary>
/// One event from the mail provider about a message we sent, reduced to what decides whether the
/// address may still be mailed. <see cref="SubscriberId"/> is the custom argument the senders set.
/// </summary>
public sealed record DeliveryEvent(string EventId, string Kind, string? Email, string? SubscriberId, string? BounceType = null)
{
    /// <summary>
    /// Bounces, drops, spam reports and unsubscribes stop all mail to the address. A "blocked"
    /// bounce is the receiving server refusing for now (SendGrid retries it), not a dead address.
    /// </summary>
    public bool Suppresses => Kind switch
    {
        "bounce" => !string.Equals(BounceType, "blocked", StringComparison.OrdinalIgnoreCase),
        "dropped" or "spamreport" or "unsubscribe" or "group_unsubscribe" => true,
        _ => false,
    };
}

/// <summary>What a batch of events did.</summary>
public sealed record DeliveryEventReport(int Received, int Suppressed, int Replayed, int Unmatched);
