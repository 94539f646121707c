using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NkWatch.Core.Email;
using Polly.Timeout;
using SendGrid;
using SendGrid.Helpers.Mail;
using CoreEmailAddress = NkWatch.Core.Subscriptions.EmailAddress;

namespace NkWatch.Email;

/// <summary>
/// Sends through SendGrid's v3 API with the SendGrid package: one request per batch of up to 1,000
/// recipients, each a personalization of their own (nobody sees another address) with their own
/// List-Unsubscribe headers, substitutions and custom args. The package neither throws on error
/// statuses nor retries 429, and ignores its own retry settings with our HttpClient, so retries are
/// the HttpClient's resilience handler (<see cref="SendGridResilience"/>): what is still 429, 5xx
/// or a timeout when it gives up is reported as "retry later"; any other 4xx is permanent. A 400 for a batch is split in halves
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
        var (result, splittable) = await SendOnceAsync(client, batch, cancellationToken).ConfigureAwait(false);
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

    /// <summary>One request; the resilience handler on <c>http</c> has retried what can be retried before an answer comes back here.</summary>
    private async Task<(SendResult Result, bool Splittable)> SendOnceAsync(SendGridClient client, EmailBatch batch, CancellationToken cancellationToken)
    {
        var gaveUp = $"(gave up after {settings.MaxAttempts} attempts)";
        try
        {
            var response = await client.SendEmailAsync(ToSendGrid(batch), cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return (SendResult.Ok(response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null), false);
            }

            var body = response.Body is null ? string.Empty : await response.Body.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var detail = $"SendGrid answered {status}: {Describe(body)}";
            if (SendGridResilience.WaitsPastBudget(response.StatusCode, response.Headers, settings, clock))
            {
                return (new SendResult(SendStatus.RetryLater, $"{detail} (its Retry-After is past the retry budget)"), false);
            }

            return status is 429 or >= 500
                ? (new SendResult(SendStatus.RetryLater, $"{detail} {gaveUp}"), false)
                : (new SendResult(SendStatus.Rejected, detail), status is 400 or 413);
        }
        catch (TimeoutRejectedException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var detail = ex.Timeout == SendGridResilience.Budget(settings)
                ? $"the retry budget of {settings.RetryBudgetSeconds} s ran out"
                : $"no answer within {settings.TimeoutSeconds} s {gaveUp}";
            return (new SendResult(SendStatus.RetryLater, detail), false);
        }
        catch (HttpRequestException ex)
        {
            return (new SendResult(SendStatus.RetryLater, $"network error: {ex.Message} {gaveUp}"), false);
        }
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

    [LoggerMessage(Level = LogLevel.Error, Message = "SendGrid permanently rejected {Recipients} recipients (subscribers {SubscriberIds}): {Reason}")]
    private partial void LogRejected(int recipients, string subscriberIds, string reason);
}
