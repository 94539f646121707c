using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NkWatch.Web.Endpoints;
using NkWatch.Web.Handlers;

namespace NkWatch.Functions.Triggers;

/// <summary><c>GET /api/subscriptions/confirm?token=</c>: the link in the confirmation email.</summary>
public sealed class ConfirmSubscription(ConfirmHandler handler)
{
    [Function(nameof(ConfirmSubscription))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Confirm)] HttpRequest request) =>
        HttpResultAction.From(handler.GetAsync(request.HttpContext));
}
