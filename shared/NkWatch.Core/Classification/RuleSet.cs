namespace NkWatch.Core.Classification;

/// <summary>The classifier's rules as written in config/rules.json.</summary>
public sealed record RuleSet
{
    public string Version { get; init; } = "0";

    /// <summary>A topic fires when its theme score reaches this value and a subject term is present.</summary>
    public double Threshold { get; init; } = 2.0;

    /// <summary>Multiplier for hits in the title.</summary>
    public double TitleWeight { get; init; } = 1.5;

    /// <summary>Terms that make North Korea the subject, per language.</summary>
    public IReadOnlyList<string> Subjects { get; init; } = [];

    /// <summary>Terms that, present anywhere, make an item irrelevant.</summary>
    public IReadOnlyList<string> Exclusions { get; init; } = [];

    public IReadOnlyList<TopicRule> Topics { get; init; } = [];
}

public sealed record TopicRule
{
    public required string Id { get; init; }
    public string Name { get; init; } = string.Empty;
    public string Description { get; init; } = string.Empty;
    public IReadOnlyList<WeightedTerm> Terms { get; init; } = [];
}

public sealed record WeightedTerm(string Term, double Weight = 1.0);
