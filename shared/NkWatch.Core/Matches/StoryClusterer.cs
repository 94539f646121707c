using NkWatch.Core.Messaging;

namespace NkWatch.Core.Matches;

/// <summary>
/// Decides which story an item belongs to: the story of the most similar item published within a
/// few days of it, if that item says the same thing (title and lead together, or the title alone
/// with enough words in common), else a story of its own. The decision depends only on the
/// members it is shown, so the store can make it inside its own serialised step. Items in
/// different languages share no words, so they are compared by their language-independent
/// signatures instead (<see cref="StorySignature"/>).
/// </summary>
public sealed class StoryClusterer
{
    /// <summary>Reports of one event appear within this long of each other.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(3);

    /// <summary>
    /// Jaccard of title and lead at or above which two items are one story. In the test cases
    /// (StoryClustererTests) rewrites of one story by different outlets measure 0.41 to 0.72, in
    /// English and Korean; different stories on the same subject (another resolution, another
    /// defector case) at most 0.10.
    /// </summary>
    public const double Threshold = 0.35;

    /// <summary>Titles alone decide only when they share this many words and most of them.</summary>
    public const int MinSharedTitleWords = 4;

    public const double TitleThreshold = 0.6;

    /// <summary>Feeds put odd dates on items; grouping measures from the store time when a date is far off.</summary>
    private static readonly TimeSpan MaxDateSkew = TimeSpan.FromDays(30);

    public static StoryMember Candidate(MatchMessage match, DateTimeOffset storedAt)
    {
        var at = match.Published is { } published && published <= storedAt && published >= storedAt - MaxDateSkew
            ? published
            : storedAt;
        return new StoryMember
        {
            ItemId = match.ItemId,
            StoryId = match.ItemId,
            At = at,
            Features = StoryText.Features(match.Title, match.Summary),
            TitleFeatures = StoryText.TitleFeatures(match.Title),
        };
    }

    /// <summary>The story id the candidate joins, or null for a new story. Ties go to the earliest member, then the lowest id, so every caller decides alike.</summary>
    public static string? Choose(StoryMember candidate, IReadOnlyList<StoryMember> members)
    {
        StoryMember? best = null;
        var bestScore = 0.0;
        foreach (var member in members)
        {
            if (member.ItemId == candidate.ItemId || (member.At - candidate.At).Duration() > Window)
            {
                continue;
            }

            var score = Similarity(candidate, member);
            if (score <= 0)
            {
                continue;
            }

            if (best is null || score > bestScore || (score == bestScore && (member.At, member.ItemId).CompareTo((best.At, best.ItemId)) < 0))
            {
                best = member;
                bestScore = score;
            }
        }

        return best?.StoryId;
    }

    /// <summary>How alike two items are, or 0 when they are not one story.</summary>
    public static double Similarity(StoryMember a, StoryMember b)
    {
        if (a.Language.Length > 0 && b.Language.Length > 0 && !string.Equals(a.Language, b.Language, StringComparison.OrdinalIgnoreCase))
        {
            return StorySignature.Similarity(a.Signature, b.Signature, Gazetteer.BuiltIn);
        }

        var whole = StorySimilarity.Jaccard(a.Features, b.Features);
        if (whole >= Threshold)
        {
            return whole;
        }

        var titles = StorySimilarity.Jaccard(a.TitleFeatures, b.TitleFeatures);
        return titles >= TitleThreshold && StorySimilarity.Shared(a.TitleFeatures, b.TitleFeatures) >= MinSharedTitleWords ? titles : 0;
    }
}
