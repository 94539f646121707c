using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NkWatch.Core.Classification;
using NkWatch.Core.Configuration;
using NkWatch.Core.Feeds;
using NkWatch.Core.Storage;
using NkWatch.Web.Archive;
using NkWatch.Web.Forms;
using NkWatch.Web.Http;
using NkWatch.Web.Pages;
using NkWatch.Web.Rendering;

namespace NkWatch.Web.Handlers;

/// <summary>
/// <c>GET /api/matches</c> (a page) and <c>GET /api/matches.atom</c> (Atom 1.0): the latest
/// stories, of one topic and language when asked (<see cref="ArchiveRequest"/>), a page at a time;
/// the page also searches every stored match.
/// </summary>
public sealed class ArchiveHandler(
    IMatchStore matches,
    IClassifierProvider rules,
    IFeedCatalogProvider feeds,
    PageResults pages,
    IOptionsMonitor<AppOptions> app,
    IOptions<WebOptions> web,
    TimeProvider clock)
{
    public Task<IResult> PageAsync(HttpContext context) => pages.GuardAsync(context, async () =>
    {
        var inForce = await InForceAsync(context.RequestAborted).ConfigureAwait(false);
        var archive = await LoadAsync(Read(context, inForce.Rules, search: true), inForce, context.RequestAborted).ConfigureAwait(false);
        return await pages.PageAsync<ArchivePage, ArchiveModel>(archive, cacheable: true).ConfigureAwait(false);
    });

    public Task<IResult> AtomAsync(HttpContext context) => pages.GuardAsync(context, async () =>
    {
        var inForce = await InForceAsync(context.RequestAborted).ConfigureAwait(false);
        var archive = await LoadAsync(Read(context, inForce.Rules, search: false), inForce, context.RequestAborted).ConfigureAwait(false);
        var names = new SubscriptionChoices(inForce.Rules, inForce.Catalog);
        var settings = app.CurrentValue;
        var xml = AtomFeedWriter.Write(archive, settings.PublicBaseUrl, settings.ProductName, names.TopicName, clock.GetUtcNow());
        return new AtomResult(xml);
    });

    /// <summary>The rules and catalogue in force, read once for the whole request.</summary>
    private async Task<(RuleSet Rules, FeedCatalog Catalog)> InForceAsync(CancellationToken cancellationToken) =>
        (await rules.GetRulesAsync(cancellationToken).ConfigureAwait(false), await feeds.GetCatalogAsync(cancellationToken).ConfigureAwait(false));

    private static ArchiveRequest Read(HttpContext context, RuleSet inForce, bool search)
    {
        var request = ArchiveRequest.Read(context.Request.Query, [.. inForce.Topics.Select(t => t.Id)]);
        return search || request.Query is null
            ? request
            : throw new RequestRejectedException(StatusCodes.Status400BadRequest, "the feed takes topic and language; search on the page, /api/matches?q=");
    }

    private async Task<ArchiveModel> LoadAsync(ArchiveRequest request, (RuleSet Rules, FeedCatalog Catalog) inForce, CancellationToken cancellationToken)
    {
        var size = web.Value.ArchiveSize;
        var filter = request.Filter(inForce.Catalog);
        var found = request.Query is { } query
            ? await matches.SearchAsync(query, filter, size, cancellationToken).ConfigureAwait(false)
            : await matches.ListLatestAsync(filter, size, cancellationToken).ConfigureAwait(false);
        return new ArchiveBuilder(inForce.Rules, inForce.Catalog).Build(found, request, size);
    }

    private sealed class AtomResult(byte[] xml) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = "application/atom+xml; charset=utf-8";
            response.Headers.CacheControl = "public, max-age=300";
            response.Headers.XContentTypeOptions = "nosniff";
            response.ContentLength = xml.Length;
            return response.Body.WriteAsync(xml, httpContext.RequestAborted).AsTask();
        }
    }
}
