using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace NkWatch.Core.Feeds;

/// <summary>
/// Reduces untrusted HTML from a feed to plain text with a real HTML parser (AngleSharp): tags
/// removed, script and style dropped, entities decoded, whitespace folded, length capped. Text
/// without markup skips the parser: most feed titles and many summaries are plain.
/// </summary>
public static class HtmlText
{
    [ThreadStatic]
    private static HtmlParser? parser;

    [ThreadStatic]
    private static IElement? context;

    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal) { "script", "style", "noscript", "template", "iframe", "object", "svg", "math", "head", "title" };

    private static readonly HashSet<string> Breaking = new(StringComparer.Ordinal)
    {
        "br", "p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article", "figure", "figcaption", "hr", "dd", "dt",
    };

    public static string ToPlainText(string? html, int maxLength = 2000)
    {
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }

        string text;
        if (!HasMarkup(html))
        {
            text = html.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(html) : html;
        }
        else
        {
            var builder = new StringBuilder(html.Length);
            foreach (var node in Parse(html))
            {
                AppendText(node, builder);
            }

            text = builder.ToString();
        }

        return Truncate(FoldWhitespace(text), maxLength);
    }

    /// <summary>Text that is plain by declaration (Atom <c>type="text"</c>): only folded and capped.</summary>
    public static string FromPlain(string? text, int maxLength = 2000) =>
        string.IsNullOrEmpty(text) ? string.Empty : Truncate(FoldWhitespace(text), maxLength);

    /// <summary>True when a '&lt;' opens something tag-like; "a &lt; b" is text, not markup.</summary>
    private static bool HasMarkup(string html)
    {
        for (var i = html.IndexOf('<', StringComparison.Ordinal); i >= 0 && i < html.Length - 1; i = html.IndexOf('<', i + 1))
        {
            var c = html[i + 1];
            if (char.IsAsciiLetter(c) || c is '/' or '!' or '?')
            {
                return true;
            }
        }

        return false;
    }

    private static INodeList Parse(string html)
    {
        parser ??= new HtmlParser(new HtmlParserOptions { IsScripting = false });
        context ??= parser.ParseDocument(string.Empty).Body!;
        return parser.ParseFragment(html, context);
    }

    private static void AppendText(INode node, StringBuilder builder)
    {
        switch (node)
        {
            case IText textNode:
                builder.Append(textNode.Data);
                return;
            case IElement element when Dropped.Contains(element.LocalName):
                return;
            case IElement element when Breaking.Contains(element.LocalName):
                builder.Append(' ');
                break;
        }

        foreach (var child in node.ChildNodes)
        {
            AppendText(child, builder);
        }

        if (node is IElement { LocalName: var name } && Breaking.Contains(name))
        {
            builder.Append(' ');
        }
    }

    /// <summary>Collapses runs of whitespace and control characters to one space and trims.</summary>
    public static string FoldWhitespace(string text)
    {
        if (!NeedsFolding(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c == '\uFEFF')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool NeedsFolding(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        if (text[0] == ' ' || text[^1] == ' ')
        {
            return true;
        }

        var previousSpace = false;
        foreach (var c in text)
        {
            var space = c == ' ';
            if ((space && previousSpace) || (!space && (char.IsWhiteSpace(c) || char.IsControl(c) || c == '\uFEFF')))
            {
                return true;
            }

            previousSpace = space;
        }

        return false;
    }

    /// <summary>Cuts at a word boundary and marks the cut with an ellipsis.</summary>
    public static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', maxLength - 1);
        if (cut < maxLength / 2)
        {
            cut = maxLength - 1;
        }

        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut].TrimEnd() + "…";
    }

    /// <summary>Decodes entities in text that is known not to hold markup (e.g. an escaped title).</summary>
    public static string Decode(string text) => WebUtility.HtmlDecode(text);
}
