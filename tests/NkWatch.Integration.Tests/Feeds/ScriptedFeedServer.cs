using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NkWatch.Integration.Tests.Infrastructure;

namespace NkWatch.Integration.Tests.Feeds;

/// <summary>
/// A loopback server whose feeds a test rewrites between polls: each path answers with the body
/// or status last set for it, with an ETag of its content and 304 when the client already has it.
/// </summary>
internal sealed class ScriptedFeedServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Reply> replies = new(StringComparer.Ordinal);
    private LocalHttpServer server = null!;

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The query string of each request, in order ("" for none).</summary>
    public ConcurrentQueue<string> Queries { get; } = new();

    public static async Task<ScriptedFeedServer> StartAsync()
    {
        var scripted = new ScriptedFeedServer();
        scripted.server = await LocalHttpServer.StartAsync(app => app.MapGet("/{name}", scripted.Answer));
        return scripted;
    }

    public Uri At(string name) => server.At(name);

    public void Serve(string name, string body, string contentType = "application/rss+xml; charset=utf-8") =>
        replies[name] = new Reply(200, Encoding.UTF8.GetBytes(body), contentType, null);

    public void Fail(string name, int status, string? retryAfter = null) => replies[name] = new Reply(status, [], "text/plain", retryAfter);

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private IResult Answer(string name, HttpContext context)
    {
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
        Requests.Enqueue($"{name} {ifNoneMatch}".TrimEnd());
        Queries.Enqueue(context.Request.QueryString.Value ?? string.Empty);
        if (!replies.TryGetValue(name, out var reply))
        {
            return Results.NotFound();
        }

        if (reply.Status != 200)
        {
            if (reply.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = reply.RetryAfter;
            }

            return Results.StatusCode(reply.Status);
        }

        var etag = $"\"{Convert.ToHexString(SHA256.HashData(reply.Body))[..12]}\"";
        if (ifNoneMatch == etag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        context.Response.Headers.ETag = etag;
        return Results.Bytes(reply.Body, reply.ContentType);
    }

    private sealed record Reply(int Status, byte[] Body, string ContentType, string? RetryAfter);
}
