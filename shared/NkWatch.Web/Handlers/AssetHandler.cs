using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using NkWatch.Web.Rendering;

namespace NkWatch.Web.Handlers;

/// <summary><c>GET /api/assets/{name}</c>: the pages' stylesheet and script, served from this origin only (the CSP allows nothing else).</summary>
public static class AssetHandler
{
    private static readonly FrozenDictionary<string, (byte[] Body, string ContentType)> Assets = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal)
    {
        ["nkwatch.css"] = (Load("nkwatch.css"), "text/css; charset=utf-8"),
        ["timezone.js"] = (Load("timezone.js"), "text/javascript; charset=utf-8"),
        ["favicon.svg"] = (Load("favicon.svg"), "image/svg+xml"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Names => Assets.Keys;

    public static Task<IResult> GetAsync(string? name)
    {
        if (name is null || !Assets.TryGetValue(name, out var asset))
        {
            return Task.FromResult(Results.NotFound());
        }

        return Task.FromResult<IResult>(new AssetResult(asset.Body, asset.ContentType));
    }

    private static byte[] Load(string name)
    {
        using var stream = typeof(AssetHandler).Assembly.GetManifestResourceStream("NkWatch.Web.Assets." + name)
            ?? throw new InvalidOperationException($"asset {name} is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed class AssetResult(byte[] body, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = contentType;
            response.Headers.CacheControl = "public, max-age=3600";
            HtmlPageResult.ApplySecurityHeaders(response);
            response.ContentLength = body.Length;
            return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }
}
