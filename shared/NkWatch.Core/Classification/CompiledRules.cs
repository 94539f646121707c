using NkWatch.Core.Classification.Matching;

namespace NkWatch.Core.Classification;

internal enum TermLayer : byte
{
    Subject,
    Context,
    Exclusion,
    Theme,
}

/// <summary>A term of the rules, numbered, with everything matching and scoring need.</summary>
internal sealed record CompiledTerm(int Id, TermLayer Layer, int Topic, int Group, TermRule Rule, double Weight)
{
    /// <summary>The letters of the term, for case-sensitive terms (NK: "NK").</summary>
    public string CaseLetters { get; } = new([.. Rule.Text.Where(char.IsLetter)]);

    public TermInfo Info => new(Layer, Topic, Group, Weight, Rule.CaseSensitive, Rule.NeedsContext, Rule.ImpliesSubject, Rule.Scope, Rule.ScopeWords);
}

/// <summary>What the hot loops read of a term, in one flat struct (no pointers to chase).</summary>
internal readonly record struct TermInfo(
    TermLayer Layer, int Topic, int Group, double Weight, bool CaseSensitive, bool NeedsContext, bool ImpliesSubject, ExclusionScope Scope, int ScopeWords);

/// <summary>What matching reads of a pattern: its length, boundary scripts, endings, and where its terms and guarded terms are listed.</summary>
internal readonly record struct PatternInfo(int Length, Script FirstScript, Script LastScript, bool Prefix, bool AllowPlural, int TermStart, int TermCount, int GuardStart, int GuardCount);

/// <summary>One folded spelling to look for, and the terms it stands for (or the terms it cancels: "notIn").</summary>
internal sealed record CompiledPattern(string Text, bool Prefix, int[] Terms, int[] Guards)
{
    public Script FirstScript { get; } = CharClass.EdgeScript(Text, Text[0]);

    public Script LastScript { get; } = CharClass.EdgeScript(Text, Text[^1]);

    /// <summary>Latin words may take -s or -es (defectors, abductees, POWs).</summary>
    public bool AllowPlural { get; } = !Prefix && Terms.Length > 0 && char.IsAsciiLetter(Text[^1]);
}

internal sealed record CompiledGroup(string Name, double Weight, bool Required);

internal sealed record CompiledTopic(TopicRule Rule, double Threshold, Proximity Within, CompiledGroup[] Groups, int[] Exclusions);

/// <summary>The rules compiled once: every spelling of every term in one automaton.</summary>
internal sealed class CompiledRules
{
    private CompiledRules(RuleSet rules, CompiledTerm[] terms, CompiledPattern[] patterns, CompiledTopic[] topics, int[] globalExclusions)
    {
        Rules = rules;
        Terms = terms;
        Patterns = patterns;
        Topics = topics;
        GlobalExclusions = globalExclusions;
        GeneralTopic = Array.FindIndex(topics, t => t.Rule.General);
        Automaton = AhoCorasickAutomaton.Build([.. patterns.Select(p => p.Text)]);
        TermInfos = [.. terms.Select(t => t.Info)];
        var patternTerms = new List<int>();
        var patternGuards = new List<int>();
        PatternInfos = new PatternInfo[patterns.Length];
        for (var p = 0; p < patterns.Length; p++)
        {
            var pattern = patterns[p];
            PatternInfos[p] = new PatternInfo(
                pattern.Text.Length, pattern.FirstScript, pattern.LastScript, pattern.Prefix, pattern.AllowPlural,
                patternTerms.Count, pattern.Terms.Length, patternGuards.Count, pattern.Guards.Length);
            patternTerms.AddRange(pattern.Terms);
            patternGuards.AddRange(pattern.Guards);
        }

        PatternTerms = [.. patternTerms];
        PatternGuards = [.. patternGuards];
    }

    public TermInfo[] TermInfos { get; }

    public PatternInfo[] PatternInfos { get; }

    /// <summary>The terms of all patterns, pattern after pattern (see <see cref="PatternInfo.TermStart"/>).</summary>
    public int[] PatternTerms { get; }

    /// <summary>The terms each pattern guards ("notIn"), pattern after pattern.</summary>
    public int[] PatternGuards { get; }

    public RuleSet Rules { get; }

    public CompiledTerm[] Terms { get; }

    public CompiledPattern[] Patterns { get; }

    public CompiledTopic[] Topics { get; }

    public int[] GlobalExclusions { get; }

    /// <summary>The index of the general topic, -1 without one.</summary>
    public int GeneralTopic { get; }

    public AhoCorasickAutomaton Automaton { get; }

    public static CompiledRules Compile(RuleSet rules)
    {
        var terms = new List<CompiledTerm>();
        CompiledTerm Add(TermLayer layer, int topic, int group, TermRule rule, double weight)
        {
            var term = new CompiledTerm(terms.Count, layer, topic, group, rule, weight);
            terms.Add(term);
            return term;
        }

        foreach (var subject in rules.Subjects)
        {
            Add(TermLayer.Subject, -1, -1, subject, 0);
        }

        foreach (var context in rules.Context)
        {
            Add(TermLayer.Context, -1, -1, context, 0);
        }

        var globalExclusions = rules.Exclusions.Select(e => Add(TermLayer.Exclusion, -1, -1, e, 0).Id).ToArray();
        var topics = new List<CompiledTopic>();
        for (var t = 0; t < rules.Topics.Count; t++)
        {
            var topic = rules.Topics[t];
            for (var g = 0; g < topic.Groups.Count; g++)
            {
                var group = topic.Groups[g];
                foreach (var term in group.Terms)
                {
                    Add(TermLayer.Theme, t, g, term, term.Weight ?? group.Weight);
                }
            }

            var exclusions = topic.Exclusions.Select(e => Add(TermLayer.Exclusion, t, -1, e, 0).Id).ToArray();
            topics.Add(new CompiledTopic(
                topic,
                topic.Threshold ?? rules.Threshold,
                topic.Within ?? rules.Within,
                [.. topic.Groups.Select(g => new CompiledGroup(g.Name, g.Weight, g.Required))],
                exclusions));
        }

        return new CompiledRules(rules, [.. terms], BuildPatterns(terms), [.. topics], globalExclusions);
    }

    private static CompiledPattern[] BuildPatterns(List<CompiledTerm> terms)
    {
        var patterns = new Dictionary<(string Text, bool Prefix), (List<int> Terms, List<int> Guards)>();
        List<int> Slot(string text, bool prefix, bool guard)
        {
            if (!patterns.TryGetValue((text, prefix), out var slot))
            {
                slot = ([], []);
                patterns[(text, prefix)] = slot;
            }

            return guard ? slot.Guards : slot.Terms;
        }

        foreach (var term in terms)
        {
            var prefix = term.Rule.Text.EndsWith('*');
            foreach (var variant in TermVariants.Of(term.Rule.Text))
            {
                Slot(variant, prefix, guard: false).Add(term.Id);
            }

            foreach (var phrase in term.Rule.NotIn)
            {
                foreach (var variant in TermVariants.Of(phrase))
                {
                    Slot(variant, prefix: false, guard: true).Add(term.Id);
                }
            }
        }

        return [.. patterns.Select(p => new CompiledPattern(p.Key.Text, p.Key.Prefix, [.. p.Value.Terms.Distinct()], [.. p.Value.Guards.Distinct()]))];
    }
}
