using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NkWatch.Web.Endpoints;
using NkWatch.Web.Handlers;

namespace NkWatch.Functions.Triggers;

/// <summary><c>POST /api/sendgrid/events</c>: SendGrid's signed event webhook (anonymous: the signature is the authority).</summary>
public sealed class SendGridEvents(SendGridEventsHandler handler)
{
    [Function(nameof(SendGridEvents))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SendGridEvents)] HttpRequest request) =>
        HttpResultAction.From(handler.PostAsync(request.HttpContext));
}
