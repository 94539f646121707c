using System.ComponentModel.DataAnnotations;

namespace NkWatch.Core.Feeds;

/// <summary>Limits and manners for fetching feeds (configuration section <c>Fetch</c>).</summary>
public sealed class FetchOptions
{
    public const string Section = "Fetch";

    /// <summary>The whole fetch, redirects and body included: a server that drips bytes is cut off here.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    [Range(1, 60)]
    public int ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>The cap on bytes read from the network and, separately, on bytes after decompression.</summary>
    [Range(1024, 200 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 10 * 1024 * 1024;

    [Range(0, 10)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// Fetch feeds from loopback, private and link-local addresses too (<c>Fetch__AllowPrivateAddresses</c>):
    /// for feeds served on the operator's own machine or network, and for tests. Off by default.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Names NkWatch and where its operator can be reached, as polite crawlers do.</summary>
    [Required]
    [MinLength(8)]
    public string UserAgent { get; set; } = "NkWatch/1.0 (+https://github.com/nkwatch/nkwatch; feed monitor)";
}
