using Microsoft.Extensions.Options;
using NkWatch.Core.Email;
using NkWatch.Core.Storage;

namespace NkWatch.Email;

/// <summary>
/// The embedded default's "delivery": each recipient's email, exactly as SendGrid would deliver it
/// (the same headers, both parts, substitutions applied), is written to the outbox folder as an
/// .eml file (MIME) plus an .html preview. The file name is the message id (the digest id), so a
/// retry overwrites rather than duplicates; the .eml appears last and whole (written aside, then moved).
/// </summary>
public sealed class OutboxEmailSender(IOptions<OutboxOptions> options, IOptions<SendGridOptions> sender, TimeProvider clock) : IEmailSender
{
    private readonly string folder = options.Value.Folder();

    private const string TemporarySuffix = ".eml.tmp";

    /// <summary>An outbox that cannot be written is a send to try again later (the message says which file), not a crash.</summary>
    public async Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        SendingSettings.Require(sender.Value);
        try
        {
            return await WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new SendResult(SendStatus.RetryLater, "the outbox cannot be written: " + ex.Message);
        }
    }

    private async Task<SendResult> WriteAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        // The emails hold live links (confirm, preferences, unsubscribe): owner-only, like the rest of the data folder.
        OwnerOnly.Folder(folder);
        var baseName = Path.Combine(folder, SafeFileName(message.MessageId));
        var mime = MimeMessageBuilder.Build(message, sender.Value.From, sender.Value.FromName, clock.GetUtcNow());
        var temporary = baseName + TemporarySuffix;
        await using (var file = OwnerOnly.Create(temporary))
        {
            await mime.WriteToAsync(file, cancellationToken).ConfigureAwait(false);
        }

        await using (var preview = OwnerOnly.Create(baseName + ".html"))
        await using (var writer = new StreamWriter(preview))
        {
            await writer.WriteAsync(message.Html.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, baseName + ".eml", overwrite: true);
        return SendResult.Ok(baseName + ".eml");
    }

    /// <summary>Removes the <c>.eml.tmp</c> files a process that died while writing left behind; the number removed.</summary>
    public int RemoveUnfinishedFiles()
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var unfinished = Directory.GetFiles(folder, "*" + TemporarySuffix);
        foreach (var file in unfinished)
        {
            File.Delete(file);
        }

        return unfinished.Length;
    }

    private static string SafeFileName(string id) =>
        new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);

    public async Task<IReadOnlyList<SendResult>> SendBatchAsync(EmailBatch batch, Func<int, SendResult, Task> onResult, CancellationToken cancellationToken)
    {
        var results = new List<SendResult>(batch.Recipients.Count);
        foreach (var recipient in batch.Recipients)
        {
            var result = await SendAsync(batch.For(recipient), cancellationToken).ConfigureAwait(false);
            await onResult(results.Count, result).ConfigureAwait(false);
            results.Add(result);
        }

        return results;
    }
}
