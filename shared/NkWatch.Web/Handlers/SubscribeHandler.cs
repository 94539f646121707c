using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NkWatch.Core.Subscriptions;
using NkWatch.Web.Forms;
using NkWatch.Web.Http;
using NkWatch.Web.Pages;
using NkWatch.Web.Rendering;

namespace NkWatch.Web.Handlers;

/// <summary>
/// <c>GET /api/subscribe</c> (the form) and <c>POST /api/subscriptions</c> (form-encoded or JSON).
/// A valid request gets the same answer whatever the address's state; a bad one gets 400 with
/// what to fix and nothing is stored; a filled-in honeypot gets the usual answer and nothing else.
/// </summary>
public sealed class SubscribeHandler(
    SignupService signup,
    SubscriptionChoicesProvider choicesInForce,
    PageResults pages,
    BrowserCookie browsers,
    IOptions<WebOptions> options)
{
    public const int MaxBodyBytes = 16 * 1024;
    public const string HoneypotField = "website";

    private const string CheckInbox = "If the address can receive email, a link to confirm the subscription is on its way. Nothing is sent until it is clicked.";

    public Task<IResult> GetAsync(HttpContext context) =>
        pages.GuardAsync(context, async () =>
        {
            var choices = await choicesInForce.GetAsync(context.RequestAborted).ConfigureAwait(false);

            // Not cacheable any more: the page hands each browser its own client cookie.
            browsers.Issue(context);
            return await pages.PageAsync<SubscribePage, SubscribeModel>(
                new SubscribeModel(choices, string.Empty, new SubscriberPreferences(), new FieldErrors()) { PresetTimeZone = true }).ConfigureAwait(false);
        });

    public Task<IResult> PostAsync(HttpContext context) => pages.GuardAsync(context, async () =>
    {
        var cancellationToken = context.RequestAborted;
        var fields = await FormFields.ReadAsync(context.Request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        var errors = new FieldErrors();
        var email = fields.Single("email", errors);
        if (fields.Single(HoneypotField, errors) is not null)
        {
            return await AcceptedAsync(context.Request).ConfigureAwait(false);
        }

        var normalized = string.Empty;
        if (email is null)
        {
            errors.Add("email", "Enter your email address.");
        }
        else if (!EmailAddress.TryNormalize(email, out normalized))
        {
            errors.Add("email", $"Enter a valid email address, like name@example.org (at most {EmailAddress.MaxLength} characters).");
        }

        var choices = await choicesInForce.GetAsync(cancellationToken).ConfigureAwait(false);
        var preferences = PreferencesReader.Read(fields, new SubscriberPreferences(), choices, errors);
        if (errors.Any)
        {
            return PageResults.WantsJson(context.Request)
                ? PageResults.JsonAnswer(new { error = errors.Summary(), errors = errors.All.ToDictionary(e => e.Key, e => e.Value) }, StatusCodes.Status400BadRequest)
                : await pages.PageAsync<SubscribePage, SubscribeModel>(new SubscribeModel(choices, email ?? string.Empty, preferences, errors), StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        var client = ClientAddress.Of(context, options.Value.TrustForwardedFor);
        // Whatever the outcome, the answer is one: the email, if any, goes out after it.
        await signup.RequestAsync(normalized, preferences, client, browsers.Read(context), cancellationToken).ConfigureAwait(false);
        return await AcceptedAsync(context.Request).ConfigureAwait(false);
    });

    private Task<IResult> AcceptedAsync(HttpRequest request) =>
        PageResults.WantsJson(request)
            ? Task.FromResult(PageResults.JsonAnswer(new { status = "check-your-inbox", message = CheckInbox }, StatusCodes.Status202Accepted))
            : pages.NoticeAsync(new NoticeModel("Check your inbox", [CheckInbox, "The link works for 7 days. If nothing arrives, look in your spam folder."], [new PageLink("See the latest matches", "/api/matches")]));
}
