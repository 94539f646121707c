using System.Security.Cryptography;
using System.Text;

namespace NkWatch.Core.Feeds;

/// <summary>Stable item ids: a hash of the canonical link, or of feed and guid when there is no link.</summary>
public static class ItemIdentity
{
    public static string For(string? canonicalLink, string? guid, string feedId)
    {
        var basis = canonicalLink is not null
            ? "link:" + canonicalLink
            : "guid:" + feedId + "\n" + (guid ?? string.Empty);
        return Hash(basis);
    }

    /// <summary>A 32-hex-character SHA-256 prefix: safe as a table key and a file name.</summary>
    public static string Hash(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return Convert.ToHexStringLower(digest[..16]);
    }
}
