using Microsoft.AspNetCore.Http;
using NkWatch.Core.Subscriptions;
using NkWatch.Web.Pages;
using NkWatch.Web.Rendering;

namespace NkWatch.Web.Handlers;

/// <summary><c>GET /api/subscriptions/confirm?token=</c>: the link in the confirmation email.</summary>
public sealed class ConfirmHandler(SignupService signup, TokenLinks links, PageResults pages)
{
    private static readonly string[] ConfirmedText =
        ["Thank you: your subscription is confirmed. Alerts will arrive at the frequency you chose.", "Every alert has links to change your preferences or to unsubscribe."];

    private static readonly string[] AlreadyConfirmedText = ["Your subscription was already confirmed. Nothing has changed."];

    public Task<IResult> GetAsync(HttpContext context) => pages.GuardAsync(context, async () =>
    {
        var (_, subscriberId) = links.Read(context.Request, TokenPurpose.Confirm);
        if (subscriberId is null)
        {
            return await InvalidLink.NotValidAsync(pages, context.Request).ConfigureAwait(false);
        }

        var outcome = await signup.ConfirmAsync(subscriberId, context.RequestAborted).ConfigureAwait(false);
        if (outcome == ConfirmOutcome.NoLongerValid)
        {
            return await pages.NoticeAsync(
                new NoticeModel(
                    "This link no longer works",
                    ["This subscription was cancelled or stopped after the link was sent, so the link cannot start it again."],
                    [new PageLink("Subscribe again", "/api/subscribe")]),
                StatusCodes.Status410Gone).ConfigureAwait(false);
        }

        var paragraphs = outcome == ConfirmOutcome.Confirmed ? ConfirmedText : AlreadyConfirmedText;
        return await pages.NoticeAsync(new NoticeModel(
            "You are subscribed",
            paragraphs,
            [new PageLink("Change your preferences", links.Preferences(subscriberId)), new PageLink("See the latest matches", "/api/matches")])).ConfigureAwait(false);
    });
}
