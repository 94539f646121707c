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

    /// <summary>
    /// How long a worker holds a digest it is sending before another may take it over. Longer
    /// than one send with all its retries, so a live worker never loses its claim mid-send.
    /// </summary>
    [Range(1, 120)]
    public int ClaimLeaseMinutes { get; set; } = 10;

    /// <summary>Stories shown in one digest; the rest are counted and linked to the archive (mail clients clip long emails).</summary>
    [Range(1, 200)]
    public int MaxStories { get; set; } = 25;

    public TimeSpan VisibilityMargin => TimeSpan.FromSeconds(VisibilityMarginSeconds);

    public TimeSpan ClaimLease => TimeSpan.FromMinutes(ClaimLeaseMinutes);
}
