using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NkWatch.Web.Endpoints;
using NkWatch.Web.Handlers;

namespace NkWatch.Functions.Triggers;

/// <summary><c>GET</c> and <c>POST /api/preferences?token=</c>: the preferences page and its form.</summary>
public sealed class Preferences(PreferencesHandler handler)
{
    [Function(nameof(Preferences))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Routes.Preferences)] HttpRequest request) =>
        HttpResultAction.From(HttpMethods.IsPost(request.Method) ? handler.PostAsync(request.HttpContext) : handler.GetAsync(request.HttpContext));
}
