namespace NkWatch.Web.Endpoints;

/// <summary>The HTTP routes (a contract, see DESIGN.md), without the <c>/api</c> prefix the function host adds.</summary>
public static class Routes
{
    public const string Prefix = "api";
    public const string Subscribe = "subscribe";
    public const string Subscriptions = "subscriptions";
    public const string Confirm = "subscriptions/confirm";
    public const string Preferences = "preferences";
    public const string Unsubscribe = "subscriptions/unsubscribe";
    public const string SendGridEvents = "sendgrid/events";
    public const string Matches = "matches";
    public const string MatchesAtom = "matches.atom";
    public const string Health = "health";
    public const string Assets = "assets/{name}";
}
