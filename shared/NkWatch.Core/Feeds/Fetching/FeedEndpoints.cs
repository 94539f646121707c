using Microsoft.Extensions.Options;

namespace NkWatch.Core.Feeds;

/// <summary>Where a catalogue entry is fetched from, or why it is not fetched as configured.</summary>
public sealed record FeedEndpoint(Uri? Url, string? NotPolled);

/// <summary>
/// Turns a catalogue entry into the URL a poll fetches. A feed is fetched at its URL; a ReliefWeb
/// API query gets the deployment's approved appname added, and without one it is not fetched at
/// all (ReliefWeb refuses unapproved names, and a request that is sure to fail is not sent).
/// </summary>
public sealed class FeedEndpoints(IOptions<ReliefWebOptions> reliefWeb)
{
    public const string AppNameMissing = "not polled: ReliefWeb's API needs an approved appname; set ReliefWeb__AppName";

    public FeedEndpoint Resolve(FeedSource feed)
    {
        if (feed.Type != FeedTypes.ReliefWebApi)
        {
            return new FeedEndpoint(new Uri(feed.Url), null);
        }

        var appName = reliefWeb.Value.AppName;
        if (string.IsNullOrWhiteSpace(appName))
        {
            return new FeedEndpoint(null, AppNameMissing);
        }

        var separator = feed.Url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return new FeedEndpoint(new Uri(feed.Url + separator + "appname=" + Uri.EscapeDataString(appName.Trim())), null);
    }

    /// <summary>A failed fetch's reason, in the terms of the feed's type: ReliefWeb's 403 is about the appname, not the User-Agent.</summary>
    public static string Explain(FeedSource feed, FetchResult fetched) =>
        feed.Type == FeedTypes.ReliefWebApi && fetched.StatusCode == 403
            ? "refused by ReliefWeb (403): the appname is not one it approved; check ReliefWeb__AppName"
            : fetched.Error ?? "no content";
}
