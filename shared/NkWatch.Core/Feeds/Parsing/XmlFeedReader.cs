using System.Xml.Linq;
using CodeHollow.FeedReader.Feeds;

namespace NkWatch.Core.Feeds;

/// <summary>
/// Reads RSS 0.9x/1.0/2.0 and Atom (1.0 and 0.3) from an already loaded document with
/// CodeHollow.FeedReader's feed classes (which take the document as it is, so the XML is parsed
/// once), and patches what the library gets wrong: summaries are taken from the raw elements (its
/// RSS <c>Content</c> is HTML-decoded twice), Atom text constructs keep their declared type, Atom
/// entries with only <c>&lt;updated&gt;</c> keep a date, dc:date counts, a permalink guid stands in
/// for a missing link, and xml:base is honoured.
/// </summary>
internal static class XmlFeedReader
{
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace DublinCoreTerms = "http://purl.org/dc/terms/";

    public static RawFeed Read(XDocument document, string text)
    {
        var root = document.Root ?? throw new FeedParseException("not a feed: the document has no root element");
        switch (root.Name.LocalName.ToLowerInvariant())
        {
            case "rss":
            {
                // An <rss> with no channel is an empty feed, not an error.
                var channel = Child(root, "channel") ?? new XElement("channel");
                var version = ((string?)root.Attribute("version"))?.Trim();
                BaseFeed feed = version switch
                {
                    "0.91" => new Rss091Feed(text, channel),
                    "0.92" => new Rss092Feed(text, channel),
                    _ => new Rss20Feed(text, channel),
                };
                var title = string.IsNullOrWhiteSpace(feed.Title) ? channel.Element(DublinCore + "title")?.Value : feed.Title;
                return new RawFeed(version is "0.91" or "0.92" or "0.9" ? "rss0.9x" : "rss2.0", title, TextKind.Html, feed.Link, ReadRssItems(feed));
            }

            case "rdf":
            {
                // The library reads items beside the channel, so a missing channel is added to the root;
                // an existing one is used as it is (adding it again would clone it).
                var channel = Child(root, "channel");
                if (channel is null)
                {
                    channel = new XElement(root.Name.Namespace + "channel");
                    root.Add(channel);
                }

                var feed = new Rss10Feed(text, channel);
                return new RawFeed("rss1.0", feed.Title, TextKind.Html, feed.Link, ReadRssItems(feed));
            }

            case "feed":
                return ReadAtom(root, text);

            case "html":
                throw new FeedParseException("not a feed: an HTML page");

            default:
                throw new FeedParseException($"not a feed: the document's root element is <{Truncated(root.Name.LocalName)}>");
        }
    }

    private static List<RawItem> ReadRssItems(BaseFeed feed)
    {
        var items = new List<RawItem>(feed.Items.Count);
        foreach (var item in feed.Items)
        {
            var element = item.Element;
            var guidElement = Child(element, "guid");
            var guid = item switch
            {
                Rss20FeedItem rss => rss.Guid,
                Rss10FeedItem rdf => rdf.About,
                _ => null,
            } ?? guidElement?.Value;

            // RSS 2.0: a guid is a permalink unless isPermaLink="false".
            var link = Child(element, "link")?.Value ?? item.Link;
            if (string.IsNullOrWhiteSpace(link) && guidElement is not null && !"false".Equals((string?)guidElement.Attribute("isPermaLink"), StringComparison.OrdinalIgnoreCase))
            {
                link = guidElement.Value;
            }

            var summary = Child(element, "description")?.Value;
            if (string.IsNullOrWhiteSpace(summary))
            {
                summary = element.Element(Content + "encoded")?.Value;
            }

            // An XHTML <body> inside the item is its content in some older feeds.
            if (string.IsNullOrWhiteSpace(summary) && element.Elements().FirstOrDefault(e => e.Name.LocalName == "body") is { } body)
            {
                summary = InlineMarkup(body);
            }

            items.Add(new RawItem
            {
                Title = Child(element, "title")?.Value ?? element.Element(DublinCore + "title")?.Value ?? item.Title,
                Link = link,
                Guid = guid,
                Published = Child(element, "pubDate")?.Value ?? element.Element(DublinCore + "date")?.Value ?? element.Element(DublinCoreTerms + "issued")?.Value,
                Updated = element.Element(DublinCoreTerms + "modified")?.Value,
                Summary = summary,
            });
        }

        return items;
    }

    private static RawFeed ReadAtom(XElement root, string text)
    {
        var feed = new AtomFeed(text, root);
        var items = new List<RawItem>(feed.Items.Count);
        foreach (var entry in feed.Items.Select(i => i.Element))
        {
            var linkElement = AlternateLink(entry);
            var (title, titleKind) = TextConstruct(Child(entry, "title"));
            var summaryElement = Child(entry, "summary");
            if (summaryElement is null || string.IsNullOrWhiteSpace(summaryElement.Value))
            {
                summaryElement = Child(entry, "content") ?? summaryElement;
            }

            var (summary, summaryKind) = TextConstruct(summaryElement);
            items.Add(new RawItem
            {
                Title = title,
                TitleKind = titleKind,
                Link = (string?)linkElement?.Attribute("href"),
                XmlBases = linkElement is null ? [] : XmlBases(linkElement),
                Guid = Child(entry, "id")?.Value,
                Published = (Child(entry, "published") ?? Child(entry, "issued") ?? Child(entry, "created"))?.Value,
                Updated = (Child(entry, "updated") ?? Child(entry, "modified"))?.Value,
                Summary = summary,
                SummaryKind = summaryKind,
            });
        }

        var (feedTitle, feedTitleKind) = TextConstruct(Child(root, "title"));
        var feedLink = AlternateLink(root);
        return new RawFeed("atom", feedTitle, feedTitleKind, (string?)feedLink?.Attribute("href"), items);
    }

    /// <summary>rel="alternate" (or no rel), preferring HTML; else the first link that is not "self".</summary>
    private static XElement? AlternateLink(XElement parent)
    {
        XElement? fallback = null;
        foreach (var link in parent.Elements().Where(e => e.Name.LocalName == "link"))
        {
            var rel = (string?)link.Attribute("rel");
            if (rel is null or "alternate")
            {
                var type = (string?)link.Attribute("type");
                if (type is null || type.Contains("html", StringComparison.OrdinalIgnoreCase))
                {
                    return link;
                }
            }

            if (rel is not "self" and not "hub" and not "edit" and not "replies")
            {
                fallback ??= link;
            }
        }

        return fallback;
    }

    /// <summary>An Atom text construct: "text" (the default) is plain, "html" is markup, "xhtml" is inline markup.</summary>
    private static (string? Text, TextKind Kind) TextConstruct(XElement? element)
    {
        if (element is null)
        {
            return (null, TextKind.Plain);
        }

        var type = ((string?)element.Attribute("type"))?.Trim().ToLowerInvariant();
        var mode = ((string?)element.Attribute("mode"))?.Trim().ToLowerInvariant();
        // Atom 1.0 carries any other media type base64-encoded (RFC 4287, 3.1.1.3 and 4.1.3.3).
        var binary = type is not null && type.Contains('/', StringComparison.Ordinal) && !type.StartsWith("text/", StringComparison.Ordinal) && !type.EndsWith("xml", StringComparison.Ordinal);
        var value = mode == "base64" || binary ? FromBase64(element.Value) : element.Value;
        return type switch
        {
            "xhtml" or "application/xhtml+xml" when mode != "base64" && mode != "escaped" => (InlineMarkup(element), TextKind.Html),
            "html" or "text/html" or "xhtml" or "application/xhtml+xml" => (value, TextKind.Html),
            _ when mode == "escaped" => (value, TextKind.Html),
            _ => (value, TextKind.Plain),
        };
    }

    /// <summary>
    /// Inline XHTML as HTML text, with namespace prefixes removed: an <c>xhtml:script</c> must reach
    /// the HTML parser as <c>script</c> to be recognised (and dropped).
    /// </summary>
    private static string InlineMarkup(XElement container) => string.Concat(container.Nodes().Select(WithoutNamespaces));

    private static XNode WithoutNamespaces(XNode node) => node is XElement element
        ? new XElement(
            element.Name.LocalName,
            element.Attributes().Where(a => !a.IsNamespaceDeclaration).DistinctBy(a => a.Name.LocalName).Select(a => new XAttribute(a.Name.LocalName, a.Value)),
            element.Nodes().Select(WithoutNamespaces))
        : node;

    /// <summary>Atom 0.3's mode="base64"; text that is not base64 is kept as it is.</summary>
    private static string FromBase64(string text)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(text.Trim()));
        }
        catch (FormatException)
        {
            return text;
        }
    }

    private static List<string> XmlBases(XElement element)
    {
        var bases = new List<string>();
        for (var current = element; current is not null; current = current.Parent)
        {
            if (current.Attribute(XNamespace.Xml + "base") is { } attribute)
            {
                bases.Insert(0, attribute.Value);
            }
        }

        return bases;
    }

    /// <summary>A child by local name, in the parent's namespace or none (RSS modules put their own "title" beside it).</summary>
    private static XElement? Child(XElement parent, string localName)
    {
        XElement? other = null;
        foreach (var child in parent.Elements())
        {
            if (child.Name.LocalName != localName)
            {
                continue;
            }

            if (child.Name.Namespace == parent.Name.Namespace || child.Name.Namespace == XNamespace.None)
            {
                return child;
            }

            other ??= child;
        }

        return other;
    }

    private static string Truncated(string name) => name.Length <= 40 ? name : name[..40];
}
