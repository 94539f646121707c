using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using NkWatch.Core.Configuration;
using Microsoft.Extensions.Options;

namespace NkWatch.Core.Digests;

/// <summary>The rendered parts of a digest email.</summary>
public sealed record RenderedDigest(string Subject, string Html, string Text);

/// <summary>
/// Renders a digest as email-safe HTML (tables, inline styles) and plain text. Every piece of feed
/// text goes through the HTML encoder; links are emitted only when they are http or https.
/// </summary>
public sealed class DigestRenderer(IOptions<AppOptions> options)
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;
    private readonly AppOptions app = options.Value;

    public RenderedDigest Render(Digest digest) => new(Subject(digest), Html(digest), Text(digest));

    public static string Subject(Digest digest)
    {
        var first = digest.Sections.SelectMany(s => s.Stories).FirstOrDefault()?.Title ?? string.Empty;
        var subject = string.Create(CultureInfo.InvariantCulture, $"{digest.StoryCount} new: {first}");
        return SingleLine(subject, 140);
    }

    private string Html(Digest digest)
    {
        var html = new StringBuilder(4096);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        html.Append("<title>").Append(Encoder.Encode(Subject(digest))).Append("</title></head>");
        html.Append("<body style=\"margin:0;padding:0;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a\">");
        html.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td align=\"center\">");
        html.Append("<table role=\"presentation\" width=\"600\" cellpadding=\"16\" cellspacing=\"0\" style=\"max-width:600px;background:#ffffff\">");
        html.Append("<tr><td><h1 style=\"font-size:20px;margin:0\">").Append(Encoder.Encode(app.ProductName)).Append(" alert</h1></td></tr>");
        foreach (var section in digest.Sections)
        {
            html.Append("<tr><td><h2 style=\"font-size:16px;margin:0;border-bottom:2px solid #20558a\">")
                .Append(Encoder.Encode(section.TopicName)).Append("</h2></td></tr>");
            foreach (var story in section.Stories)
            {
                AppendStory(html, story);
            }
        }

        html.Append("<tr><td style=\"font-size:12px;color:#555\">");
        html.Append("<a href=\"").Append(Encoder.Encode(digest.PreferencesUrl)).Append("\">Preferences</a> · ");
        html.Append("<a href=\"").Append(Encoder.Encode(digest.UnsubscribeUrl)).Append("\">Unsubscribe</a> · ");
        html.Append("<a href=\"").Append(Encoder.Encode(digest.ArchiveUrl)).Append("\">Archive</a>");
        if (app.OperatorAddress.Length > 0)
        {
            html.Append("<br>").Append(Encoder.Encode(app.OperatorAddress));
        }

        html.Append("</td></tr></table></td></tr></table></body></html>");
        return html.ToString();
    }

    private static void AppendStory(StringBuilder html, DigestStory story)
    {
        html.Append("<tr><td style=\"padding:8px 16px\">");
        var link = SafeLink.Http(story.Link);
        html.Append("<div style=\"font-size:15px;font-weight:bold\">");
        if (link is not null)
        {
            html.Append("<a style=\"color:#20558a\" href=\"").Append(Encoder.Encode(link)).Append("\">").Append(Encoder.Encode(story.Title)).Append("</a>");
        }
        else
        {
            html.Append(Encoder.Encode(story.Title));
        }

        html.Append("</div><div style=\"font-size:12px;color:#555\">").Append(Encoder.Encode(SourceLine(story.Primary))).Append("</div>");
        html.Append("<p style=\"font-size:14px;margin:4px 0\">").Append(Encoder.Encode(Snippet(story.Summary))).Append("</p>");
        if (story.AlsoReportedBy.Count > 0)
        {
            html.Append("<div style=\"font-size:12px;color:#555\">Also reported by ");
            var first = true;
            foreach (var source in story.AlsoReportedBy)
            {
                html.Append(first ? string.Empty : ", ");
                first = false;
                var sourceLink = SafeLink.Http(source.Link);
                if (sourceLink is null)
                {
                    html.Append(Encoder.Encode(source.FeedName));
                }
                else
                {
                    html.Append("<a href=\"").Append(Encoder.Encode(sourceLink)).Append("\">").Append(Encoder.Encode(source.FeedName)).Append("</a>");
                }
            }

            html.Append("</div>");
        }

        html.Append("</td></tr>");
    }

    private string Text(Digest digest)
    {
        var text = new StringBuilder(2048);
        text.Append(app.ProductName).Append(" alert: ").Append(Subject(digest)).Append("\n\n");
        foreach (var section in digest.Sections)
        {
            text.Append("== ").Append(SingleLine(section.TopicName, 200)).Append(" ==\n\n");
            foreach (var story in section.Stories)
            {
                text.Append("* ").Append(SingleLine(story.Title, 400)).Append('\n');
                text.Append("  ").Append(SourceLine(story.Primary)).Append('\n');
                if (SafeLink.Http(story.Link) is { } link)
                {
                    text.Append("  ").Append(link).Append('\n');
                }

                text.Append("  ").Append(Snippet(story.Summary)).Append('\n');
                if (story.AlsoReportedBy.Count > 0)
                {
                    text.Append("  Also reported by ").Append(string.Join(", ", story.AlsoReportedBy.Select(s => s.FeedName))).Append('\n');
                }

                text.Append('\n');
            }
        }

        text.Append("--\nPreferences: ").Append(digest.PreferencesUrl).Append('\n');
        text.Append("Unsubscribe: ").Append(digest.UnsubscribeUrl).Append('\n');
        text.Append("Archive: ").Append(digest.ArchiveUrl).Append('\n');
        if (app.OperatorAddress.Length > 0)
        {
            text.Append(app.OperatorAddress).Append('\n');
        }

        return text.ToString();
    }

    private static string SourceLine(StorySource source) =>
        source.Published is { } date
            ? string.Create(CultureInfo.InvariantCulture, $"{SingleLine(source.FeedName, 120)} · {date.UtcDateTime:d MMM yyyy HH:mm} UTC")
            : SingleLine(source.FeedName, 120);

    private static string Snippet(string summary) => SingleLine(summary, 300);

    /// <summary>No line breaks or control characters (they would break headers or layout), length capped.</summary>
    public static string SingleLine(string text, int max)
    {
        var folded = new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]);
        return NkWatch.Core.Feeds.HtmlText.Truncate(NkWatch.Core.Feeds.HtmlText.FoldWhitespace(folded), max);
    }
}
