namespace NkWatch.Core.Classification;

/// <summary>The classifier's rules as written in config/rules.json (docs/rules.md explains each field).</summary>
public sealed record RuleSet
{
    public string Version { get; init; } = "0";

    /// <summary>The score a topic needs to fire, unless the topic sets its own.</summary>
    public double Threshold { get; init; } = 3.0;

    /// <summary>Multiplier for hits in the title.</summary>
    public double TitleWeight { get; init; } = 1.5;

    /// <summary>How close a theme term must be to a North Korea term, unless the topic says otherwise.</summary>
    public Proximity Within { get; init; } = Proximity.Words(20);

    /// <summary>A North Korea term in the title makes the whole item about North Korea.</summary>
    public bool TitleCoversSummary { get; init; } = true;

    /// <summary>Terms that make North Korea the subject (English and Korean).</summary>
    public IReadOnlyList<TermRule> Subjects { get; init; } = [];

    /// <summary>
    /// Terms that say the item is about Korea without naming North Korea (Seoul, South Korean):
    /// they let the subjects marked <see cref="TermRule.NeedsContext"/> (NK, the North) count.
    /// </summary>
    public IReadOnlyList<TermRule> Context { get; init; } = [];

    /// <summary>Terms that rule an item (or, with a narrower scope, the theme terms near them) out.</summary>
    public IReadOnlyList<TermRule> Exclusions { get; init; } = [];

    public IReadOnlyList<TopicRule> Topics { get; init; } = [];

    /// <summary>What readers see for a topic: its name, or its id where it has none or is unknown.</summary>
    public string TopicName(string id) => Topics.FirstOrDefault(t => t.Id == id) is { Name.Length: > 0 } topic ? topic.Name : id;
}

/// <summary>One topic: what a subscriber chooses, and how the classifier recognises it.</summary>
public sealed record TopicRule
{
    public required string Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Description { get; init; } = string.Empty;

    /// <summary>
    /// The general topic: its evidence (human rights or humanitarian words near a North Korea term)
    /// makes an item relevant like any topic's, but it labels the item only when no other topic does.
    /// </summary>
    public bool General { get; init; }

    /// <summary>The topic's own threshold; null for the rule set's.</summary>
    public double? Threshold { get; init; }

    /// <summary>The topic's own proximity rule; null for the rule set's.</summary>
    public Proximity? Within { get; init; }

    /// <summary>Weighted groups of terms; a group counts once, with its best hit.</summary>
    public IReadOnlyList<TermGroup> Groups { get; init; } = [];

    /// <summary>Terms that rule this topic out (or the theme terms near them).</summary>
    public IReadOnlyList<TermRule> Exclusions { get; init; } = [];

    /// <summary>Every theme term of the topic, group by group.</summary>
    public IEnumerable<TermRule> Terms => Groups.SelectMany(g => g.Terms);
}

/// <summary>Terms that say the same thing: the group adds its best hit's weight to the topic once.</summary>
public sealed record TermGroup
{
    public string Name { get; init; } = string.Empty;

    public double Weight { get; init; } = 1.0;

    /// <summary>The topic fires only if this group has a hit.</summary>
    public bool Required { get; init; }

    public IReadOnlyList<TermRule> Terms { get; init; } = [];
}

/// <summary>
/// A term as written in the rules. A trailing <c>*</c> matches any ending of the last word
/// (<c>repatriat*</c>); a hyphen in the term may be written as a hyphen, a space or nothing.
/// </summary>
public sealed record TermRule
{
    public required string Text { get; init; }

    /// <summary>Overrides the group's weight for this term.</summary>
    public double? Weight { get; init; }

    /// <summary>The term's capitals must be capitals in the text ("NK", not "nk"; "the North" also as "The North", not "the north").</summary>
    public bool CaseSensitive { get; init; }

    /// <summary>Subjects only: counts only where another North Korea term or a context term is in the item (NK, the North).</summary>
    public bool NeedsContext { get; init; }

    /// <summary>Theme terms only: names North Korea by itself (kwanliso, 탈북민), so needs no subject beside it.</summary>
    public bool ImpliesSubject { get; init; }

    /// <summary>Longer phrases in which this term does not count (북한산 for 북한, Daily NK for NK).</summary>
    public IReadOnlyList<string> NotIn { get; init; } = [];

    /// <summary>Exclusions only: what the exclusion rules out.</summary>
    public ExclusionScope Scope { get; init; } = ExclusionScope.Item;

    /// <summary>Exclusions with <see cref="ExclusionScope.Words"/>: how many words either side.</summary>
    public int ScopeWords { get; init; }

    /// <summary>Where the term is written in the rule file (0 when not read from a file).</summary>
    public int Line { get; init; }
}

public enum ExclusionScope
{
    /// <summary>The whole item (or, for a topic's exclusion, the whole topic).</summary>
    Item,

    /// <summary>Theme terms in the same sentence.</summary>
    Sentence,

    /// <summary>Theme terms within <see cref="TermRule.ScopeWords"/> words.</summary>
    Words,
}

/// <summary>
/// Where a theme term must stand relative to a North Korea term: within a number of words, in the
/// same sentence (the title counts as part of the first sentence), either, or anywhere in the item.
/// </summary>
public readonly record struct Proximity(int MaxWords, bool SameSentence, bool Anywhere)
{
    public static Proximity Words(int count) => new(count, false, false);

    public static Proximity Sentence => new(0, true, false);

    public static Proximity Item => new(0, false, true);

    public override string ToString() => Anywhere ? "anywhere in the item"
        : SameSentence && MaxWords > 0 ? $"within {MaxWords} words or in the same sentence"
        : SameSentence ? "in the same sentence"
        : $"within {MaxWords} words";
}
