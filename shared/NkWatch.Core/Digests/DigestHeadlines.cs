using System.Globalization;
using System.Text;

namespace NkWatch.Core.Digests;

/// <summary>
/// The lines a mail client shows before the email is opened: a subject that says what is inside
/// ("3 new: EU-Japan draft seeks ICC referral, ... and 1 more") and a preheader with the topics and
/// outlets. Both are single lines without control characters: a CR or LF from a feed title would
/// otherwise end the header and start another.
/// </summary>
public static class DigestHeadlines
{
    public const int MaxSubjectLength = 120;
    public const int MaxPreheaderLength = 150;

    public static string Subject(Digest digest)
    {
        var total = digest.StoryCount + digest.MoreStories;
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{total} new: ");
        var titles = digest.RankedStories.Select(s => FeedTextCleaner.SingleLine(s.Title, 100)).ToList();
        var subject = new StringBuilder(prefix);
        var shown = 0;
        foreach (var title in titles)
        {
            var separator = shown == 0 ? string.Empty : ", ";
            var rest = total - shown - 1;
            var tail = rest > 0 ? string.Create(CultureInfo.InvariantCulture, $" and {rest} more") : string.Empty;
            if (shown > 0 && subject.Length + separator.Length + title.Length + tail.Length > MaxSubjectLength)
            {
                break;
            }

            subject.Append(separator).Append(title);
            shown++;
        }

        if (total > shown)
        {
            subject.Append(CultureInfo.InvariantCulture, $" and {total - shown} more");
        }

        return FeedTextCleaner.SingleLine(subject.ToString(), MaxSubjectLength + 20);
    }

    public static string Preheader(Digest digest)
    {
        var topics = string.Join(", ", digest.Sections.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.TopicName} ({s.Stories.Count})")));
        var outlets = digest.RankedStories
            .SelectMany(s => s.AlsoReportedBy.Prepend(s.Lead))
            .Select(s => s.Outlet)
            .Distinct(StringComparer.Ordinal)
            .Take(4)
            .ToList();
        return FeedTextCleaner.SingleLine($"{topics} · from {string.Join(", ", outlets)}", MaxPreheaderLength);
    }
}
