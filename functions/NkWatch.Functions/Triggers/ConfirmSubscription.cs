using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NkWatch.Web.Endpoints;
using NkWatch.Web.Handlers;

namespace NkWatch.Functions.Triggers;

/// <summary><c>GET /api/subscriptions/confirm?token=</c> (the link in the confirmation email: one button) and its <c>POST</c> (confirms).</summary>
public sealed class ConfirmSubscription(ConfirmHandler handler)
{
    [Function(nameof(ConfirmSubscription))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Routes.Confirm)] HttpRequest request) =>
        HttpResultAction.From(HttpMethods.IsPost(request.Method) ? handler.PostAsync(request.HttpContext) : handler.GetAsync(request.HttpContext));
}
