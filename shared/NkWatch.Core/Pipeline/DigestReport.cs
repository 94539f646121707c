namespace NkWatch.Core.Pipeline;

/// <summary>What handling one digest message did.</summary>
public sealed record DigestReport(string SubscriberId, string Period, string Outcome, int Stories, string? Detail = null);

/// <summary>The outcomes a digest report names.</summary>
public static class DigestOutcome
{
    /// <summary>Accepted by SendGrid (or written to the outbox).</summary>
    public const string Sent = "sent";

    /// <summary>Nothing the subscriber wants in the window: no email.</summary>
    public const string Empty = "empty";

    /// <summary>Refused for good (a 4xx other than 429): logged with the subscriber id; the content waits for the next period.</summary>
    public const string Rejected = "rejected";

    /// <summary>SendGrid asked to try later (429, 5xx, timeouts, after the sender's own retries): the message is retried.</summary>
    public const string Deferred = "deferred";

    /// <summary>Another worker holds this subscriber's digest right now.</summary>
    public const string Busy = "busy";

    /// <summary>No confirmed subscriber with this id.</summary>
    public const string Skipped = "skipped";

    public static string Already(string outcome) => "already-" + outcome;
}
