namespace NkWatch.Core.Feeds;

/// <summary>
/// Turns a format's raw items into <see cref="FeedEntry"/>s: plain-text titles and summaries,
/// absolute canonical links (relative ones resolved against xml:base, the feed's link or where it
/// was fetched), dates read culture-invariantly with future ones clamped to now, and ids that
/// identify the story.
/// </summary>
internal sealed class FeedNormalizer(TimeProvider clock)
{
    public const int MaxSummaryLength = 1200;
    public const int MaxTitleLength = 400;
    private const int DerivedTitleLength = 120;

    public ParsedFeed Normalize(RawFeed raw, Uri? location, string feedId)
    {
        var feedLink = LinkCanonicalizer.Canonicalize(raw.Link, location);
        // Relative links: Atom's are relative to the document (and xml:base); an RSS feed's, which
        // its spec does not allow, mean the site named in its channel link, not the feed's host.
        var siteUri = feedLink is not null ? new Uri(feedLink) : null;
        var baseUri = raw.Format == "atom" ? location ?? siteUri : siteUri ?? location;
        var now = clock.GetUtcNow();
        var drafts = new List<Draft>(raw.Items.Count);
        foreach (var item in raw.Items)
        {
            var draft = ToDraft(item, baseUri, now);
            if (draft is not null)
            {
                drafts.Add(draft);
            }
        }

        var shared = SharedLinks(drafts);
        var entries = new List<FeedEntry>(drafts.Count);
        foreach (var d in drafts)
        {
            // A link that several different items share (a feed pointing every item at its home
            // page) does not identify a story; fall back to the guid, else to the text.
            var identifyingLink = d.Link is not null && !shared.Contains(d.Link) ? d.Link : null;
            // Without a link, the guid is all that identifies the item, and some feeds regenerate
            // it: the fingerprint (feed, title, summary) recognises the post under its new guid.
            var fingerprint = identifyingLink is null ? ItemIdentity.Fingerprint(feedId, d.Title, d.Summary) : string.Empty;
            var id = identifyingLink is not null || d.Guid is not null
                ? ItemIdentity.For(identifyingLink, d.Guid, feedId)
                : fingerprint;
            entries.Add(new FeedEntry(id, d.Guid, d.Title, d.Link, d.Published, d.Summary) { Fingerprint = fingerprint });
        }

        var title = Text(raw.Title, raw.TitleKind, MaxTitleLength);
        return new ParsedFeed(title.Length > 0 ? title : feedLink ?? location?.Host ?? string.Empty, feedLink, raw.Format, entries) { Warning = raw.Warning };
    }

    private static Draft? ToDraft(RawItem item, Uri? baseUri, DateTimeOffset now)
    {
        var itemBase = ResolveBases(baseUri, item.XmlBases);
        var link = LinkCanonicalizer.Canonicalize(item.Link, itemBase);
        var guid = string.IsNullOrWhiteSpace(item.Guid) ? null : item.Guid.Trim();
        var summary = Text(item.Summary, item.SummaryKind, MaxSummaryLength);
        var title = Text(item.Title, item.TitleKind, MaxTitleLength);
        if (title.Length == 0 && summary.Length == 0 && link is null)
        {
            return null;
        }

        if (title.Length == 0)
        {
            title = summary.Length > 0 ? HtmlText.Truncate(summary, DerivedTitleLength) : link!;
        }

        var published = FeedDateParser.Parse(item.Published) ?? FeedDateParser.Parse(item.Updated);
        if (published > now)
        {
            published = now;
        }

        return new Draft(guid, title, link, published, summary);
    }

    private static string Text(string? text, TextKind kind, int maxLength) =>
        kind == TextKind.Html ? HtmlText.ToPlainText(text, maxLength) : HtmlText.FromPlain(text, maxLength);

    private static Uri? ResolveBases(Uri? baseUri, IReadOnlyList<string> bases)
    {
        var current = baseUri;
        foreach (var xmlBase in bases)
        {
            if (Uri.TryCreate(xmlBase.Trim(), UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            {
                current = absolute;
            }
            else if (current is not null && Uri.TryCreate(current, xmlBase.Trim(), out var relative))
            {
                current = relative;
            }
        }

        return current;
    }

    /// <summary>Links carried by two or more items with different titles.</summary>
    private static HashSet<string> SharedLinks(List<Draft> drafts)
    {
        var shared = new HashSet<string>(StringComparer.Ordinal);
        var firstTitle = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in drafts)
        {
            if (d.Link is null)
            {
                continue;
            }

            if (!firstTitle.TryAdd(d.Link, d.Title) && firstTitle[d.Link] != d.Title)
            {
                shared.Add(d.Link);
            }
        }

        return shared;
    }

    private sealed record Draft(string? Guid, string Title, string? Link, DateTimeOffset? Published, string Summary);
}
