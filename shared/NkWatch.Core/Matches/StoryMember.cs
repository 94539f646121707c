namespace NkWatch.Core.Matches;

/// <summary>
/// One item's place in story grouping: the story it belongs to, when it was published (the
/// grouping window is measured from there) and the features it is compared by.
/// </summary>
public sealed record StoryMember
{
    public required string ItemId { get; init; }

    /// <summary>The story's id: the item id of the story's first item.</summary>
    public required string StoryId { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>Sorted feature hashes of the title and lead (<see cref="StoryText.Features"/>).</summary>
    public IReadOnlyList<uint> Features { get; init; } = [];

    /// <summary>Sorted feature hashes of the title alone.</summary>
    public IReadOnlyList<uint> TitleFeatures { get; init; } = [];

    /// <summary>The item's language (its feed's); items in different languages are compared by <see cref="Signature"/>.</summary>
    public string Language { get; init; } = string.Empty;

    /// <summary>Sorted language-independent features (<see cref="StorySignature"/>).</summary>
    public IReadOnlyList<string> Signature { get; init; } = [];
}
