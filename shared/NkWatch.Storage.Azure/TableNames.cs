namespace NkWatch.Storage.Azure;

/// <summary>The tables the app uses (the Bicep template creates them too).</summary>
public static class TableNames
{
    public const string FeedState = "feedstate";
    public const string Items = "items";
    public const string Matches = "matches";
    public const string MatchTerms = "matchterms";
    public const string Subscribers = "subscribers";
    public const string DigestLog = "digestlog";
    public const string Stories = "stories";
    public const string RateLimits = "ratelimits";
    public const string WebhookEvents = "webhookevents";

    public static readonly IReadOnlyList<string> All = [FeedState, Items, Matches, MatchTerms, Subscribers, DigestLog, Stories, RateLimits, WebhookEvents];
}
