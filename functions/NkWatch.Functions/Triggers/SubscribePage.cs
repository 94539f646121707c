using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NkWatch.Web.Endpoints;
using NkWatch.Web.Handlers;

namespace NkWatch.Functions.Triggers;

/// <summary><c>GET /api/subscribe</c>: the subscribe form.</summary>
public sealed class SubscribePage(SubscribeHandler handler)
{
    [Function(nameof(SubscribePage))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Subscribe)] HttpRequest request) =>
        HttpResultAction.From(handler.GetAsync(request.HttpContext));
}
