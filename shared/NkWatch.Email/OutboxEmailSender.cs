using Microsoft.Extensions.Options;
using NkWatch.Core.Email;

namespace NkWatch.Email;

/// <summary>
/// The embedded default's "delivery": each recipient's email, exactly as SendGrid would deliver it
/// (the same headers, both parts, substitutions applied), is written to the outbox folder as an
/// .eml file (MIME) plus an .html preview. The file name is the message id (the digest id), so a
/// retry overwrites rather than duplicates; the .eml appears last and whole (written aside, then moved).
/// </summary>
public sealed class OutboxEmailSender(OutboxOptions outbox, IOptions<SendGridOptions> sender, TimeProvider clock) : IEmailSender
{
    public async Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        SendingSettings.Require(sender.Value);
        Directory.CreateDirectory(outbox.Directory);
        var baseName = Path.Combine(outbox.Directory, SafeFileName(message.MessageId));
        var mime = MimeMessageBuilder.Build(message, sender.Value.From, sender.Value.FromName, clock.GetUtcNow());
        var temporary = baseName + ".eml.tmp";
        await mime.WriteToAsync(temporary, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(baseName + ".html", message.Html, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, baseName + ".eml", overwrite: true);
        return SendResult.Ok(baseName + ".eml");
    }

    private static string SafeFileName(string id) =>
        new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);

    public async Task<IReadOnlyList<SendResult>> SendBatchAsync(EmailBatch batch, CancellationToken cancellationToken)
    {
        var results = new List<SendResult>(batch.Recipients.Count);
        foreach (var recipient in batch.Recipients)
        {
            results.Add(await SendAsync(batch.For(recipient), cancellationToken).ConfigureAwait(false));
        }

        return results;
    }
}

/// <summary>Where the outbox is.</summary>
public sealed record OutboxOptions(string Directory);
