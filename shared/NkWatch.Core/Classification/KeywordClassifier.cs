namespace NkWatch.Core.Classification;

/// <summary>
/// First classifier: a topic fires when a North Korea subject term and enough weighted theme terms
/// of the topic appear in the item; exclusion terms veto. Case-insensitive, whole words for Latin
/// script, substrings for Hangul (Korean particles attach to nouns).
/// </summary>
public sealed class KeywordClassifier(RuleSet rules) : IClassifier
{
    public const string SubjectTopic = "subject";
    public const string ExclusionTopic = "exclusion";

    public RuleSet Rules { get; } = rules;

    public Classification Classify(ClassifierInput input)
    {
        var hits = new List<Hit>();
        var fields = new[] { ("title", input.Title ?? string.Empty), ("summary", input.Summary ?? string.Empty) };
        foreach (var (field, text) in fields)
        {
            CollectHits(text, field, Rules.Subjects, SubjectTopic, hits);
            CollectHits(text, field, Rules.Exclusions, ExclusionTopic, hits);
            foreach (var topic in Rules.Topics)
            {
                CollectHits(text, field, topic.Terms.Select(t => t.Term), topic.Id, hits);
            }
        }

        var hasSubject = hits.Any(h => h.Topic == SubjectTopic);
        var excluded = hits.Any(h => h.Topic == ExclusionTopic);
        var topics = new List<string>();
        double score = 0;
        foreach (var topic in Rules.Topics)
        {
            var topicScore = TopicScore(topic, hits);
            if (topicScore >= Rules.Threshold)
            {
                topics.Add(topic.Id);
            }

            score += topicScore;
        }

        var relevant = hasSubject && !excluded && topics.Count > 0;
        return new Classification(input.Id, relevant, Math.Round(relevant ? score : 0, 3), relevant ? topics : [], hits);
    }

    private double TopicScore(TopicRule topic, List<Hit> hits)
    {
        double score = 0;
        foreach (var term in topic.Terms)
        {
            var best = hits
                .Where(h => h.Topic == topic.Id && string.Equals(h.Term, term.Term, StringComparison.OrdinalIgnoreCase))
                .Select(h => h.Field == "title" ? Rules.TitleWeight : 1.0)
                .DefaultIfEmpty(0)
                .Max();
            score += best * term.Weight;
        }

        return score;
    }

    private static void CollectHits(string text, string field, IEnumerable<string> terms, string topic, List<Hit> hits)
    {
        foreach (var term in terms)
        {
            var start = 0;
            while (start < text.Length)
            {
                var index = text.IndexOf(term, start, StringComparison.OrdinalIgnoreCase);
                if (index < 0)
                {
                    break;
                }

                if (IsWholeWord(text, index, term.Length))
                {
                    hits.Add(new Hit(term, topic, field, index, term.Length));
                }

                start = index + term.Length;
            }
        }
    }

    private static bool IsWholeWord(string text, int start, int length)
    {
        if (IsHangul(text[start]))
        {
            return true;
        }

        var before = start == 0 || !char.IsLetterOrDigit(text[start - 1]);
        var end = start + length;
        var after = end >= text.Length || !char.IsLetterOrDigit(text[end]) || text[end] == 's';
        return before && after;
    }

    private static bool IsHangul(char c) => c is >= '\uAC00' and <= '\uD7A3' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F';
}
