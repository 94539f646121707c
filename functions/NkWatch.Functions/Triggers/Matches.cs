using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NkWatch.Web.Endpoints;
using NkWatch.Web.Handlers;

namespace NkWatch.Functions.Triggers;

/// <summary><c>GET /api/matches</c> (a page) and <c>GET /api/matches.atom</c> (an Atom feed): the latest stories.</summary>
public sealed class Matches(ArchiveHandler handler)
{
    [Function(nameof(Matches))]
    public Task<IActionResult> Page([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Matches)] HttpRequest request) =>
        HttpResultAction.From(handler.PageAsync(request.HttpContext));

    [Function("MatchesAtom")]
    public Task<IActionResult> Atom([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.MatchesAtom)] HttpRequest request) =>
        HttpResultAction.From(handler.AtomAsync(request.HttpContext));
}
