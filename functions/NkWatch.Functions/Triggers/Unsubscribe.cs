using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NkWatch.Web.Endpoints;
using NkWatch.Web.Handlers;

namespace NkWatch.Functions.Triggers;

/// <summary><c>GET /api/subscriptions/unsubscribe?token=</c> (one button) and <c>POST</c> (RFC 8058 one-click).</summary>
public sealed class Unsubscribe(UnsubscribeHandler handler)
{
    [Function(nameof(Unsubscribe))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Routes.Unsubscribe)] HttpRequest request) =>
        HttpResultAction.From(HttpMethods.IsPost(request.Method) ? handler.PostAsync(request.HttpContext) : handler.GetAsync(request.HttpContext));
}
