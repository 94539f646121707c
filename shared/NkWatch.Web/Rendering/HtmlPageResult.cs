using System.Text;
using Microsoft.AspNetCore.Http;

namespace NkWatch.Web.Rendering;

/// <summary>
/// A rendered page with the headers every NkWatch page carries: a Content-Security-Policy that
/// allows only this origin's stylesheet and script, no framing, no referrer (links carry tokens),
/// no MIME sniffing, and no caching unless the page is public.
/// </summary>
public sealed class HtmlPageResult(string html, int statusCode, bool cacheable = false) : IResult
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public int StatusCode => statusCode;

    public string Html => html;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        ApplySecurityHeaders(response);
        response.Headers.CacheControl = cacheable ? "public, max-age=300" : "no-store";
        var bytes = Encoding.UTF8.GetBytes(html);
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, httpContext.RequestAborted).AsTask();
    }

    public static void ApplySecurityHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
