using NkWatch.Core.Email;
using NkWatch.Core.Storage;

namespace NkWatch.Integration.Tests.Digests;

/// <summary>A process that dies at a chosen moment, simulated by throwing where it would have stopped.</summary>
internal sealed class ProcessDiedException() : Exception("the process died here");

/// <summary>An email sender whose process dies before sending (after rendering) or right after SendGrid accepted.</summary>
internal sealed class DyingEmailSender(IEmailSender inner, bool afterAccepted) : IEmailSender
{
    public int Deaths { get; private set; }

    public bool Armed { get; set; } = true;

    public Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken) => inner.SendAsync(message, cancellationToken);

    /// <summary>Dying after the send was accepted, the process never gets to tell the caller: no result is passed on.</summary>
    public async Task<IReadOnlyList<SendResult>> SendBatchAsync(EmailBatch batch, Func<int, SendResult, Task> onResult, CancellationToken cancellationToken)
    {
        if (Armed && !afterAccepted)
        {
            Die();
        }

        var dying = Armed && afterAccepted;
        var results = await inner.SendBatchAsync(batch, dying ? static (_, _) => Task.CompletedTask : onResult, cancellationToken);
        if (dying)
        {
            Die();
        }

        return results;
    }

    private void Die()
    {
        Armed = false;
        Deaths++;
        throw new ProcessDiedException();
    }
}

/// <summary>A digest log whose process dies once, right after a period's record is written and before the cursor moves.</summary>
internal sealed class DyingDigestLog(IDigestLog inner) : IDigestLog
{
    private bool recorded;
    private bool died;

    public Task<DigestRecord?> GetAsync(string subscriberId, string period, CancellationToken cancellationToken) => inner.GetAsync(subscriberId, period, cancellationToken);

    public async Task RecordAsync(DigestRecord record, CancellationToken cancellationToken)
    {
        await inner.RecordAsync(record, cancellationToken);
        recorded = true;
    }

    public Task<DigestCursor?> GetCursorAsync(string subscriberId, CancellationToken cancellationToken) => inner.GetCursorAsync(subscriberId, cancellationToken);

    public Task<IReadOnlyList<DigestCursor>> ListCursorsAsync(CancellationToken cancellationToken) => inner.ListCursorsAsync(cancellationToken);

    public Task<bool> TrySaveCursorAsync(DigestCursor cursor, CancellationToken cancellationToken)
    {
        if (recorded && !died)
        {
            died = true;
            throw new ProcessDiedException();
        }

        return inner.TrySaveCursorAsync(cursor, cancellationToken);
    }
}
