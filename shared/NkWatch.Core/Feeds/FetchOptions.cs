using System.ComponentModel.DataAnnotations;

namespace NkWatch.Core.Feeds;

/// <summary>Limits for fetching feeds (configuration section <c>Fetch</c>).</summary>
public sealed class FetchOptions
{
    public const string Section = "Fetch";

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    [Range(1024, 200 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 10 * 1024 * 1024;

    [Range(0, 10)]
    public int MaxRedirects { get; set; } = 5;

    [Required]
    public string UserAgent { get; set; } = "NkWatch/1.0 (+https://github.com/nkwatch/nkwatch; feed monitor)";
}
