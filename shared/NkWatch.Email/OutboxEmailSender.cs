using Microsoft.Extensions.Options;
using NkWatch.Core.Email;

namespace NkWatch.Email;

/// <summary>
/// The embedded default's "delivery": each email is written to the outbox folder as an .eml file
/// (MIME, text and HTML parts) plus an .html preview. The file name is the message id, so a retry
/// overwrites rather than duplicates.
/// </summary>
public sealed class OutboxEmailSender(OutboxOptions outbox, IOptions<SendGridOptions> sender, TimeProvider clock) : IEmailSender
{
    public async Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outbox.Directory);
        var now = clock.GetUtcNow();
        var baseName = Path.Combine(outbox.Directory, $"{now:yyyyMMdd-HHmmss}-{message.MessageId}");
        var mime = MimeMessageBuilder.Build(message, sender.Value.From, sender.Value.FromName, now);
        var temporary = baseName + ".eml.tmp";
        await mime.WriteToAsync(temporary, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(baseName + ".html", message.Html, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, baseName + ".eml", overwrite: true);
        return SendResult.Ok(baseName + ".eml");
    }
}

/// <summary>Where the outbox is.</summary>
public sealed record OutboxOptions(string Directory);
