using System.Globalization;
using System.Text;

namespace NkWatch.Core.Digests;

/// <summary>
/// The plain-text part: readable on its own (numbered stories under topic headings, the outlet and
/// date, the link on its own line, matched terms in *asterisks*, the other outlets with their
/// links), lines of feed text folded so nothing a feed sends can break the layout.
/// </summary>
public static class DigestTextRenderer
{
    public static string Render(DigestEmailModel model)
    {
        var digest = model.Digest;
        var text = new StringBuilder(4096);
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"{model.ProductName} {digest.FrequencyName} digest: {digest.StoryCount + digest.MoreStories} new").Append('\n');
        text.Append(c, $"Times are in {digest.Zone.Id}.").Append("\n\n");
        var number = 0;
        foreach (var section in digest.Sections)
        {
            var heading = section.TopicName.ToUpperInvariant();
            text.Append(heading).Append('\n').Append('-', Math.Min(heading.Length, 60)).Append('\n');
            if (section.HasTopicFeed)
            {
                text.Append("Feed of this topic: ").Append(digest.Links.TopicFeed(section.TopicId)).Append('\n');
            }

            text.Append('\n');
            foreach (var story in section.Stories)
            {
                number++;
                text.Append(c, $"{number}. {story.Title}").Append(story.Lead.Primary ? " [UN source]" : string.Empty).Append('\n');
                text.Append(c, $"   {story.Lead.Outlet} · {digest.LocalTime(story.Lead.Published)}").Append('\n');
                if (story.Link is { } link)
                {
                    text.Append("   ").Append(link).Append('\n');
                }

                if (story.Snippet.Count > 0)
                {
                    text.Append("   ");
                    foreach (var part in story.Snippet)
                    {
                        text.Append(part.Matched ? "*" + part.Text + "*" : part.Text);
                    }

                    text.Append('\n');
                }

                text.Append("   Why this matched: ").Append(story.Why).Append('\n');
                foreach (var group in story.AlsoReportedByLanguage)
                {
                    var others = group.Sources.Select(s => s.Link is null ? s.Outlet : $"{s.Outlet} <{s.Link}>");
                    text.Append(group.Language is null ? "   Also reported by " : $"   Also reported in {group.Language} by ").Append(string.Join(", ", others)).Append('\n');
                }

                text.Append('\n');
            }
        }

        if (digest.MoreStories > 0)
        {
            text.Append(c, $"{digest.MoreStories} more in the archive: {digest.Links.Archive}").Append("\n\n");
        }

        text.Append("-- \n");
        text.Append(c, $"You receive this {digest.FrequencyName} digest because you subscribed to {model.ProductName} alerts.").Append('\n');
        text.Append("Change topics, frequency or time zone: ").Append(digest.Links.Preferences).Append('\n');
        text.Append("Unsubscribe: ").Append(digest.Links.Unsubscribe).Append('\n');
        text.Append("Archive: ").Append(digest.Links.Archive).Append('\n');
        if (model.OperatorAddress.Length > 0)
        {
            text.Append(FeedTextCleaner.SingleLine(model.OperatorAddress, 300)).Append('\n');
        }

        return text.ToString();
    }
}
