namespace NkWatch.Core.Feeds;

/// <summary>How a piece of feed text is to be read: as markup, or as text that is plain already.</summary>
public enum TextKind
{
    Html,
    Plain,
}

/// <summary>A feed as read from its format, before normalisation: text still raw, dates still strings.</summary>
internal sealed record RawFeed(string Format, string? Title, TextKind TitleKind, string? Link, IReadOnlyList<RawItem> Items)
{
    /// <summary>Set when only part of the document could be read.</summary>
    public string? Warning { get; init; }
}

/// <summary>One item as its format gave it. <see cref="XmlBases"/> are the xml:base values around its link, outermost first.</summary>
internal sealed record RawItem
{
    public string? Title { get; init; }
    public TextKind TitleKind { get; init; } = TextKind.Html;
    public string? Link { get; init; }
    public IReadOnlyList<string> XmlBases { get; init; } = [];
    public string? Guid { get; init; }
    public string? Published { get; init; }
    public string? Updated { get; init; }
    public string? Summary { get; init; }
    public TextKind SummaryKind { get; init; } = TextKind.Html;
}
