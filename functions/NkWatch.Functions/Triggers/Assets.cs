using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NkWatch.Web.Endpoints;
using NkWatch.Web.Handlers;

namespace NkWatch.Functions.Triggers;

/// <summary><c>GET /api/assets/{name}</c>: the pages' stylesheet and script.</summary>
public sealed class Assets
{
    [Function(nameof(Assets))]
    public static Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Assets)] HttpRequest request, string name) =>
        HttpResultAction.From(AssetHandler.GetAsync(name));
}
