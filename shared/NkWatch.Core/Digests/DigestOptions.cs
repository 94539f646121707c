using System.ComponentModel.DataAnnotations;

namespace NkWatch.Core.Digests;

/// <summary>Settings of the <c>Digests</c> section.</summary>
public sealed class DigestOptions
{
    public const string Section = "Digests";

    /// <summary>
    /// Matches stored less than this long ago wait for the next digest: in a scaled-out app a store
    /// may still be committing when a digest reads. The one-process command line sets it to 0.
    /// </summary>
    [Range(0, 600)]
    public int VisibilityMarginSeconds { get; set; } = 30;

    public TimeSpan VisibilityMargin => TimeSpan.FromSeconds(VisibilityMarginSeconds);
}
