namespace NkWatch.Core.Classification.Matching;

/// <summary>Where a scan puts its matches: one list per walk, joined in text order at the end.</summary>
internal sealed class ScanBuffers
{
    /// <summary>Every match of the last scan, in order of their end.</summary>
    public List<PatternMatch> Matches { get; } = [];

    internal List<PatternMatch> Second { get; } = [];

    internal List<PatternMatch> Third { get; } = [];

    internal List<PatternMatch> Fourth { get; } = [];

    internal void Clear()
    {
        Matches.Clear();
        Second.Clear();
        Third.Clear();
        Fourth.Clear();
    }

    /// <summary>The walks cover consecutive parts of the text, so their lists joined in order stay in order.</summary>
    internal void Concatenate()
    {
        Matches.AddRange(Second);
        Matches.AddRange(Third);
        Matches.AddRange(Fourth);
    }
}
