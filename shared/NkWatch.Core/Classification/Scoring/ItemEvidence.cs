using System.Runtime.InteropServices;
using NkWatch.Core.Classification.Matching;

namespace NkWatch.Core.Classification.Scoring;

/// <summary>
/// A term found in a field, at normalised offsets, with what scoring needs of its term; positions
/// are filled in only when a proximity rule needs them.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct FoundHit
{
    public const int Title = 0;
    public const int Summary = 1;

    public int Term;
    public TermLayer Layer;
    public int Topic;
    public int Field;
    public int Start;
    public int End;
    public bool Removed;

    /// <summary>Exclusion and context hits are reported only when they decided something.</summary>
    public bool Acted;
    public int WordStart;
    public int WordEnd;
    public int Sentence;

    public FoundHit(int id, in TermInfo term, int field, int start, int end)
    {
        Term = id;
        Layer = term.Layer;
        Topic = term.Topic;
        Field = field;
        Start = start;
        End = end;
    }

    public readonly int Length => End - Start;
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

    /// <summary>The automaton's matches in the field being scanned.</summary>
    public ScanBuffers Scan { get; } = new();

    public List<FoundHit> Hits { get; } = [];

    public List<GuardSpan> Guards { get; } = [];

    /// <summary>Indexes into <see cref="Hits"/> of the hits that anchor theme terms (North Korea terms, implying terms).</summary>
    public List<int> Anchors { get; } = [];

    /// <summary>Indexes into <see cref="Hits"/> of the exclusion hits.</summary>
    public List<int> Exclusions { get; } = [];

    /// <summary>The outcome of each topic with hits, while scoring.</summary>
    public List<TopicOutcome> Outcomes { get; } = [];

    /// <summary>The hits that counted, topic after topic, while scoring.</summary>
    public List<CountedHit> Counted { get; } = [];

    /// <summary>Indexes into <see cref="Hits"/> of the theme hits, topic by topic (see <see cref="TopicHits"/>).</summary>
    public int[] ThemeHits { get; private set; } = new int[64];

    private int[] topicStarts = new int[16];

    /// <summary>The theme hits of one topic, as indexes into <see cref="Hits"/>, in text order.</summary>
    public ReadOnlySpan<int> TopicHits(int topic) => ThemeHits.AsSpan(topicStarts[topic], topicStarts[topic + 1] - topicStarts[topic]);

    /// <summary>Sorts the theme hits into one bucket per topic (a counting sort: hits stay in text order).</summary>
    public void GroupThemeHits(int topicCount)
    {
        if (topicStarts.Length < topicCount + 1)
        {
            topicStarts = new int[topicCount + 1];
        }

        if (ThemeHits.Length < Hits.Count)
        {
            ThemeHits = new int[Hits.Count * 2];
        }

        var starts = topicStarts.AsSpan(0, topicCount + 1);
        starts.Clear();
        var hits = HitSpan;
        foreach (ref readonly var hit in hits)
        {
            if (hit.Layer == TermLayer.Theme)
            {
                starts[hit.Topic + 1]++;
            }
        }

        for (var t = 1; t <= topicCount; t++)
        {
            starts[t] += starts[t - 1];
        }

        Span<int> next = stackalloc int[topicCount];
        starts[..topicCount].CopyTo(next);
        for (var i = 0; i < hits.Length; i++)
        {
            if (hits[i].Layer == TermLayer.Theme)
            {
                ThemeHits[next[hits[i].Topic]++] = i;
            }
        }
    }

    public Span<FoundHit> HitSpan => CollectionsMarshal.AsSpan(Hits);

    /// <summary>Where a hit stands in the original text of its field.</summary>
    public (string Field, int Start, int Length) Locate(in FoundHit hit)
    {
        var text = Fields[hit.Field];
        var start = text.OriginalStart(hit.Start);
        return (hit.Field == FoundHit.Title ? KeywordClassifier.TitleField : KeywordClassifier.SummaryField, start, text.OriginalEnd(hit.End - 1) - start);
    }

    public void Reset()
    {
        Hits.Clear();
        Guards.Clear();
        Anchors.Clear();
        Exclusions.Clear();
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
        int field = -1, word = 0, sentence = 0;
        foreach (ref var hit in HitSpan)
        {
            // Hits are in text order, so one sweep per field finds every position.
            if (hit.Field != field)
            {
                field = hit.Field;
                word = sentence = 0;
            }

            var layout = Layouts[hit.Field];
            var offset = hit.Field == FoundHit.Title ? 0 : titleWords;
            hit.WordStart = offset + layout.WordAt(hit.Start, ref word);
            var end = word;
            hit.WordEnd = offset + layout.WordAt(hit.End - 1, ref end);
            hit.Sentence = hit.Field == FoundHit.Title ? 0 : layout.SentenceAt(hit.Start, ref sentence);
        }
    }
}
