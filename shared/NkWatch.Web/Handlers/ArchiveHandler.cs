using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;
using NkWatch.Core.Storage;
using NkWatch.Web.Archive;
using NkWatch.Web.Forms;
using NkWatch.Web.Pages;
using NkWatch.Web.Rendering;

namespace NkWatch.Web.Handlers;

/// <summary><c>GET /api/matches</c> (a page) and <c>GET /api/matches.atom</c> (Atom 1.0): the latest stories.</summary>
public sealed class ArchiveHandler(
    IMatchStore matches,
    ArchiveBuilder builder,
    SubscriptionChoices choices,
    PageResults pages,
    IOptions<AppOptions> app,
    IOptions<WebOptions> web,
    TimeProvider clock)
{
    public Task<IResult> PageAsync(HttpContext context) => pages.GuardAsync(context, async () =>
    {
        var archive = await LoadAsync(context.RequestAborted).ConfigureAwait(false);
        return await pages.PageAsync<ArchivePage, ArchiveModel>(archive, cacheable: true).ConfigureAwait(false);
    });

    public Task<IResult> AtomAsync(HttpContext context) => pages.GuardAsync(context, async () =>
    {
        var archive = await LoadAsync(context.RequestAborted).ConfigureAwait(false);
        var xml = AtomFeedWriter.Write(archive, app.Value.PublicBaseUrl, app.Value.ProductName, choices.TopicName, clock.GetUtcNow());
        return new AtomResult(xml);
    });

    private async Task<ArchiveModel> LoadAsync(CancellationToken cancellationToken)
    {
        var latest = await matches.ListLatestAsync(web.Value.ArchiveSize, cancellationToken).ConfigureAwait(false);
        return builder.Build(latest);
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
