using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NkWatch.Core.Email;
using SendGrid;
using SendGrid.Helpers.Mail;
using CoreEmailAddress = NkWatch.Core.Subscriptions.EmailAddress;

namespace NkWatch.Email;

/// <summary>
/// Sends through SendGrid's v3 API with the SendGrid package: one request per batch of up to 1,000
/// recipients, each a personalization of their own (nobody sees another address) with their own
/// List-Unsubscribe headers, substitutions and custom args. The package neither throws on error
/// statuses nor retries 429, and ignores its own retry settings with our HttpClient, so the policy
/// is here: 429 (after its Retry-After), 5xx and timeouts are retried with backoff within a budget,
/// then reported as "retry later"; any other 4xx is permanent. A 400 for a batch is split in halves
/// until the recipient SendGrid refuses stands alone, so one bad address does not fail the others.
/// </summary>
public sealed partial class SendGridEmailSender(HttpClient http, IOptions<SendGridOptions> options, TimeProvider clock, ILogger<SendGridEmailSender> logger) : IEmailSender
{
    private readonly SendGridOptions settings = options.Value;

    public async Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken) =>
        (await SendBatchAsync(message.ToBatch(), static (_, _) => Task.CompletedTask, cancellationToken).ConfigureAwait(false))[0];

    /// <exception cref="NkWatch.Core.Configuration.MissingSettingException">The key is an unresolved Key Vault reference or the sender is empty; nothing was sent.</exception>
    public async Task<IReadOnlyList<SendResult>> SendBatchAsync(EmailBatch batch, Func<int, SendResult, Task> onResult, CancellationToken cancellationToken)
    {
        SendingSettings.Require(settings);
        var client = new SendGridClient(http, new SendGridClientOptions { ApiKey = settings.ApiKey, Host = settings.BaseUrl });
        var results = new List<SendResult>(batch.Recipients.Count);
        foreach (var chunk in batch.Recipients.Chunk(EmailBatch.MaxRecipients))
        {
            results.AddRange(await SendSplittingAsync(client, batch.With(chunk), results.Count, onResult, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <param name="offset">Where <paramref name="batch"/>'s first recipient stands in the caller's batch.</param>
    private async Task<IReadOnlyList<SendResult>> SendSplittingAsync(SendGridClient client, EmailBatch batch, int offset, Func<int, SendResult, Task> onResult, CancellationToken cancellationToken)
    {
        var (result, splittable) = await SendWithRetriesAsync(client, batch, cancellationToken).ConfigureAwait(false);
        if (result.Status == SendStatus.Rejected && splittable && batch.Recipients.Count > 1)
        {
            var half = batch.Recipients.Count / 2;
            var first = await SendSplittingAsync(client, batch.With([.. batch.Recipients.Take(half)]), offset, onResult, cancellationToken).ConfigureAwait(false);
            var second = await SendSplittingAsync(client, batch.With([.. batch.Recipients.Skip(half)]), offset + half, onResult, cancellationToken).ConfigureAwait(false);
            return [.. first, .. second];
        }

        if (result.Status == SendStatus.Rejected)
        {
            LogRejected(batch.Recipients.Count, string.Join(",", batch.Recipients.Select(r => r.LogId)), result.Detail ?? string.Empty);
        }

        for (var i = 0; i < batch.Recipients.Count; i++)
        {
            await onResult(offset + i, result).ConfigureAwait(false);
        }

        return [.. Enumerable.Repeat(result, batch.Recipients.Count)];
    }

    private async Task<(SendResult Result, bool Splittable)> SendWithRetriesAsync(SendGridClient client, EmailBatch batch, CancellationToken cancellationToken)
    {
        var policy = new SendRetryPolicy(settings);
        var mail = ToSendGrid(batch);
        var started = clock.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await AttemptAsync(client, mail, policy.Timeout, cancellationToken).ConfigureAwait(false);
            if (outcome.Status is { } status && status < 400 && status >= 200)
            {
                return (SendResult.Ok(outcome.MessageId), false);
            }

            if (outcome.Status is { } refused && refused != 429 && refused < 500)
            {
                return (new SendResult(SendStatus.Rejected, outcome.Detail), refused is 400 or 413);
            }

            var delay = policy.NextDelay(attempt, outcome.RetryAfter, clock.GetElapsedTime(started));
            if (delay is null)
            {
                return (new SendResult(SendStatus.RetryLater, $"{outcome.Detail} (gave up after {attempt} attempts)"), false);
            }

            LogRetrying(batch.Recipients.Count, outcome.Detail, attempt, (int)delay.Value.TotalMilliseconds);
            await Task.Delay(delay.Value, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Attempt> AttemptAsync(SendGridClient client, SendGridMessage mail, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var response = await client.SendEmailAsync(mail, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var id = response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
                return new Attempt(status, null, id, null);
            }

            var body = response.Body is null ? string.Empty : await response.Body.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            return new Attempt(status, RetryAfter(response), null, $"SendGrid answered {status}: {Describe(body)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Attempt(null, null, null, $"no answer within {timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            return new Attempt(null, null, null, "network error: " + ex.Message);
        }
    }

    private TimeSpan? RetryAfter(Response response)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests || response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta;
        }

        return header.Date is { } date ? date - clock.GetUtcNow() : null;
    }

    private SendGridMessage ToSendGrid(EmailBatch batch) => new()
    {
        From = new EmailAddress(settings.From, settings.FromName),
        Subject = batch.Subject,
        PlainTextContent = batch.Text,
        HtmlContent = batch.Html,
        Categories = [.. batch.Categories],
        Personalizations =
        [
            .. batch.Recipients.Select(r => new Personalization
            {
                Tos = [new EmailAddress(r.To)],
                Headers = r.Headers.Count == 0 ? null : new Dictionary<string, string>(r.Headers),
                Substitutions = r.Substitutions.Count == 0 ? null : new Dictionary<string, string>(r.Substitutions),
                CustomArgs = r.CustomArgs.Count == 0 ? null : new Dictionary<string, string>(r.CustomArgs),
            }),
        ],
    };

    /// <summary>SendGrid's error text for the log and the operator, cut short, with any address in it masked.</summary>
    private static string Describe(string body)
    {
        var text = body.Length > 300 ? body[..300] + "…" : body;
        return AddressPattern().Replace(text.ReplaceLineEndings(" "), m => CoreEmailAddress.Mask(m.Value));
    }

    [GeneratedRegex(@"[^\s""'<>,;:]+@[^\s""'<>,;:]+")]
    private static partial Regex AddressPattern();

    private sealed record Attempt(int? Status, TimeSpan? RetryAfter, string? MessageId, string? Detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid request for {Recipients} recipients failed ({Reason}), attempt {Attempt}; retrying in {DelayMs} ms")]
    private partial void LogRetrying(int recipients, string? reason, int attempt, int delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "SendGrid permanently rejected {Recipients} recipients (subscribers {SubscriberIds}): {Reason}")]
    private partial void LogRejected(int recipients, string subscriberIds, string reason);
}
