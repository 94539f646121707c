using System.Xml;
using System.Xml.Linq;

namespace NkWatch.Core.Feeds;

/// <summary>
/// Loads feed XML without ever expanding an entity or reading an external resource: a DTD that
/// declares entities is refused outright, any other DOCTYPE (RSS 0.91's Netscape one) is ignored,
/// and no resolver is set. Common prefixes (dc:, content:, media:...) resolve even when the feed
/// forgot to declare them; a document that is not well-formed gets one repair attempt
/// (<see cref="XmlRepair"/>) before it is refused.
/// </summary>
internal static class SafeXml
{
    private static readonly (string Prefix, string Uri)[] WellKnownPrefixes =
    [
        ("dc", "http://purl.org/dc/elements/1.1/"),
        ("dcterms", "http://purl.org/dc/terms/"),
        ("content", "http://purl.org/rss/1.0/modules/content/"),
        ("atom", "http://www.w3.org/2005/Atom"),
        ("media", "http://search.yahoo.com/mrss/"),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd"),
        ("slash", "http://purl.org/rss/1.0/modules/slash/"),
        ("wfw", "http://wellformedweb.org/CommentAPI/"),
        ("sy", "http://purl.org/rss/1.0/modules/syndication/"),
        ("feedburner", "http://rssnamespace.org/feedburner/ext/1.0"),
        ("georss", "http://www.georss.org/georss"),
        ("geo", "http://www.w3.org/2003/01/geo/wgs84_pos#"),
        ("xhtml", "http://www.w3.org/1999/xhtml"),
    ];

    public static XDocument Load(string text)
    {
        text = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        RefuseEntityDeclarations(text);
        try
        {
            return LoadOnce(text);
        }
        catch (XmlException first)
        {
            var repaired = XmlRepair.Repair(text);
            if (ReferenceEquals(repaired, text))
            {
                throw NotWellFormed(first);
            }

            try
            {
                return LoadOnce(repaired);
            }
            catch (XmlException)
            {
                throw NotWellFormed(first);
            }
        }
    }

    private static XDocument LoadOnce(string text)
    {
        var names = new NameTable();
        var namespaces = new XmlNamespaceManager(names);
        foreach (var (prefix, uri) in WellKnownPrefixes)
        {
            namespaces.AddNamespace(prefix, uri);
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            NameTable = names,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = 64 * 1024 * 1024,
        };
        using var reader = XmlReader.Create(new StringReader(text), settings, new XmlParserContext(names, namespaces, null, XmlSpace.None));
        return XDocument.Load(reader, LoadOptions.None);
    }

    /// <summary>Entity declarations are how billion-laughs and external-entity attacks begin.</summary>
    private static void RefuseEntityDeclarations(string text)
    {
        var doctype = text.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
        if (doctype >= 0 && text.IndexOf("<!ENTITY", doctype, StringComparison.OrdinalIgnoreCase) >= 0)
        {
            throw new FeedParseException("refused: the document's DTD declares entities (entity expansion and external entities are not allowed)");
        }
    }

    private static FeedParseException NotWellFormed(XmlException ex) =>
        new($"not well-formed XML: {ex.Message}", ex);
}
