using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NkWatch.Web.Handlers;

namespace NkWatch.Web.Endpoints;

/// <summary>Maps the routes onto the handlers for Kestrel (<c>nkwatch serve</c>); the function app's triggers call the same handlers.</summary>
public static class NkWatchEndpoints
{
    public static IEndpointRouteBuilder MapNkWatch(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/" + Routes.Prefix);
        api.MapGet(Routes.Subscribe, (HttpContext c, SubscribeHandler h) => h.GetAsync(c));
        api.MapPost(Routes.Subscriptions, (HttpContext c, SubscribeHandler h) => h.PostAsync(c));
        api.MapGet(Routes.Confirm, (HttpContext c, ConfirmHandler h) => h.GetAsync(c));
        api.MapPost(Routes.Confirm, (HttpContext c, ConfirmHandler h) => h.PostAsync(c));
        api.MapGet(Routes.Preferences, (HttpContext c, PreferencesHandler h) => h.GetAsync(c));
        api.MapPost(Routes.Preferences, (HttpContext c, PreferencesHandler h) => h.PostAsync(c));
        api.MapGet(Routes.Unsubscribe, (HttpContext c, UnsubscribeHandler h) => h.GetAsync(c));
        api.MapPost(Routes.Unsubscribe, (HttpContext c, UnsubscribeHandler h) => h.PostAsync(c));
        api.MapPost(Routes.SendGridEvents, (HttpContext c, SendGridEventsHandler h) => h.PostAsync(c));
        api.MapGet(Routes.Matches, (HttpContext c, ArchiveHandler h) => h.PageAsync(c));
        api.MapGet(Routes.MatchesAtom, (HttpContext c, ArchiveHandler h) => h.AtomAsync(c));
        api.MapGet(Routes.Health, (HttpContext c, HealthHandler h) => h.GetAsync(c));
        api.MapGet(Routes.Assets, (string name) => AssetHandler.GetAsync(name));
        return endpoints;
    }
}
