using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NkWatch.Web.Endpoints;
using NkWatch.Web.Handlers;

namespace NkWatch.Functions.Triggers;

/// <summary><c>POST /api/subscriptions</c>: a signup request (form-encoded or JSON); sends the confirmation email.</summary>
public sealed class Subscribe(SubscribeHandler handler)
{
    [Function(nameof(Subscribe))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Subscriptions)] HttpRequest request) =>
        HttpResultAction.From(handler.PostAsync(request.HttpContext));
}
