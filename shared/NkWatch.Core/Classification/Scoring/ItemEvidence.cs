using NkWatch.Core.Classification.Matching;

namespace NkWatch.Core.Classification.Scoring;

/// <summary>A term found in a field, at normalised offsets; positions are filled in only when a proximity rule needs them.</summary>
internal struct FoundHit(int term, int field, int start, int end)
{
    public const int Title = 0;
    public const int Summary = 1;

    public int Term = term;
    public int Field = field;
    public int Start = start;
    public int End = end;
    public bool Removed;
    public int WordStart;
    public int WordEnd;
    public int Sentence;
}

/// <summary>A "notIn" phrase found in a field: the terms it lists do not count inside it.</summary>
internal readonly record struct GuardSpan(int Pattern, int Field, int Start, int End);

/// <summary>
/// Everything the classifier works out about one item, in buffers reused from item to item (one set
/// per thread), so classifying allocates little beyond the result.
/// </summary>
internal sealed class ItemEvidence
{
    [ThreadStatic]
    private static ItemEvidence? perThread;

    private bool positioned;

    public static ItemEvidence ForThisThread() => perThread ??= new ItemEvidence();

    public NormalizedText[] Fields { get; } = [new(), new()];

    public TextLayout[] Layouts { get; } = [new(), new()];

    public List<PatternMatch> Matches { get; } = [];

    public List<FoundHit> Hits { get; } = [];

    public List<GuardSpan> Guards { get; } = [];

    public void Reset()
    {
        Hits.Clear();
        Guards.Clear();
        positioned = false;
    }

    /// <summary>
    /// Word and sentence numbers for every hit: words count on from the title into the summary, and
    /// the title shares sentence 0 with the summary's first sentence (a headline sums up the lead).
    /// </summary>
    public void EnsurePositions()
    {
        if (positioned)
        {
            return;
        }

        positioned = true;
        Layouts[FoundHit.Title].Build(Fields[FoundHit.Title]);
        Layouts[FoundHit.Summary].Build(Fields[FoundHit.Summary]);
        var titleWords = Layouts[FoundHit.Title].WordCount;
        var hits = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Hits);
        foreach (ref var hit in hits)
        {
            var layout = Layouts[hit.Field];
            var offset = hit.Field == FoundHit.Title ? 0 : titleWords;
            hit.WordStart = offset + layout.WordAt(hit.Start);
            hit.WordEnd = offset + layout.WordAt(hit.End - 1);
            hit.Sentence = hit.Field == FoundHit.Title ? 0 : layout.SentenceAt(hit.Start);
        }
    }
}
