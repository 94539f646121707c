using System.Globalization;
using System.Text;
using NkWatch.Core.Digests;

namespace NkWatch.Email.Templates;

/// <summary>
/// The digest in the shared frame. The plain-text part reads on its own: numbered stories under
/// topic headings, the outlet and date, the link on its own line, matched terms in *asterisks*,
/// the other outlets with their links; feed text arrives folded to single lines.
/// </summary>
public partial class DigestEmail : IEmailBody<DigestEmailModel>
{
    public static EmailFrame Frame(DigestEmailModel model, string productName)
    {
        var digest = model.Digest;
        var frequency = digest.FrequencyName;
        return new EmailFrame(
            model.Subject,
            model.Preheader,
            char.ToUpperInvariant(frequency[0]) + frequency[1..] + " digest",
            string.Create(CultureInfo.InvariantCulture, $"{digest.StoryCount + digest.MoreStories} new · times are in {digest.Zone.Id}"),
            $"You receive this {frequency} digest because you subscribed to {productName} alerts.",
            [
                new EmailLink("Change topics, frequency or time zone", digest.Links.Preferences),
                new EmailLink("Unsubscribe", digest.Links.Unsubscribe),
                new EmailLink("Archive", digest.Links.Archive),
            ]);
    }

    public static string Text(DigestEmailModel model, string productName)
    {
        var digest = model.Digest;
        var text = new StringBuilder(4096);
        var c = CultureInfo.InvariantCulture;
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
            text.Append(c, $"{digest.MoreStories} more in the archive: {digest.Links.Archive}").Append('\n');
        }

        return text.ToString();
    }
}
