using System.ComponentModel.DataAnnotations;

namespace NkWatch.Web;

/// <summary>Settings of the <c>Web</c> section.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>
    /// Take the client's address from the last <c>X-Forwarded-For</c> entry (the one the trusted
    /// front end added). True in the function app, whose host forwards every request; false for
    /// <c>nkwatch serve</c>, where the connection's address is the client's.
    /// </summary>
    public bool TrustForwardedFor { get; set; }

    /// <summary>How many of the latest matches the archive page and the Atom feed show.</summary>
    [Range(1, 500)]
    public int ArchiveSize { get; set; } = 100;
}
