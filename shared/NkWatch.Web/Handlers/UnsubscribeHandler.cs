using Microsoft.AspNetCore.Http;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;
using NkWatch.Web.Http;
using NkWatch.Web.Pages;
using NkWatch.Web.Rendering;

namespace NkWatch.Web.Handlers;

/// <summary>
/// <c>GET /api/subscriptions/unsubscribe?token=</c> shows one button; <c>POST</c> to the same URL
/// unsubscribes at once. That POST is also RFC 8058's one-click unsubscribe, which mail clients send
/// with the body <c>List-Unsubscribe=One-Click</c>, form-encoded or multipart: the token in the URL
/// is the authority, so the body is only checked for size and type, never required.
/// A GET never unsubscribes: link scanners in mail systems follow links.
/// </summary>
public sealed class UnsubscribeHandler(ISubscriberStore store, SubscriberLifecycle lifecycle, TokenLinks links, PageResults pages)
{
    public const int MaxBodyBytes = 8 * 1024;

    public Task<IResult> GetAsync(HttpContext context) => pages.GuardAsync(context, async () =>
    {
        var (token, subscriberId) = links.Read(context.Request, TokenPurpose.Unsubscribe);
        if (subscriberId is null)
        {
            return await InvalidLink.NotValidAsync(pages, context.Request).ConfigureAwait(false);
        }

        var subscriber = await store.GetAsync(subscriberId, context.RequestAborted).ConfigureAwait(false);
        if (subscriber is null)
        {
            return await InvalidLink.GoneAsync(pages).ConfigureAwait(false);
        }

        var done = subscriber.Status is SubscriberStatus.Unsubscribed or SubscriberStatus.Suppressed;
        return await PageAsync(token, subscriber, done).ConfigureAwait(false);
    });

    public Task<IResult> PostAsync(HttpContext context) => pages.GuardAsync(context, async () =>
    {
        var (token, subscriberId) = links.Read(context.Request, TokenPurpose.Unsubscribe);
        if (subscriberId is null)
        {
            return await InvalidLink.NotValidAsync(pages, context.Request).ConfigureAwait(false);
        }

        if (context.Request.ContentLength > 0 || context.Request.ContentType is not null)
        {
            RequestBody.RequireMediaType(context.Request, RequestBody.FormUrlEncoded, RequestBody.MultipartFormData);
            await RequestBody.ReadBytesAsync(context.Request, MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        }

        var subscriber = await lifecycle.UnsubscribeAsync(subscriberId, "one-click", context.RequestAborted).ConfigureAwait(false);
        if (subscriber is null)
        {
            return await InvalidLink.GoneAsync(pages).ConfigureAwait(false);
        }

        return PageResults.WantsJson(context.Request)
            ? PageResults.JsonAnswer(new { status = "unsubscribed" }, StatusCodes.Status200OK)
            : await PageAsync(token, subscriber, done: true).ConfigureAwait(false);
    });

    private Task<IResult> PageAsync(string token, Subscriber subscriber, bool done) =>
        pages.PageAsync<UnsubscribePage, UnsubscribeModel>(
            new UnsubscribeModel("/api/subscriptions/unsubscribe?token=" + Uri.EscapeDataString(token), EmailAddress.Mask(subscriber.Email), done));
}
