using System.Globalization;
using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;

namespace NkWatch.Core.Subscriptions;

/// <summary>
/// The public links in emails and pages, built on <c>App__PublicBaseUrl</c> as it is when each link
/// is made (a host serving on port 0 learns its address only once listening).
/// </summary>
public sealed class LinkBuilder(IOptionsMonitor<AppOptions> options, TokenService tokens)
{
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromDays(7);

    private string Root => options.CurrentValue.PublicBaseUrl.TrimEnd('/');

    /// <summary>The confirm link for this signup: the token names the subscriber and <see cref="Subscriber.SignupStamp"/>.</summary>
    public string Confirm(Subscriber subscriber) =>
        $"{Root}/api/subscriptions/confirm?token={tokens.Create(TokenPurpose.Confirm, subscriber.Id + ":" + subscriber.SignupStamp().ToString(CultureInfo.InvariantCulture), ConfirmLifetime)}";

    /// <summary>The subscriber id and signup stamp a confirm token was made for, or nulls.</summary>
    public static (string? SubscriberId, long SignupStamp) ReadConfirmSubject(string? subject)
    {
        var colon = subject?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 && long.TryParse(subject![(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var stamp)
            ? (subject[..colon], stamp)
            : (null, 0);
    }

    public string Preferences(string subscriberId) =>
        $"{Root}/api/preferences?token={tokens.Create(TokenPurpose.Preferences, subscriberId)}";

    public string Unsubscribe(string subscriberId) =>
        $"{Root}/api/subscriptions/unsubscribe?token={tokens.Create(TokenPurpose.Unsubscribe, subscriberId)}";

    public string Archive() => $"{Root}/api/matches";
}
