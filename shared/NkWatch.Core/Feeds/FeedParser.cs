using System.Text.Json;
using System.Xml;
using CodeHollow.FeedReader;

namespace NkWatch.Core.Feeds;

/// <summary>
/// Parses RSS, Atom and JSON Feed with CodeHollow.FeedReader behind the checks it lacks: the
/// encoding is decided here, DTDs are refused before the library sees the text (it would expand
/// entities), and every field is normalised to plain text, absolute links and reliable dates.
/// </summary>
public sealed class FeedParser(TimeProvider clock)
{
    public const int MaxSummaryLength = 1200;
    public const int MaxTitleLength = 400;

    public ParsedFeed Parse(ReadOnlySpan<byte> body, string? contentType, Uri? location, string feedId)
    {
        if (body.IsEmpty)
        {
            throw new FeedParseException("empty body: no feed");
        }

        var text = FeedTextDecoder.Decode(body, contentType);
        var start = text.AsSpan().TrimStart();
        if (start.IsEmpty)
        {
            throw new FeedParseException("empty body: no feed");
        }

        Feed feed = start[0] switch
        {
            '{' => ReadJsonFeed(text),
            '<' => ReadXmlFeed(text),
            _ => throw new FeedParseException("not a feed: the body is neither XML nor JSON"),
        };
        return Normalize(feed, location, feedId);
    }

    private static Feed ReadJsonFeed(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            if (!json.RootElement.TryGetProperty("version", out var version)
                || version.ValueKind != JsonValueKind.String
                || !version.GetString()!.Contains("jsonfeed.org", StringComparison.OrdinalIgnoreCase))
            {
                throw new FeedParseException("not a feed: JSON without a JSON Feed \"version\"");
            }
        }
        catch (JsonException ex)
        {
            throw new FeedParseException($"not a feed: invalid JSON ({ex.Message})", ex);
        }

        return FeedReader.ReadFromString(text);
    }

    private static Feed ReadXmlFeed(string text)
    {
        var root = CheckXml(text);
        if (root is not ("rss" or "feed" or "RDF"))
        {
            throw new FeedParseException($"not a feed: the document's root element is <{root}>");
        }

        try
        {
            return FeedReader.ReadFromString(text);
        }
        catch (Exception ex) when (ex is XmlException or FormatException or InvalidOperationException or NullReferenceException)
        {
            throw new FeedParseException($"unreadable feed: {ex.Message}", ex);
        }
    }

    /// <summary>Reads the whole document with DTDs prohibited; returns the root element's local name.</summary>
    private static string CheckXml(string text)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            string? root = null;
            while (reader.Read())
            {
                if (root is null && reader.NodeType == XmlNodeType.Element)
                {
                    root = reader.LocalName;
                }
            }

            return root ?? throw new FeedParseException("not a feed: no root element");
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedParseException("refused: the document declares a DTD (entity expansion is not allowed)", ex);
        }
        catch (XmlException ex)
        {
            throw new FeedParseException($"not well-formed XML: {ex.Message}", ex);
        }
    }

    private ParsedFeed Normalize(Feed feed, Uri? location, string feedId)
    {
        var feedLink = LinkCanonicalizer.Canonicalize(feed.Link, location);
        var baseUri = feedLink is not null ? new Uri(feedLink) : location;
        var now = clock.GetUtcNow();
        var items = new List<FeedEntry>(feed.Items.Count);
        foreach (var item in feed.Items)
        {
            var link = LinkCanonicalizer.Canonicalize(item.Link, baseUri);
            var guid = string.IsNullOrWhiteSpace(item.Id) ? null : item.Id.Trim();
            var title = HtmlText.ToPlainText(item.Title, MaxTitleLength);
            var summary = HtmlText.ToPlainText(item.Description ?? item.Content, MaxSummaryLength);
            if (title.Length == 0 && summary.Length == 0 && link is null && guid is null)
            {
                continue;
            }

            var published = FeedDateParser.Parse(item.PublishingDateString) ?? ToOffset(item.PublishingDate);
            if (published > now)
            {
                published = now;
            }

            items.Add(new FeedEntry(ItemIdentity.For(link, guid ?? title, feedId), guid, title, link, published, summary));
        }

        var format = feed.Type switch
        {
            FeedType.Atom => "atom",
            FeedType.Rss_1_0 => "rss1.0",
            FeedType.Rss_0_91 or FeedType.Rss_0_92 => "rss0.9x",
            FeedType.MediaRss or FeedType.Rss or FeedType.Rss_2_0 => "rss2.0",
            _ => "json",
        };
        return new ParsedFeed(HtmlText.ToPlainText(feed.Title, MaxTitleLength), feedLink, format, items);
    }

    private static DateTimeOffset? ToOffset(DateTime? value) =>
        value is { } date ? new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)) : null;
}
