using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Web.Http;

/// <summary>
/// The subscribe form's client cookie: a random id, signed, that the form page hands each browser.
/// Signups that carry it are counted per browser within their network's counter, so one client
/// behind a shared proxy address cannot use up everyone's allowance. It identifies a browser to
/// the rate limit only: nothing else is stored with it, and it lasts a day.
/// </summary>
public sealed class BrowserCookie(TokenService tokens)
{
    public const string Name = "nkw_client";

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    /// <summary>Gives the browser a cookie unless it holds a valid one.</summary>
    public void Issue(HttpContext context)
    {
        if (Read(context) is not null)
        {
            return;
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(Name, tokens.Create(TokenPurpose.Client, id, Lifetime), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/api",
            MaxAge = Lifetime,
        });
    }

    /// <summary>The browser id of a valid cookie, or null (none, forged, expired).</summary>
    public string? Read(HttpContext context) =>
        context.Request.Cookies.TryGetValue(Name, out var value) ? tokens.Validate(value, TokenPurpose.Client) : null;
}
