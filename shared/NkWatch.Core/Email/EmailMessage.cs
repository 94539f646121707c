namespace NkWatch.Core.Email;

/// <summary>One email to one recipient, with both parts and the headers delivery needs.</summary>
public sealed record EmailMessage
{
    private readonly string to = string.Empty;
    private readonly string subject = string.Empty;

    /// <summary>Without bidirectional controls, as <see cref="Subject"/>.</summary>
    public required string To { get => to; init => to = BidiControls.Remove(value); }

    /// <summary>Without bidirectional controls: they would make a subject read otherwise than it is.</summary>
    public required string Subject { get => subject; init => subject = BidiControls.Remove(value); }
    public required string Html { get; init; }
    public required string Text { get; init; }

    /// <summary>Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Values SendGrid echoes back in its events (digest id, subscriber id).</summary>
    public IReadOnlyDictionary<string, string> CustomArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Identifies this message for idempotent delivery and for the outbox file name.</summary>
    public required string MessageId { get; init; }

    /// <summary>The same email as a batch of one.</summary>
    public EmailBatch ToBatch() => new()
    {
        Subject = Subject,
        Html = Html,
        Text = Text,
        Categories = Categories,
        Recipients = [new EmailRecipient { To = To, MessageId = MessageId, Headers = Headers, CustomArgs = CustomArgs }],
    };
}

/// <summary>
/// One content for many recipients (SendGrid personalizations): subject and parts are shared,
/// and each recipient has their own headers, custom args and substitutions (tag → value, applied
/// to subject and both parts).
/// </summary>
public sealed record EmailBatch
{
    /// <summary>SendGrid takes at most this many personalizations in one request.</summary>
    public const int MaxRecipients = 1000;

    private readonly string subject = string.Empty;

    /// <summary>Without bidirectional controls, as <see cref="EmailMessage.Subject"/>.</summary>
    public required string Subject { get => subject; init => subject = BidiControls.Remove(value); }
    public required string Html { get; init; }
    public required string Text { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public required IReadOnlyList<EmailRecipient> Recipients { get; init; }

    /// <summary>The email exactly as this recipient receives it, substitutions applied.</summary>
    public EmailMessage For(EmailRecipient recipient) => new()
    {
        To = recipient.To,
        Subject = recipient.Substitute(Subject),
        Html = recipient.Substitute(Html),
        Text = recipient.Substitute(Text),
        Headers = recipient.Headers,
        Categories = Categories,
        CustomArgs = recipient.CustomArgs,
        MessageId = recipient.MessageId,
    };

    public EmailBatch With(IReadOnlyList<EmailRecipient> recipients) => this with { Recipients = recipients };
}

/// <summary>One recipient of a batch.</summary>
public sealed record EmailRecipient
{
    public required string To { get; init; }

    /// <summary>Identifies this recipient's message (the digest id) for logs, events and the outbox file name.</summary>
    public required string MessageId { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> CustomArgs { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Substitutions { get; init; } = new Dictionary<string, string>();

    /// <summary>The subscriber id for logs (never the address), when the sender knows it.</summary>
    public string LogId => CustomArgs.TryGetValue("subscriber_id", out var id) ? id : MessageId;

    public string Substitute(string content)
    {
        foreach (var (tag, value) in Substitutions)
        {
            content = content.Replace(tag, value, StringComparison.Ordinal);
        }

        return content;
    }
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

    /// <summary>
    /// Sends one content to many recipients; one result per recipient, in order. Tells each
    /// recipient's result (by index in the batch) as soon as it is known, before the next one is
    /// sent: a caller records what was accepted at once, so a crash later in the batch does not send it again.
    /// </summary>
    Task<IReadOnlyList<SendResult>> SendBatchAsync(EmailBatch batch, Func<int, SendResult, Task> onResult, CancellationToken cancellationToken);
}
