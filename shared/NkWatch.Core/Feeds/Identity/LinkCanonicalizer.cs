namespace NkWatch.Core.Feeds;

/// <summary>
/// Reduces a story URL to the form that identifies the story: scheme and host lower-cased, default
/// port and fragment dropped, tracking parameters removed. Two feeds carrying the same story under
/// links that differ only in these ways yield the same canonical link, hence the same item id.
/// </summary>
public static class LinkCanonicalizer
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "xtor", "igshid", "yclid",
        "_ga", "_gl", "ref_src", "cmpid", "ocid", "rss", "feed", "from", "source",
    };

    /// <summary>Resolves <paramref name="link"/> against <paramref name="baseUri"/> and canonicalises it; null if not http(s).</summary>
    public static string? Canonicalize(string? link, Uri? baseUri = null)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }

        link = link.Trim();
        Uri? uri;
        if (!Uri.TryCreate(link, UriKind.Absolute, out uri) || uri.Scheme == Uri.UriSchemeFile)
        {
            if (baseUri is null || !Uri.TryCreate(baseUri, link, out uri))
            {
                return null;
            }
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        var builder = new UriBuilder(uri)
        {
            Scheme = uri.Scheme.ToLowerInvariant(),
            Host = uri.IdnHost.ToLowerInvariant(),
            Fragment = string.Empty,
            Query = FilterQuery(uri.Query),
        };
        if (uri.IsDefaultPort)
        {
            builder.Port = -1;
        }

        return builder.Uri.AbsoluteUri;
    }

    private static string FilterQuery(string query)
    {
        if (query.Length <= 1)
        {
            return string.Empty;
        }

        var kept = query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !IsTracking(pair.Split('=', 2)[0]));
        return string.Join('&', kept);
    }

    private static bool IsTracking(string name)
    {
        var decoded = Uri.UnescapeDataString(name);
        return decoded.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || TrackingParameters.Contains(decoded);
    }
}
