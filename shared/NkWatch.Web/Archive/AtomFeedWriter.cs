using System.Globalization;
using System.Text;
using System.Xml;

namespace NkWatch.Web.Archive;

/// <summary>
/// The archive as an Atom 1.0 feed (RFC 4287). XmlWriter escapes every value; characters XML
/// cannot carry at all (most control characters) are dropped first, since feed text is untrusted.
/// </summary>
public static class AtomFeedWriter
{
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    public static byte[] Write(ArchiveModel archive, string publicBaseUrl, string productName, Func<string, string> topicName, DateTimeOffset now)
    {
        var root = publicBaseUrl.TrimEnd('/');
        var stories = archive.Stories.OrderByDescending(s => s.StoredAt).ToList();
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = false };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", AtomNamespace);
            var filters = archive.Request.QueryString(withSearch: false);
            xml.WriteElementString("id", AtomNamespace, root + "/api/matches.atom" + filters);
            Text(xml, "title", productName + ": " + archive.Heading);
            Text(xml, "subtitle", "Stories about human rights in North Korea found by " + productName);
            xml.WriteElementString("updated", AtomNamespace, Time(stories.Count > 0 ? stories[0].StoredAt : now));
            Link(xml, "self", root + "/api/matches.atom" + filters, "application/atom+xml");
            Link(xml, "alternate", root + "/api/matches" + filters, "text/html");
            xml.WriteStartElement("author", AtomNamespace);
            xml.WriteElementString("name", AtomNamespace, Clean(productName));
            xml.WriteEndElement();
            xml.WriteStartElement("generator", AtomNamespace);
            xml.WriteString(Clean(productName));
            xml.WriteEndElement();
            foreach (var story in stories)
            {
                WriteEntry(xml, story, topicName);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    private static void WriteEntry(XmlWriter xml, ArchiveStory story, Func<string, string> topicName)
    {
        xml.WriteStartElement("entry", AtomNamespace);
        xml.WriteElementString("id", AtomNamespace, EntryId(story.ItemId));
        Text(xml, "title", story.Title.Length > 0 ? story.Title : "(untitled)");
        xml.WriteElementString("updated", AtomNamespace, Time(story.StoredAt));
        xml.WriteElementString("published", AtomNamespace, Time(story.When));
        if (story.Link is not null)
        {
            Link(xml, "alternate", story.Link, null);
        }

        xml.WriteStartElement("author", AtomNamespace);
        xml.WriteElementString("name", AtomNamespace, Clean(story.FeedName));
        xml.WriteEndElement();
        foreach (var topic in story.TopicIds)
        {
            xml.WriteStartElement("category", AtomNamespace);
            xml.WriteAttributeString("term", Clean(topic));
            xml.WriteAttributeString("label", Clean(topicName(topic)));
            xml.WriteEndElement();
        }

        var summary = story.AlsoReportedBy.Count == 0
            ? story.Summary
            : story.Summary + " (Also reported by " + string.Join(", ", story.AlsoReportedBy.Select(s => s.Label(story.Language))) + ".)";
        if (summary.Length > 0)
        {
            Text(xml, "summary", summary);
        }

        xml.WriteEndElement();
    }

    /// <summary>Item ids are 32 hex digits: written as a UUID URN, a valid and permanent IRI.</summary>
    private static string EntryId(string itemId) =>
        itemId.Length == 32 && itemId.All(char.IsAsciiHexDigit)
            ? $"urn:uuid:{itemId[..8]}-{itemId[8..12]}-{itemId[12..16]}-{itemId[16..20]}-{itemId[20..]}"
            : "urn:nkwatch:item:" + Uri.EscapeDataString(itemId);

    private static void Text(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement(name, AtomNamespace);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(Clean(value));
        xml.WriteEndElement();
    }

    private static void Link(XmlWriter xml, string rel, string href, string? type)
    {
        xml.WriteStartElement("link", AtomNamespace);
        xml.WriteAttributeString("rel", rel);
        if (type is not null)
        {
            xml.WriteAttributeString("type", type);
        }

        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The text without the characters XML 1.0 forbids; surrogate pairs (emoji, rare CJK) are kept whole.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text, i, 2);
                i++;
            }
        }

        return clean.Length == text.Length ? text : clean.ToString();
    }
}
