using NkWatch.Core.Classification.Scoring;

namespace NkWatch.Core.Classification;

/// <summary>
/// The rule-based classifier: the rules are compiled once into one multi-pattern automaton over
/// folded text; each item is folded and scanned once per field, its hits checked (word
/// boundaries, plurals, case, "notIn"), and each topic scored with its proximity rule, exclusions,
/// groups and threshold. Every decision carries its hits (at offsets into the original text) and
/// a breakdown per topic. Safe to share between threads.
/// </summary>
public sealed class KeywordClassifier : IClassifier
{
    public const string SubjectTopic = "subject";
    public const string ExclusionTopic = "exclusion";
    public const string ContextTopic = "context";
    public const string TitleField = "title";
    public const string SummaryField = "summary";

    private readonly CompiledRules compiled;

    public KeywordClassifier(RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        compiled = CompiledRules.Compile(rules);
    }

    public RuleSet Rules => compiled.Rules;

    /// <summary>How many folded spellings the rules compiled to (for <c>nkwatch rules check</c>).</summary>
    public int PatternCount => compiled.Patterns.Length;

    public Classification Classify(ClassifierInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var title = input.Title ?? string.Empty;
        var summary = input.Summary ?? string.Empty;
        var evidence = ItemEvidence.ForThisThread();
        HitFinder.Find(compiled, title, summary, evidence);
        if (evidence.Hits.Count == 0)
        {
            return new Classification(input.Id, false, 0, [], []);
        }

        (string Field, int Start, int Length) Locate(FoundHit hit)
        {
            var text = evidence.Fields[hit.Field];
            var start = text.OriginalStart(hit.Start);
            return (hit.Field == FoundHit.Title ? TitleField : SummaryField, start, text.OriginalEnd(hit.End - 1) - start);
        }

        var verdict = TopicScorer.Score(compiled, evidence, Locate);
        var hits = new Hit[evidence.Hits.Count];
        for (var i = 0; i < hits.Length; i++)
        {
            var found = evidence.Hits[i];
            var term = compiled.Terms[found.Term];
            var (field, start, length) = Locate(found);
            var topic = term.Layer switch
            {
                TermLayer.Subject => SubjectTopic,
                TermLayer.Exclusion => ExclusionTopic,
                TermLayer.Context => ContextTopic,
                _ => compiled.Topics[term.Topic].Rule.Id,
            };
            hits[i] = new Hit(term.Rule.Text, topic, field, start, length);
        }

        var relevant = verdict.Fired.Count > 0;
        return new Classification(input.Id, relevant, relevant ? verdict.Score : 0, verdict.Fired, hits)
        {
            Breakdown = verdict.Breakdown,
        };
    }
}
