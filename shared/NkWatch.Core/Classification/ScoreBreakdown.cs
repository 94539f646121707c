using System.Globalization;

namespace NkWatch.Core.Classification;

/// <summary>How one topic scored on an item: the hits that counted, the total, and why it did or did not fire.</summary>
public sealed record TopicScore(string Topic, double Score, double Threshold, bool Fired, IReadOnlyList<TermScore> Terms)
{
    /// <summary>The exclusion term that ruled the topic (or the whole item) out, if one did.</summary>
    public string? ExcludedBy { get; init; }

    /// <summary>A required group without a hit.</summary>
    public string? MissingGroup { get; init; }

    /// <summary>Theme hits that did not count: not close enough to a North Korea term.</summary>
    public int TooFar { get; init; }

    /// <summary>Theme hits that did not count: an exclusion with a sentence or word scope stood near.</summary>
    public int Voided { get; init; }

    /// <summary>The topic's proximity rule, for the note.</summary>
    public Proximity Within { get; init; }

    /// <summary>Why the topic fired or not, in words (built when asked for, not on every item).</summary>
    public string Note
    {
        get
        {
            var c = CultureInfo.InvariantCulture;
            if (ExcludedBy is not null)
            {
                return $"ruled out by the exclusion \"{ExcludedBy}\"";
            }

            var note = Fired ? string.Create(c, $"fired: {Score:0.##} reaches {Threshold:0.##}")
                : MissingGroup is not null ? $"needs a term from the group \"{MissingGroup}\""
                : string.Create(c, $"{Score:0.##} is below {Threshold:0.##}");
            if (TooFar > 0)
            {
                note += string.Create(c, $"; {TooFar} hit(s) not {Within} of a North Korea term");
            }

            if (Voided > 0)
            {
                note += string.Create(c, $"; {Voided} hit(s) ruled out by a nearby exclusion");
            }

            return note;
        }
    }
}

/// <summary>A hit that added to a topic's score: the group it speaks for, and the points it brought (weight, times the title weight in a title).</summary>
public sealed record TermScore(string Group, string Term, string Field, int Start, int Length, double Points);
