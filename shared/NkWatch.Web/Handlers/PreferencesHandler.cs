using Microsoft.AspNetCore.Http;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;
using NkWatch.Web.Forms;
using NkWatch.Web.Pages;
using NkWatch.Web.Rendering;

namespace NkWatch.Web.Handlers;

/// <summary><c>GET</c> and <c>POST /api/preferences?token=</c>: a subscriber changes what they get and when.</summary>
public sealed class PreferencesHandler(
    ISubscriberStore store,
    SubscriberLifecycle lifecycle,
    TokenLinks links,
    SubscriptionChoices choices,
    PreferencesReader reader,
    PageResults pages)
{
    public const int MaxBodyBytes = 16 * 1024;

    public Task<IResult> GetAsync(HttpContext context) => pages.GuardAsync(context, async () =>
    {
        var (token, subscriberId) = links.Read(context.Request, TokenPurpose.Preferences);
        if (subscriberId is null)
        {
            return await InvalidLink.NotValidAsync(pages, context.Request).ConfigureAwait(false);
        }

        var subscriber = await store.GetAsync(subscriberId, context.RequestAborted).ConfigureAwait(false);
        return subscriber is null
            ? await InvalidLink.GoneAsync(pages).ConfigureAwait(false)
            : await PageAsync(subscriber, token, SubscriberPreferences.Of(subscriber), new FieldErrors(), saved: false, StatusCodes.Status200OK).ConfigureAwait(false);
    });

    public Task<IResult> PostAsync(HttpContext context) => pages.GuardAsync(context, async () =>
    {
        var (token, subscriberId) = links.Read(context.Request, TokenPurpose.Preferences);
        if (subscriberId is null)
        {
            return await InvalidLink.NotValidAsync(pages, context.Request).ConfigureAwait(false);
        }

        var fields = await FormFields.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        var subscriber = await store.GetAsync(subscriberId, context.RequestAborted).ConfigureAwait(false);
        if (subscriber is null)
        {
            return await InvalidLink.GoneAsync(pages).ConfigureAwait(false);
        }

        var errors = new FieldErrors();
        var preferences = reader.Read(fields, SubscriberPreferences.Of(subscriber), errors);
        if (errors.Any)
        {
            return PageResults.WantsJson(context.Request)
                ? PageResults.JsonAnswer(new { error = errors.Summary(), errors = errors.All.ToDictionary(e => e.Key, e => e.Value) }, StatusCodes.Status400BadRequest)
                : await PageAsync(subscriber, token, preferences, errors, saved: false, StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        var updated = await lifecycle.UpdatePreferencesAsync(subscriberId, preferences, context.RequestAborted).ConfigureAwait(false) ?? subscriber;
        return PageResults.WantsJson(context.Request)
            ? PageResults.JsonAnswer(new { status = "saved", preferences = Describe(updated) }, StatusCodes.Status200OK)
            : await PageAsync(updated, token, SubscriberPreferences.Of(updated), errors, saved: true, StatusCodes.Status200OK).ConfigureAwait(false);
    });

    private Task<IResult> PageAsync(Subscriber subscriber, string token, SubscriberPreferences preferences, FieldErrors errors, bool saved, int statusCode) =>
        pages.PageAsync<PreferencesPage, PreferencesModel>(
            new PreferencesModel(
                choices,
                "/api/preferences?token=" + Uri.EscapeDataString(token),
                links.Unsubscribe(subscriber.Id),
                EmailAddress.Mask(subscriber.Email),
                subscriber.Status,
                preferences,
                errors) { Saved = saved },
            statusCode);

    private static object Describe(Subscriber s) => new
    {
        frequency = s.Frequency.Name(),
        topics = s.Topics,
        language = s.Languages,
        timezone = s.TimeZone,
        deliveryHour = s.DeliveryHour,
        weeklyDay = s.WeeklyDay.Name(),
    };
}
