namespace NkWatch.Core.Classification.Scoring;

/// <summary>How one topic came out, in a flat struct, until someone asks for the <see cref="TopicScore"/>.</summary>
internal readonly record struct TopicOutcome(
    int Topic, double Score, bool Fired, int ExcludedBy, int MissingGroup, int TooFar, int Voided, int CountedStart, int CountedCount);

/// <summary>A hit that counted for a topic, in a flat struct.</summary>
internal readonly record struct CountedHit(int Group, int Term, bool Title, int Start, int Length, double Points);

/// <summary>A classification's breakdown, one small struct per topic (and per counted hit) until read.</summary>
internal sealed class TopicScoreList(CompiledRules rules, TopicOutcome[] outcomes, CountedHit[] counted)
    : MaterialisedOnRead<TopicOutcome, TopicScore>(outcomes)
{
    protected override TopicScore Materialise(in TopicOutcome outcome)
    {
        var topic = rules.Topics[outcome.Topic];
        var terms = new TermScore[outcome.CountedCount];
        for (var i = 0; i < terms.Length; i++)
        {
            var hit = counted[outcome.CountedStart + i];
            terms[i] = new TermScore(
                topic.Groups[hit.Group].Name,
                rules.Terms[hit.Term].Rule.Text,
                hit.Title ? KeywordClassifier.TitleField : KeywordClassifier.SummaryField,
                hit.Start,
                hit.Length,
                hit.Points);
        }

        return new TopicScore(topic.Rule.Id, outcome.Score, topic.Threshold, outcome.Fired, terms)
        {
            ExcludedBy = outcome.ExcludedBy >= 0 ? rules.Terms[outcome.ExcludedBy].Rule.Text : null,
            MissingGroup = outcome.MissingGroup >= 0 ? topic.Groups[outcome.MissingGroup].Name : null,
            TooFar = outcome.TooFar,
            Voided = outcome.Voided,
            Within = topic.Within,
        };
    }
}
