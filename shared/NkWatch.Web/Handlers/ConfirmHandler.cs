using Microsoft.AspNetCore.Http;
using NkWatch.Core.Subscriptions;
using NkWatch.Web.Pages;
using NkWatch.Web.Rendering;

namespace NkWatch.Web.Handlers;

/// <summary>
/// <c>GET /api/subscriptions/confirm?token=</c>, the link in the confirmation email, shows one
/// button; its <c>POST</c> to the same URL confirms. A GET never confirms: mail systems' link
/// scanners follow links. The token names the signup it was made for (<see cref="LinkBuilder.Confirm"/>),
/// so a link from before an unsubscribe does not confirm a later signup.
/// </summary>
public sealed class ConfirmHandler(SignupService signup, TokenLinks links, PageResults pages)
{
    private static readonly string[] ConfirmedText =
        ["Thank you: your subscription is confirmed. Alerts will arrive at the frequency you chose.", "Every alert has links to change your preferences or to unsubscribe."];

    private static readonly string[] AlreadyConfirmedText = ["Your subscription was already confirmed. Nothing has changed."];

    public Task<IResult> GetAsync(HttpContext context) => pages.GuardAsync(context, async () =>
    {
        var (token, subject) = links.Read(context.Request, TokenPurpose.Confirm);
        return subject is null
            ? await InvalidLink.NotValidAsync(pages, context.Request).ConfigureAwait(false)
            : await pages.PageAsync<ConfirmPage, ConfirmModel>(new ConfirmModel("/api/subscriptions/confirm?token=" + Uri.EscapeDataString(token))).ConfigureAwait(false);
    });

    public Task<IResult> PostAsync(HttpContext context) => pages.GuardAsync(context, async () =>
    {
        var (_, subject) = links.Read(context.Request, TokenPurpose.Confirm);
        if (LinkBuilder.ReadConfirmSubject(subject) is not ({ } subscriberId, var signupStamp))
        {
            return await InvalidLink.NotValidAsync(pages, context.Request).ConfigureAwait(false);
        }

        var outcome = await signup.ConfirmAsync(subscriberId, signupStamp, context.RequestAborted).ConfigureAwait(false);
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
