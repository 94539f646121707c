using NkWatch.Core.Classification;
using NkWatch.Core.Matches;

namespace NkWatch.Core.Digests;

/// <summary>
/// "Why this matched", in the reader's words: each topic's name and the words that made it as
/// they stand in the items (“executed in public”, “脱北者”), never the rule's own spelling
/// (<c>abduct*</c>). A hit whose offsets do not point at a spelling of its term is left out.
/// </summary>
public static class MatchReasons
{
    public const int WordsPerTopic = 3;

    public static string Describe(IEnumerable<string> topics, IEnumerable<StoredMatch> items, Func<string, string> topicName)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(topicName);
        var found = (items ?? [])
            .SelectMany(item => item.Hits
                .OrderBy(h => h.Field == "title" ? 0 : 1)
                .ThenBy(h => h.Start)
                .Select(h => (h.Topic, Words: TermSpelling.TextOf(h, item.Title, item.Summary))))
            .Where(h => h.Words is not null)
            .ToLookup(h => h.Topic, h => FeedTextCleaner.SingleLine(h.Words!, 60), StringComparer.Ordinal);
        var reasons = topics.Select(topic =>
        {
            var words = found[topic].Where(w => w.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Take(WordsPerTopic).ToList();
            var name = topicName(topic);
            return words.Count == 0 ? name : $"{name}: {string.Join(", ", words.Select(w => $"\u201C{w}\u201D"))}";
        });
        return string.Join("; ", reasons);
    }
}
