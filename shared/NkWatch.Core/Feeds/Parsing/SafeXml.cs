using System.Xml;
using System.Xml.Linq;

namespace NkWatch.Core.Feeds;

/// <summary>
/// Loads feed XML without ever expanding an entity or reading an external resource: a DTD that
/// declares entities is refused outright, any other DOCTYPE (RSS 0.91's Netscape one) is ignored,
/// and no resolver is set. Common prefixes (dc:, content:, media:...) resolve even when the feed
/// forgot to declare them. A document that is not well-formed gets one repair attempt
/// (<see cref="XmlRepair"/>); if it still breaks, what was read before the break (a feed cut off
/// in transit, say) is kept and the loss reported as a warning.
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

    /// <summary>The document, and a warning when only part of it could be read.</summary>
    public static (XDocument Document, string? Warning) Load(string text)
    {
        text = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        RefuseEntityDeclarations(text);
        var (document, error) = Build(text);
        if (error is null)
        {
            return (document, null);
        }

        var repaired = XmlRepair.Repair(text);
        if (!ReferenceEquals(repaired, text))
        {
            var (second, secondError) = Build(repaired);
            if (secondError is null)
            {
                return (second, null);
            }

            if (second.Root is not null)
            {
                document = second;
                error = secondError;
            }
        }

        return document.Root is null
            ? throw new FeedParseException($"not well-formed XML: {error.Message}", error)
            : (document, $"not well-formed XML, read up to line {error.LineNumber}: {error.Message}".ReplaceLineEndings(" "));
    }

    /// <summary>Builds the tree node by node so that an error leaves what was read before it.</summary>
    private static (XDocument Document, XmlException? Error) Build(string text)
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
        var document = new XDocument();
        XContainer current = document;
        using var reader = XmlReader.Create(new StringReader(text), settings, new XmlParserContext(names, namespaces, null, XmlSpace.None));
        try
        {
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        var element = ReadElement(reader);
                        current.Add(element);
                        if (!reader.IsEmptyElement)
                        {
                            current = element;
                        }

                        break;
                    case XmlNodeType.EndElement:
                        current = current.Parent ?? (XContainer)document;
                        break;
                    case XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when current is XElement:
                        current.Add(new XText(reader.Value));
                        break;
                    case XmlNodeType.CDATA when current is XElement:
                        current.Add(new XCData(reader.Value));
                        break;
                }
            }

            return (document, null);
        }
        catch (XmlException ex)
        {
            return (document, ex);
        }
    }

    private static XElement ReadElement(XmlReader reader)
    {
        var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                // Namespace declarations are kept: the library looks prefixes up through them.
                var name = reader.NamespaceURI == XNamespace.Xmlns.NamespaceName
                    ? reader.Prefix.Length == 0 ? XName.Get("xmlns") : XNamespace.Xmlns + reader.LocalName
                    : XName.Get(reader.LocalName, reader.NamespaceURI);
                element.SetAttributeValue(name, reader.Value);
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }

        return element;
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
}
