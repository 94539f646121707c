namespace NkWatch.Core.Email;

/// <summary>One email to one recipient, with both parts and the headers delivery needs.</summary>
public sealed record EmailMessage
{
    public required string To { get; init; }
    public required string Subject { get; init; }
    public required string Html { get; init; }
    public required string Text { get; init; }

    /// <summary>Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Values SendGrid echoes back in its events (digest id, subscriber id).</summary>
    public IReadOnlyDictionary<string, string> CustomArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Identifies this message for idempotent delivery and for the outbox file name.</summary>
    public required string MessageId { get; init; }
}

public enum SendStatus
{
    Sent,
    RetryLater,
    Rejected,
}

public sealed record SendResult(SendStatus Status, string? Detail = null)
{
    public static SendResult Ok(string? detail = null) => new(SendStatus.Sent, detail);
}

public interface IEmailSender
{
    Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
