using System.Net;
using System.Text;
using AngleSharp.Html.Parser;

namespace NkWatch.Core.Feeds;

/// <summary>Reduces untrusted HTML from a feed to plain text with a real HTML parser.</summary>
public static class HtmlText
{
    private static readonly HtmlParser Parser = new();

    public static string ToPlainText(string? html, int maxLength = 2000)
    {
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }

        string text;
        if (html.AsSpan().IndexOfAny('<', '&') < 0)
        {
            text = html;
        }
        else
        {
            var document = Parser.ParseDocument(string.Empty);
            var body = document.Body!;
            var nodes = Parser.ParseFragment(html, body);
            var builder = new StringBuilder(html.Length);
            foreach (var node in nodes)
            {
                AppendText(node, builder);
            }

            text = builder.ToString();
        }

        return Truncate(FoldWhitespace(text), maxLength);
    }

    private static void AppendText(AngleSharp.Dom.INode node, StringBuilder builder)
    {
        switch (node)
        {
            case AngleSharp.Dom.IText textNode:
                builder.Append(textNode.Data);
                return;
            case AngleSharp.Dom.IElement element when element.LocalName is "script" or "style" or "noscript" or "template":
                return;
            case AngleSharp.Dom.IElement element when element.LocalName is "br" or "p" or "div" or "li" or "tr" or "h1" or "h2" or "h3" or "h4":
                builder.Append(' ');
                break;
        }

        foreach (var child in node.ChildNodes)
        {
            AppendText(child, builder);
        }
    }

    /// <summary>Collapses runs of whitespace (including non-breaking spaces) to one space and trims.</summary>
    public static string FoldWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
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
