using System.Net;
using Microsoft.Extensions.Options;
using NkWatch.Core.Email;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace NkWatch.Email;

/// <summary>
/// Sends through SendGrid's v3 API with the SendGrid package. The package does not throw on error
/// statuses and its own retries ignore 429, so the answer is classified here: 2xx sent, 429/5xx and
/// timeouts retry later, any other 4xx is a permanent rejection.
/// </summary>
public sealed class SendGridEmailSender(HttpClient http, IOptions<SendGridOptions> options) : IEmailSender
{
    private readonly SendGridOptions settings = options.Value;

    public async Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var client = new SendGridClient(http, new SendGridClientOptions { ApiKey = settings.ApiKey, Host = settings.BaseUrl });
        var mail = new SendGridMessage
        {
            From = new EmailAddress(settings.From, settings.FromName),
            Subject = message.Subject,
            PlainTextContent = message.Text,
            HtmlContent = message.Html,
            Categories = [.. message.Categories],
        };
        mail.AddTo(new EmailAddress(message.To));
        foreach (var (name, value) in message.Headers)
        {
            mail.AddHeader(name, value);
        }

        foreach (var (name, value) in message.CustomArgs)
        {
            mail.AddCustomArg(name, value);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        Response response;
        try
        {
            response = await client.SendEmailAsync(mail, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(SendStatus.RetryLater, "timed out");
        }
        catch (HttpRequestException ex)
        {
            return new SendResult(SendStatus.RetryLater, "network error: " + ex.Message);
        }

        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return SendResult.Ok(response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null);
        }

        var detail = $"SendGrid answered {status}";
        return response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500
            ? new SendResult(SendStatus.RetryLater, detail)
            : new SendResult(SendStatus.Rejected, detail);
    }
}
