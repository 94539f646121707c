namespace NkWatch.Core.Digests;

/// <summary>Only absolute http and https links from feeds reach an email or a page.</summary>
public static class SafeLink
{
    public static string? Http(string? link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri
            : null;
}
