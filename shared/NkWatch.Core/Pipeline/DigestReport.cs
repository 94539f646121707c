using System.Text.Json.Serialization;

namespace NkWatch.Core.Pipeline;

/// <summary>What handling one digest message did.</summary>
public sealed record DigestReport(string SubscriberId, string Period, DigestOutcome Outcome, int Stories, string? Detail = null);

/// <summary>
/// The outcomes a digest report names, stored and shown by their names ("sent", "already-sent").
/// A period's record holds one of the first three; the "already" ones answer a message for a
/// period finished before (a redelivery), with how it ended then.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<DigestOutcome>))]
public enum DigestOutcome
{
    /// <summary>Accepted by SendGrid (or written to the outbox).</summary>
    [JsonStringEnumMemberName("sent")]
    Sent,

    /// <summary>Nothing the subscriber wants in the window: no email.</summary>
    [JsonStringEnumMemberName("empty")]
    Empty,

    /// <summary>Refused for good (a 4xx other than 429): logged with the subscriber id; the content waits for the next period.</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,

    /// <summary>SendGrid asked to try later (429, 5xx, timeouts, after the sender's own retries): the message is retried.</summary>
    [JsonStringEnumMemberName("deferred")]
    Deferred,

    /// <summary>Another worker holds this subscriber's digest right now.</summary>
    [JsonStringEnumMemberName("busy")]
    Busy,

    /// <summary>No confirmed subscriber with this id.</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,

    [JsonStringEnumMemberName("already-sent")]
    AlreadySent,

    [JsonStringEnumMemberName("already-empty")]
    AlreadyEmpty,

    [JsonStringEnumMemberName("already-rejected")]
    AlreadyRejected,
}

public static class DigestOutcomes
{
    /// <summary>The answer to a message for a period that already ended with <paramref name="outcome"/>.</summary>
    public static DigestOutcome Already(DigestOutcome outcome) => outcome switch
    {
        DigestOutcome.Sent or DigestOutcome.AlreadySent => DigestOutcome.AlreadySent,
        DigestOutcome.Empty or DigestOutcome.AlreadyEmpty => DigestOutcome.AlreadyEmpty,
        DigestOutcome.Rejected or DigestOutcome.AlreadyRejected => DigestOutcome.AlreadyRejected,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "a period's record holds sent, empty or rejected"),
    };

    /// <summary>The outcome's stored and shown name: "sent", "already-sent", ...</summary>
    public static string Name(this DigestOutcome outcome) => EnumNames.Of(outcome);
}
