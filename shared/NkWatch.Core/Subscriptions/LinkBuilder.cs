using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;

namespace NkWatch.Core.Subscriptions;

/// <summary>The public links in emails and pages, built on <c>App__PublicBaseUrl</c>.</summary>
public sealed class LinkBuilder(IOptions<AppOptions> options, TokenService tokens)
{
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromDays(7);

    private readonly string root = options.Value.PublicBaseUrl.TrimEnd('/');

    public string Confirm(string subscriberId) =>
        $"{root}/api/subscriptions/confirm?token={tokens.Create(TokenPurpose.Confirm, subscriberId, ConfirmLifetime)}";

    public string Preferences(string subscriberId) =>
        $"{root}/api/preferences?token={tokens.Create(TokenPurpose.Preferences, subscriberId)}";

    public string Unsubscribe(string subscriberId) =>
        $"{root}/api/subscriptions/unsubscribe?token={tokens.Create(TokenPurpose.Unsubscribe, subscriberId)}";

    public string Archive() => $"{root}/api/matches";
}
