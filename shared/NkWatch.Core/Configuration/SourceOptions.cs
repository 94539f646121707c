namespace NkWatch.Core.Configuration;

/// <summary>Where the feed catalogue (<c>Feeds__Source</c>) and the rules (<c>Rules__Source</c>) come from.</summary>
public sealed class SourceOptions
{
    public const string FeedsSection = "Feeds";
    public const string RulesSection = "Rules";

    /// <summary>A file path; empty means the copy shipped beside the app.</summary>
    public string Source { get; set; } = string.Empty;
}
