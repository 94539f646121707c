namespace NkWatch.Core.Feeds;

/// <summary>How a catalogue entry is read: the <c>type</c> field of config/feeds.json.</summary>
public static class FeedTypes
{
    /// <summary>RSS, Atom or JSON Feed at its URL (the default).</summary>
    public const string Feed = "feed";

    /// <summary>ReliefWeb's API v2: the URL is a reports query, sent with the approved appname of <see cref="ReliefWebOptions"/>.</summary>
    public const string ReliefWebApi = "reliefweb-api";

    public static readonly IReadOnlyList<string> All = [Feed, ReliefWebApi];
}
