using System.Globalization;

namespace NkWatch.Core.Classification.Scoring;

/// <summary>The topics that fired, their total score, and a breakdown per topic that had any hit.</summary>
internal sealed record TopicVerdict(IReadOnlyList<string> Fired, double Score, IReadOnlyList<TopicScore> Breakdown);

/// <summary>
/// Scores each topic from the hits: a theme hit counts only if a North Korea term stands close
/// enough (the topic's proximity rule) and no exclusion rules it out; each group adds the points of
/// its best hit once (weight, times the title weight in a title); the topic fires when the sum
/// reaches its threshold and every required group has a hit.
/// </summary>
internal static class TopicScorer
{
    public static TopicVerdict Score(CompiledRules rules, ItemEvidence evidence, Func<FoundHit, (string Field, int Start, int Length)> locate)
    {
        var hits = evidence.Hits;
        if (NeedsPositions(rules, hits))
        {
            evidence.EnsurePositions();
        }

        var anchors = Anchors(rules, hits, out var subjectInTitle);
        var itemExclusion = FirstExclusion(rules, hits, rules.GlobalExclusions, ExclusionScope.Item);
        var fired = new List<string>();
        var breakdown = new List<TopicScore>();
        double total = 0;
        for (var t = 0; t < rules.Topics.Length; t++)
        {
            var topic = rules.Topics[t];
            if (!hits.Exists(h => rules.Terms[h.Term].Topic == t && rules.Terms[h.Term].Layer == TermLayer.Theme))
            {
                continue;
            }

            var score = ScoreTopic(rules, evidence, t, anchors, subjectInTitle, itemExclusion, locate);
            breakdown.Add(score);
            if (score.Fired)
            {
                fired.Add(topic.Rule.Id);
                total += score.Score;
            }
        }

        return new TopicVerdict(fired, Math.Round(total, 3), breakdown);
    }

    private static TopicScore ScoreTopic(
        CompiledRules rules,
        ItemEvidence evidence,
        int t,
        List<FoundHit> anchors,
        bool subjectInTitle,
        FoundHit? itemExclusion,
        Func<FoundHit, (string Field, int Start, int Length)> locate)
    {
        var topic = rules.Topics[t];
        var hits = evidence.Hits;
        var id = topic.Rule.Id;
        var exclusion = itemExclusion ?? FirstExclusion(rules, hits, topic.Exclusions, ExclusionScope.Item);
        if (exclusion is { } excluded)
        {
            return new TopicScore(id, 0, topic.Threshold, false, [], $"ruled out by the exclusion \"{rules.Terms[excluded.Term].Rule.Text}\"");
        }

        if (anchors.Count == 0)
        {
            return new TopicScore(id, 0, topic.Threshold, false, [], "no North Korea term in the item");
        }

        var best = new (FoundHit Hit, double Points)?[topic.Groups.Length];
        int tooFar = 0, voided = 0;
        foreach (var hit in hits)
        {
            var term = rules.Terms[hit.Term];
            if (term.Topic != t || term.Layer != TermLayer.Theme)
            {
                continue;
            }

            if (!IsAnchored(rules, topic, hit, anchors, subjectInTitle))
            {
                tooFar++;
                continue;
            }

            if (IsVoided(rules, evidence, topic, hit))
            {
                voided++;
                continue;
            }

            var points = term.Weight * (hit.Field == FoundHit.Title ? rules.Rules.TitleWeight : 1.0);
            if (best[term.Group] is not { } current || points > current.Points)
            {
                best[term.Group] = (hit, points);
            }
        }

        var counted = new List<TermScore>();
        double score = 0;
        string? missing = null;
        for (var g = 0; g < best.Length; g++)
        {
            if (best[g] is { } entry)
            {
                score += entry.Points;
                var (field, start, length) = locate(entry.Hit);
                counted.Add(new TermScore(topic.Groups[g].Name, rules.Terms[entry.Hit.Term].Rule.Text, field, start, length, entry.Points));
            }
            else if (topic.Groups[g].Required)
            {
                missing ??= topic.Groups[g].Name;
            }
        }

        score = Math.Round(score, 3);
        var fires = score >= topic.Threshold && missing is null;
        return new TopicScore(id, score, topic.Threshold, fires, counted, Note(topic, score, fires, missing, tooFar, voided));
    }

    private static string Note(CompiledTopic topic, double score, bool fires, string? missing, int tooFar, int voided)
    {
        var c = CultureInfo.InvariantCulture;
        var note = fires ? string.Create(c, $"fired: {score:0.##} reaches {topic.Threshold:0.##}")
            : missing is not null ? $"needs a term from the group \"{missing}\""
            : string.Create(c, $"{score:0.##} is below {topic.Threshold:0.##}");
        if (tooFar > 0)
        {
            note += string.Create(c, $"; {tooFar} hit(s) not {topic.Within} of a North Korea term");
        }

        if (voided > 0)
        {
            note += string.Create(c, $"; {voided} hit(s) ruled out by a nearby exclusion");
        }

        return note;
    }

    /// <summary>North Korea terms (those needing context only beside another one or a context term), and theme terms that imply it.</summary>
    private static List<FoundHit> Anchors(CompiledRules rules, List<FoundHit> hits, out bool inTitle)
    {
        var anchors = new List<FoundHit>();
        var plain = hits.Exists(h => rules.Terms[h.Term] is { Layer: TermLayer.Context } or { Layer: TermLayer.Subject, Rule.NeedsContext: false });
        inTitle = false;
        foreach (var hit in hits)
        {
            var term = rules.Terms[hit.Term];
            var isAnchor = term.Layer == TermLayer.Subject ? plain : term.Layer == TermLayer.Theme && term.Rule.ImpliesSubject;
            if (isAnchor)
            {
                anchors.Add(hit);
                inTitle |= hit.Field == FoundHit.Title;
            }
        }

        return anchors;
    }

    private static bool IsAnchored(CompiledRules rules, CompiledTopic topic, FoundHit hit, List<FoundHit> anchors, bool subjectInTitle)
    {
        if (rules.Terms[hit.Term].Rule.ImpliesSubject || topic.Within.Anywhere || (subjectInTitle && rules.Rules.TitleCoversSummary))
        {
            return true;
        }

        foreach (var anchor in anchors)
        {
            if ((topic.Within.SameSentence && anchor.Sentence == hit.Sentence)
                || (topic.Within.MaxWords > 0 && Distance(anchor, hit) <= topic.Within.MaxWords))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether an exclusion with a sentence or word scope (of the rule set or the topic) stands near the hit.</summary>
    private static bool IsVoided(CompiledRules rules, ItemEvidence evidence, CompiledTopic topic, FoundHit hit)
    {
        foreach (var other in evidence.Hits)
        {
            var term = rules.Terms[other.Term];
            if (term.Layer != TermLayer.Exclusion || term.Rule.Scope == ExclusionScope.Item || (term.Topic >= 0 && rules.Topics[term.Topic] != topic))
            {
                continue;
            }

            if (term.Rule.Scope == ExclusionScope.Sentence ? other.Sentence == hit.Sentence : Distance(other, hit) <= term.Rule.ScopeWords)
            {
                return true;
            }
        }

        return false;
    }

    private static FoundHit? FirstExclusion(CompiledRules rules, List<FoundHit> hits, int[] exclusions, ExclusionScope scope)
    {
        if (exclusions.Length == 0)
        {
            return null;
        }

        foreach (var hit in hits)
        {
            if (exclusions.Contains(hit.Term) && rules.Terms[hit.Term].Rule.Scope == scope)
            {
                return hit;
            }
        }

        return null;
    }

    /// <summary>
    /// Positions are worked out only for items where a proximity rule or a scoped exclusion can
    /// decide something: theme terms and a North Korea term present, and not all settled by the title.
    /// </summary>
    private static bool NeedsPositions(CompiledRules rules, List<FoundHit> hits)
    {
        bool theme = false, subject = false, subjectInTitle = false, scopedExclusion = false;
        foreach (var hit in hits)
        {
            var term = rules.Terms[hit.Term];
            switch (term.Layer)
            {
                case TermLayer.Theme:
                    theme = true;
                    subject |= term.Rule.ImpliesSubject;
                    break;
                case TermLayer.Subject:
                    subject = true;
                    subjectInTitle |= hit.Field == FoundHit.Title;
                    break;
                case TermLayer.Exclusion:
                    scopedExclusion |= term.Rule.Scope != ExclusionScope.Item;
                    break;
            }
        }

        return theme && subject && (scopedExclusion || !(subjectInTitle && rules.Rules.TitleCoversSummary));
    }

    private static int Distance(FoundHit a, FoundHit b) =>
        a.WordEnd < b.WordStart ? b.WordStart - a.WordEnd : b.WordEnd < a.WordStart ? a.WordStart - b.WordEnd : 0;
}
