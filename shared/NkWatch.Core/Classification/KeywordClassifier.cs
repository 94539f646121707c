using NkWatch.Core.Classification.Scoring;

namespace NkWatch.Core.Classification;

/// <summary>
/// The rule-based classifier: the rules are compiled once into one multi-pattern automaton over
/// folded text; each item is folded and scanned once per field, its hits checked (word
/// boundaries, plurals, case, "notIn"), and each topic scored with its proximity rule, exclusions,
/// groups and threshold. Every decision carries its hits (at offsets into the original text) and
/// a breakdown per topic. Exclusion and context terms are reported as hits only where they
/// decided something. Safe to share between threads.
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

    /// <summary>The size of the compiled matcher, as `nkwatch rules check` reports it.</summary>
    public int AutomatonStates => compiled.Automaton.StateCount;

    public long AutomatonTableBytes => compiled.Automaton.TableBytes;

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

        var verdict = TopicScorer.Score(compiled, evidence);
        var reported = 0;
        foreach (ref readonly var found in evidence.HitSpan)
        {
            reported += IsReported(found) ? 1 : 0;
        }

        var entries = new HitList.Entry[reported];
        var next = 0;
        foreach (ref readonly var found in evidence.HitSpan)
        {
            if (!IsReported(found))
            {
                continue;
            }

            var (_, start, length) = evidence.Locate(found);
            var entry = new HitList.Entry(found.Term, found.Field == FoundHit.Title, start, length);

            // Two topics may exclude with the same word: report that word once.
            if (found.Layer != TermLayer.Exclusion || !entries.AsSpan(0, next).ContainsSameExclusion(entry, compiled))
            {
                entries[next++] = entry;
            }
        }

        var hits = new HitList(compiled, next == entries.Length ? entries : entries[..next]);
        var relevant = verdict.Fired.Count > 0;
        return new Classification(input.Id, relevant, relevant ? verdict.Score : 0, verdict.Fired, hits)
        {
            Breakdown = verdict.Breakdown,
        };
    }

    /// <summary>Exclusion and context terms are reported only where they decided something.</summary>
    private static bool IsReported(in FoundHit hit) => hit.Layer is not (TermLayer.Exclusion or TermLayer.Context) || hit.Acted;
}
