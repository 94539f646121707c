using System.Security.Cryptography;
using System.Text;

namespace NkWatch.Core.Feeds;

/// <summary>
/// Stable item ids: a hash of the canonical link, or of feed and guid when there is no link. A
/// second key for items without a link, the fingerprint, is a hash of feed, title and summary: it
/// recognises an old post whose guid the feed has regenerated.
/// </summary>
public static class ItemIdentity
{
    public static string For(string? canonicalLink, string? guid, string feedId)
    {
        var basis = canonicalLink is not null
            ? "link:" + canonicalLink
            : "guid:" + feedId + "\n" + (guid ?? string.Empty);
        return Hash(basis);
    }

    public static string Fingerprint(string feedId, string title, string summary)
    {
        return Hash("text:" + feedId + "\n" + title.ToUpperInvariant() + "\n" + summary);
    }

    /// <summary>A 32-hex-character SHA-256 prefix: safe as a table key and a file name.</summary>
    public static string Hash(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return Convert.ToHexStringLower(digest[..16]);
    }
}
