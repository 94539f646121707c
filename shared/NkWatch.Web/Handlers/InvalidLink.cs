using Microsoft.AspNetCore.Http;
using NkWatch.Web.Pages;
using NkWatch.Web.Rendering;

namespace NkWatch.Web.Handlers;

/// <summary>The answers for a link that cannot be used: forged, altered, expired, or for a subscription that is gone.</summary>
internal static class InvalidLink
{
    public static Task<IResult> NotValidAsync(PageResults pages, HttpRequest request) =>
        pages.ErrorAsync(
            request,
            StatusCodes.Status400BadRequest,
            "This link is not valid",
            "This link is not valid or has expired. Copy the whole link from the email, or subscribe again for a new one.");

    public static Task<IResult> GoneAsync(PageResults pages) =>
        pages.NoticeAsync(
            new NoticeModel(
                "This subscription no longer exists",
                ["There is no subscription for this link any more, so nothing will be sent."],
                [new PageLink("Subscribe again", "/api/subscribe")]),
            StatusCodes.Status404NotFound);
}
