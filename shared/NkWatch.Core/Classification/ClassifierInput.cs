namespace NkWatch.Core.Classification;

/// <summary>What the classifier reads of an item.</summary>
public sealed record ClassifierInput(string Id, string Title, string Summary, string? Language = null);

/// <summary>
/// One matched term: where it stands (field "title" or "summary", UTF-16 offset and length into
/// that field's original text) and which topic it serves ("subject" for a North Korea term,
/// "exclusion" for an exclusion term).
/// </summary>
public sealed record Hit(string Term, string Topic, string Field, int Start, int Length);

/// <summary>The classifier's decision about one item, with the evidence for it.</summary>
public sealed record Classification(
    string Id,
    bool Relevant,
    double Score,
    IReadOnlyList<string> Topics,
    IReadOnlyList<Hit> Hits)
{
    /// <summary>Per topic with any hit: the score, the hits that counted and why it fired or not.</summary>
    public IReadOnlyList<TopicScore> Breakdown { get; init; } = [];
}

public interface IClassifier
{
    Classification Classify(ClassifierInput input);
}
