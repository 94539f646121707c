namespace NkWatch.Core.Classification.Scoring;

/// <summary>The topics that fired, their total score, and a breakdown per topic that had any hit.</summary>
internal sealed record TopicVerdict(IReadOnlyList<string> Fired, double Score, IReadOnlyList<TopicScore> Breakdown)
{
    public static readonly TopicVerdict None = new([], 0, []);
}

/// <summary>
/// Scores each topic from the hits: a theme hit counts only if a North Korea term stands close
/// enough (the topic's proximity rule) and no exclusion rules it out; each group adds the points of
/// its best hit once (weight, times the title weight in a title); the topic fires when the sum
/// reaches its threshold and every required group has a hit.
/// </summary>
internal static class TopicScorer
{
    public static TopicVerdict Score(CompiledRules rules, ItemEvidence evidence)
    {
        var anchorInTitle = CollectAnchors(rules, evidence, out var themeTopics);
        if (themeTopics == 0 || evidence.Anchors.Count == 0)
        {
            // Without a North Korea term nothing can fire; the explanation says so without a breakdown.
            return TopicVerdict.None;
        }

        if (NeedsPositions(rules, evidence, anchorInTitle, themeTopics))
        {
            evidence.EnsurePositions();
        }

        evidence.GroupThemeHits(rules.Topics.Length);

        var itemExclusion = FindItemExclusion(rules, evidence, -1);
        var outcomes = evidence.Outcomes;
        var counted = evidence.Counted;
        outcomes.Clear();
        counted.Clear();
        double total = 0;
        var firedCount = 0;
        for (var t = 0; t < rules.Topics.Length; t++)
        {
            if ((themeTopics & TopicBit(t)) == 0 || evidence.TopicHits(t).IsEmpty)
            {
                continue;
            }

            var outcome = ScoreTopic(rules, evidence, t, anchorInTitle, itemExclusion);
            outcomes.Add(outcome);
            if (outcome.Fired)
            {
                firedCount++;
                total += outcome.Score;
            }
        }

        // Relevance is any topic firing, the general one included; the general topic labels the item
        // only when no specific topic does.
        var generalFired = rules.GeneralTopic >= 0 && firedCount > 1 && Fired(outcomes, rules.GeneralTopic);
        var fired = new string[generalFired ? firedCount - 1 : firedCount];
        for (int o = 0, f = 0; o < outcomes.Count; o++)
        {
            if (outcomes[o].Fired && !(generalFired && outcomes[o].Topic == rules.GeneralTopic))
            {
                fired[f++] = rules.Topics[outcomes[o].Topic].Rule.Id;
            }
        }

        return new TopicVerdict(fired, Math.Round(total, 3), new TopicScoreList(rules, [.. outcomes], [.. counted]));
    }

    private static bool Fired(List<TopicOutcome> outcomes, int topic)
    {
        foreach (var outcome in outcomes)
        {
            if (outcome.Topic == topic)
            {
                return outcome.Fired;
            }
        }

        return false;
    }

    /// <summary>Topics beyond the 64th share bits: the mask only skips topics without hits, it never decides.</summary>
    private static ulong TopicBit(int topic) => 1UL << (topic & 63);

    /// <summary>
    /// Finds the anchors (North Korea terms; those needing context only beside a plain one or a
    /// context term; theme terms that imply North Korea), the exclusions, and which topics have
    /// theme hits. Context hits that let a term like "NK" count are marked as having acted.
    /// </summary>
    private static bool CollectAnchors(CompiledRules rules, ItemEvidence evidence, out ulong themeTopics)
    {
        var hits = evidence.HitSpan;
        bool plain = false, context = false;
        themeTopics = 0;
        for (var i = 0; i < hits.Length; i++)
        {
            ref readonly var hit = ref hits[i];
            switch (hit.Layer)
            {
                case TermLayer.Subject:
                    plain |= !rules.TermInfos[hit.Term].NeedsContext;
                    break;
                case TermLayer.Context:
                    context = true;
                    break;
                case TermLayer.Exclusion:
                    evidence.Exclusions.Add(i);
                    break;
                default:
                    themeTopics |= TopicBit(hit.Topic);
                    break;
            }
        }

        var inTitle = false;
        var contextUsed = false;
        for (var i = 0; i < hits.Length; i++)
        {
            ref readonly var hit = ref hits[i];
            ref readonly var term = ref rules.TermInfos[hit.Term];
            var anchors = hit.Layer switch
            {
                TermLayer.Subject => !term.NeedsContext || plain || context,
                TermLayer.Theme => term.ImpliesSubject,
                _ => false,
            };
            if (anchors)
            {
                evidence.Anchors.Add(i);
                inTitle |= hit.Field == FoundHit.Title;
                contextUsed |= hit.Layer == TermLayer.Subject && term.NeedsContext && !plain;
            }
        }

        if (contextUsed)
        {
            foreach (ref var hit in hits)
            {
                hit.Acted |= hit.Layer == TermLayer.Context;
            }
        }

        return inTitle;
    }

    /// <summary>
    /// Positions are worked out only where a proximity rule or a scoped exclusion can decide
    /// something: a North Korea term present, and not everything settled by one in the title.
    /// </summary>
    private static bool NeedsPositions(CompiledRules rules, ItemEvidence evidence, bool anchorInTitle, ulong themeTopics)
    {
        if (evidence.Anchors.Count == 0)
        {
            return false;
        }

        if (!(anchorInTitle && rules.Rules.TitleCoversSummary))
        {
            return true;
        }

        // Everything is anchored by the title; only a scoped exclusion of a topic with hits still needs positions.
        foreach (var i in evidence.Exclusions)
        {
            var hit = evidence.Hits[i];
            if (rules.TermInfos[hit.Term].Scope != ExclusionScope.Item && (hit.Topic < 0 || (themeTopics & TopicBit(hit.Topic)) != 0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first exclusion of the rule set (<paramref name="topic"/> -1) or of a topic that rules out everything.</summary>
    private static int FindItemExclusion(CompiledRules rules, ItemEvidence evidence, int topic)
    {
        var hits = evidence.HitSpan;
        foreach (var i in evidence.Exclusions)
        {
            ref var hit = ref hits[i];
            if (hit.Topic == topic && rules.TermInfos[hit.Term].Scope == ExclusionScope.Item)
            {
                hit.Acted = true;
                return i;
            }
        }

        return -1;
    }

    private static TopicOutcome ScoreTopic(CompiledRules rules, ItemEvidence evidence, int t, bool anchorInTitle, int itemExclusion)
    {
        var topic = rules.Topics[t];
        var exclusion = itemExclusion >= 0 ? itemExclusion : FindItemExclusion(rules, evidence, t);
        if (exclusion >= 0)
        {
            return new TopicOutcome(t, 0, false, evidence.Hits[exclusion].Term, -1, 0, 0, 0, 0);
        }

        Span<int> best = stackalloc int[topic.Groups.Length];
        Span<double> points = stackalloc double[topic.Groups.Length];
        best.Fill(-1);
        int tooFar = 0, voided = 0;
        var hits = evidence.HitSpan;

        // The exclusions that can void this topic's hits: scoped ones, of the rule set or of this topic.
        // On the stack for the usual few; a text that repeats excluded words gets a heap buffer, never a cut list.
        var exclusionTotal = evidence.Exclusions.Count;
        Span<int> nearbyExclusions = exclusionTotal <= 64 ? stackalloc int[exclusionTotal] : new int[exclusionTotal];
        var exclusionCount = 0;
        foreach (var e in evidence.Exclusions)
        {
            ref readonly var candidate = ref hits[e];
            if ((candidate.Topic < 0 || candidate.Topic == t) && rules.TermInfos[candidate.Term].Scope != ExclusionScope.Item)
            {
                nearbyExclusions[exclusionCount++] = e;
            }
        }

        nearbyExclusions = nearbyExclusions[..exclusionCount];
        foreach (var i in evidence.TopicHits(t))
        {
            ref readonly var hit = ref hits[i];
            ref readonly var term = ref rules.TermInfos[hit.Term];
            if (!IsAnchored(rules, evidence, topic, hit, term, anchorInTitle))
            {
                tooFar++;
                continue;
            }

            if (exclusionCount > 0 && IsVoided(rules, evidence, nearbyExclusions, hit))
            {
                voided++;
                continue;
            }

            var value = term.Weight * (hit.Field == FoundHit.Title ? rules.Rules.TitleWeight : 1.0);
            if (best[term.Group] < 0 || value > points[term.Group])
            {
                best[term.Group] = i;
                points[term.Group] = value;
            }
        }

        var countedStart = evidence.Counted.Count;
        double score = 0;
        var missing = -1;
        for (var g = 0; g < best.Length; g++)
        {
            if (best[g] >= 0)
            {
                score += points[g];
                ref readonly var hit = ref hits[best[g]];
                var (_, start, length) = evidence.Locate(hit);
                evidence.Counted.Add(new CountedHit(g, hit.Term, hit.Field == FoundHit.Title, start, length, points[g]));
            }
            else if (topic.Groups[g].Required && missing < 0)
            {
                missing = g;
            }
        }

        score = Math.Round(score, 3);
        var fires = score >= topic.Threshold && missing < 0;
        return new TopicOutcome(t, score, fires, -1, missing, tooFar, voided, countedStart, evidence.Counted.Count - countedStart);
    }

    private static bool IsAnchored(CompiledRules rules, ItemEvidence evidence, CompiledTopic topic, in FoundHit hit, in TermInfo term, bool anchorInTitle)
    {
        if (term.ImpliesSubject || topic.Within.Anywhere || (anchorInTitle && rules.Rules.TitleCoversSummary))
        {
            return true;
        }

        var hits = evidence.HitSpan;
        foreach (var a in evidence.Anchors)
        {
            ref readonly var anchor = ref hits[a];
            if ((topic.Within.SameSentence && anchor.Sentence == hit.Sentence)
                || (topic.Within.MaxWords > 0 && Distance(anchor, hit) <= topic.Within.MaxWords))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether an exclusion with a sentence or word scope (of the rule set or the topic) stands near the hit.</summary>
    private static bool IsVoided(CompiledRules rules, ItemEvidence evidence, ReadOnlySpan<int> exclusions, in FoundHit hit)
    {
        var hits = evidence.HitSpan;
        foreach (var e in exclusions)
        {
            ref var other = ref hits[e];
            ref readonly var rule = ref rules.TermInfos[other.Term];
            if (rule.Scope == ExclusionScope.Sentence ? other.Sentence == hit.Sentence : Distance(other, hit) <= rule.ScopeWords)
            {
                other.Acted = true;
                return true;
            }
        }

        return false;
    }

    private static int Distance(in FoundHit a, in FoundHit b) =>
        a.WordEnd < b.WordStart ? b.WordStart - a.WordEnd : b.WordEnd < a.WordStart ? a.WordStart - b.WordEnd : 0;
}
