using Microsoft.AspNetCore.Http;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Web.Handlers;

/// <summary>The signed links between the pages: reading a request's token, and making links (relative to this site) with fresh ones.</summary>
public sealed class TokenLinks(TokenService tokens)
{
    /// <summary>The request's <c>token</c> and the subscriber it was made for, or a null id when it is forged, altered, expired or for another purpose.</summary>
    public (string Token, string? SubscriberId) Read(HttpRequest request, TokenPurpose purpose)
    {
        var token = request.Query["token"].ToString();
        return (token, tokens.Validate(token, purpose));
    }

    public string Preferences(string subscriberId) =>
        "/api/preferences?token=" + Uri.EscapeDataString(tokens.Create(TokenPurpose.Preferences, subscriberId));

    public string Unsubscribe(string subscriberId) =>
        "/api/subscriptions/unsubscribe?token=" + Uri.EscapeDataString(tokens.Create(TokenPurpose.Unsubscribe, subscriberId));
}
