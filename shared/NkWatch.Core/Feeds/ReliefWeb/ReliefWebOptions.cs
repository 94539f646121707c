namespace NkWatch.Core.Feeds;

/// <summary>Settings for ReliefWeb's API (configuration section <c>ReliefWeb</c>).</summary>
public sealed class ReliefWebOptions
{
    public const string Section = "ReliefWeb";

    /// <summary>
    /// The appname ReliefWeb approved for this deployment (its API refuses others with 403).
    /// Unset, the catalogue's <c>reliefweb-api</c> entries are skipped and say why.
    /// </summary>
    public string? AppName { get; set; }
}
