using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NkWatch.Web.Endpoints;
using NkWatch.Web.Handlers;

namespace NkWatch.Functions.Triggers;

/// <summary><c>GET /api/health</c>: feed health and queue depths, behind a function key.</summary>
public sealed class Health(HealthHandler handler)
{
    [Function(nameof(Health))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Health)] HttpRequest request) =>
        HttpResultAction.From(handler.GetAsync(request.HttpContext));
}
