namespace NkWatch.Core.Classification;

/// <summary>What the classifier reads of an item.</summary>
public sealed record ClassifierInput(string Id, string Title, string Summary, string? Language = null);

/// <summary>One matched term: where it stands (field, UTF-16 offset and length) and which topic it serves.</summary>
public sealed record Hit(string Term, string Topic, string Field, int Start, int Length);

/// <summary>The classifier's decision about one item, with the evidence for it.</summary>
public sealed record Classification(
    string Id,
    bool Relevant,
    double Score,
    IReadOnlyList<string> Topics,
    IReadOnlyList<Hit> Hits);

public interface IClassifier
{
    Classification Classify(ClassifierInput input);
}
