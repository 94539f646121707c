namespace NkWatch.Core.Classification;

/// <summary>How one topic scored on an item: the hits that counted, the total, and why it did or did not fire.</summary>
public sealed record TopicScore(string Topic, double Score, double Threshold, bool Fired, IReadOnlyList<TermScore> Terms, string Note);

/// <summary>A hit that added to a topic's score: the group it speaks for, and the points it brought (weight, times the title weight in a title).</summary>
public sealed record TermScore(string Group, string Term, string Field, int Start, int Length, double Points);
