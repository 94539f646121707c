using NkWatch.Core.Subscriptions;

namespace NkWatch.Web.Handlers;

/// <summary>Links between the pages, relative to this site, each with a fresh token for its purpose.</summary>
public sealed class TokenLinks(TokenService tokens)
{
    public string Preferences(string subscriberId) =>
        "/api/preferences?token=" + Uri.EscapeDataString(tokens.Create(TokenPurpose.Preferences, subscriberId));

    public string Unsubscribe(string subscriberId) =>
        "/api/subscriptions/unsubscribe?token=" + Uri.EscapeDataString(tokens.Create(TokenPurpose.Unsubscribe, subscriberId));
}
