using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NkWatch.Core.Subscriptions;
using NkWatch.Web.Http;
using NkWatch.Web.Rendering;
using NkWatch.Web.Webhooks;

namespace NkWatch.Web.Handlers;

/// <summary>
/// <c>POST /api/sendgrid/events</c>: SendGrid's signed event webhook. The signature and its
/// timestamp are checked over the raw bytes before anything is parsed; then bounces, drops, spam
/// reports and unsubscribes suppress their subscriber, each event once.
/// </summary>
public sealed partial class SendGridEventsHandler(
    SendGridSignature signature,
    DeliveryEventProcessor processor,
    PageResults pages,
    ILogger<SendGridEventsHandler> logger)
{
    /// <summary>SendGrid posts batches of events; a few thousand fit well under this.</summary>
    public const int MaxBodyBytes = 2 * 1024 * 1024;

    public Task<IResult> PostAsync(HttpContext context) => pages.GuardAsync(context, async () =>
    {
        var request = context.Request;
        RequestBody.RequireMediaType(request, RequestBody.Json);
        var body = await RequestBody.ReadBytesAsync(request, MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        var check = signature.Check(request.Headers[SendGridSignature.SignatureHeader], request.Headers[SendGridSignature.TimestampHeader], body);
        if (check != SignatureCheck.Valid)
        {
            LogRefused(check);
            return check switch
            {
                SignatureCheck.NotConfigured => Answer("the event webhook is not configured (SendGrid__WebhookPublicKey)", StatusCodes.Status503ServiceUnavailable),
                SignatureCheck.Missing => Answer("the request is not signed", StatusCodes.Status401Unauthorized),
                SignatureCheck.Stale => Answer("the signed timestamp is too old or in the future", StatusCodes.Status403Forbidden),
                _ => Answer("the signature does not match", StatusCodes.Status403Forbidden),
            };
        }

        if (SendGridEventReader.Read(body) is not { } batch)
        {
            return Answer("the body is not a JSON array of event objects", StatusCodes.Status400BadRequest);
        }

        if (batch.Count > SendGridEventReader.MaxEvents)
        {
            return Answer($"the batch has {batch.Count} events; at most {SendGridEventReader.MaxEvents} are taken in one request", StatusCodes.Status413PayloadTooLarge);
        }

        // The events that can be read are applied even when others cannot: a bounce must not wait on a broken neighbour.
        var report = await processor.ApplyAsync(batch.Events, context.RequestAborted).ConfigureAwait(false);
        LogApplied(report.Received, report.Suppressed, report.Replayed, report.Unmatched);
        if (batch.Undecodable.Count > 0)
        {
            LogUndecodable(batch.Undecodable.Count, string.Join(",", batch.Undecodable));
            return PageResults.JsonAnswer(
                new
                {
                    error = $"events at positions {string.Join(", ", batch.Undecodable)} hold text that is not valid Unicode (a lone surrogate or invalid UTF-8) and were skipped; the other {batch.Events.Count} were applied",
                    applied = report,
                },
                StatusCodes.Status400BadRequest);
        }

        return PageResults.JsonAnswer(report, StatusCodes.Status200OK);
    });

    private static IResult Answer(string error, int statusCode) => PageResults.JsonAnswer(new { error }, statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid event webhook request refused: {Check}")]
    private partial void LogRefused(SignatureCheck check);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid events: {Count} could not be decoded and were skipped (positions {Positions})")]
    private partial void LogUndecodable(int count, string positions);

    [LoggerMessage(Level = LogLevel.Information, Message = "SendGrid events: {Received} received, {Suppressed} suppressed, {Replayed} replayed, {Unmatched} unmatched")]
    private partial void LogApplied(int received, int suppressed, int replayed, int unmatched);
}
