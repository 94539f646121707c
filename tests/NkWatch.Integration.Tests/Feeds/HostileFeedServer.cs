using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NkWatch.Integration.Tests.Infrastructure;

namespace NkWatch.Integration.Tests.Feeds;

/// <summary>
/// A loopback feed server with the manners of the real web, good and bad: conditional GET,
/// compression, redirects (chains, loops, to other schemes), errors with Retry-After, and the
/// hostile ones: endless bodies, compression bombs, a server that drips a byte at a time. Every
/// loop it runs is bounded in bytes and time, and stops when the client goes away.
/// </summary>
internal sealed class HostileFeedServer : IAsyncDisposable
{
    public const string Etag = "\"v1\"";
    public const string LastModified = "Fri, 27 Nov 2026 09:00:00 GMT";

    /// <summary>What a bomb expands to: far beyond any cap a test sets.</summary>
    public const int BombExpandedBytes = 256 * 1024 * 1024;

    /// <summary>The time on the clients' clock, which dated answers (a Retry-After date) are relative to.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<byte[]> GzipBomb = new(() => Compress(s => new GZipStream(s, CompressionLevel.Fastest)));
    private static readonly Lazy<byte[]> BrotliBomb = new(() => Compress(s => new BrotliStream(s, CompressionLevel.Fastest)));

    private readonly LocalHttpServer server;

    private HostileFeedServer(LocalHttpServer server, ConcurrentQueue<RequestRecord> requests)
    {
        this.server = server;
        Requests = requests;
    }

    public ConcurrentQueue<RequestRecord> Requests { get; }

    public static string Rss(params string[] titles) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Hostile test feed</title><link>https://hostile.example.org/</link>"
        + string.Concat(titles.Select((t, i) => $"<item><title>{t}</title><link>https://hostile.example.org/{i}</link><pubDate>Fri, 27 Nov 2026 0{i % 10}:00:00 GMT</pubDate></item>"))
        + "</channel></rss>";

    public Uri At(string path) => server.At(path);

    public static async Task<HostileFeedServer> StartAsync()
    {
        var requests = new ConcurrentQueue<RequestRecord>();
        var feed = Encoding.UTF8.GetBytes(Rss("First story", "Second story"));
        var server = await LocalHttpServer.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                var h = context.Request.Headers;
                requests.Enqueue(new RequestRecord(context.Request.Path, h.UserAgent.ToString(), h.AcceptEncoding.ToString(), h.IfNoneMatch.ToString(), h.IfModifiedSince.ToString()));
                await next(context);
            });

            app.MapGet("/feed", (HttpContext context) =>
            {
                if (context.Request.Headers.IfNoneMatch == Etag)
                {
                    return Results.StatusCode(StatusCodes.Status304NotModified);
                }

                context.Response.Headers.ETag = Etag;
                context.Response.Headers.LastModified = LastModified;
                return Results.Bytes(feed, "application/rss+xml");
            });
            app.MapGet("/fresh", (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "public, max-age=7200";
                return Results.Bytes(feed, "application/rss+xml");
            });
            app.MapGet("/gzip", (HttpContext context) => Encoded(context, feed, "gzip", s => new GZipStream(s, CompressionLevel.Optimal)));
            app.MapGet("/br", (HttpContext context) => Encoded(context, feed, "br", s => new BrotliStream(s, CompressionLevel.Optimal)));
            app.MapGet("/euc-kr", () => Results.Bytes(EucKr("<rss version=\"2.0\"><channel><title>북한 인권</title><item><title>강제북송 반대 집회</title><link>https://ko.example.org/1</link></item></channel></rss>"), "application/rss+xml; charset=euc-kr"));
            app.MapGet("/html", () => Results.Content("<!DOCTYPE html><html><body>Sign in</body></html>", "text/html"));
            app.MapGet("/hop/{n:int}", (int n) => n <= 0 ? Results.Bytes(feed, "application/rss+xml") : Results.Redirect($"/hop/{n - 1}"));
            app.MapGet("/moved", () => Results.Redirect("/feed", permanent: true));
            app.MapGet("/loop-a", () => Results.Redirect("/loop-b"));
            app.MapGet("/loop-b", () => Results.Redirect("/loop-a"));
            app.MapGet("/to-file", () => Results.Redirect("file:///etc/passwd"));
            app.MapGet("/404", () => Results.NotFound());
            app.MapGet("/503", (HttpContext context) =>
            {
                context.Response.Headers.RetryAfter = "120";
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            });
            app.MapGet("/429", (HttpContext context) =>
            {
                context.Response.Headers.RetryAfter = "7200";
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            });
            app.MapGet("/429-date", (HttpContext context) =>
            {
                context.Response.Headers.RetryAfter = Now.AddHours(3).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            });
            app.MapGet("/too-long", async (HttpContext context) =>
            {
                // Headers that promise 50 MiB, one byte, then a wait (at most 10 s) for the client to give up.
                context.Response.ContentLength = 50L * 1024 * 1024;
                try
                {
                    await context.Response.Body.WriteAsync(new byte[1], context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                context.Abort();
            });
            app.MapGet("/endless", EndlessAsync);
            app.MapGet("/drip", DripAsync);
            app.MapGet("/gzip-bomb", (HttpContext context) => Precompressed(context, GzipBomb.Value, "gzip"));
            app.MapGet("/br-bomb", (HttpContext context) => Precompressed(context, BrotliBomb.Value, "br"));
        });
        return new HostileFeedServer(server, requests);
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private static byte[] EucKr(string text)
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("euc-kr").GetBytes(text);
    }

    private static IResult Encoded(HttpContext context, byte[] body, string coding, Func<Stream, Stream> compressor)
    {
        using var buffer = new MemoryStream();
        using (var stream = compressor(buffer))
        {
            stream.Write(body);
        }

        context.Response.Headers.ContentEncoding = coding;
        return Results.Bytes(buffer.ToArray(), "application/rss+xml");
    }

    private static async Task Precompressed(HttpContext context, byte[] body, string coding)
    {
        context.Response.ContentType = "application/rss+xml";
        context.Response.Headers.ContentEncoding = coding;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>A chunked body that never ends on its own: at most 1 GiB or 60 s, or until the client leaves.</summary>
    private static async Task EndlessAsync(HttpContext context)
    {
        context.Response.ContentType = "application/rss+xml";
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<item><title>more</title></item>", 2048)));
        var running = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes("<rss version=\"2.0\"><channel>"), context.RequestAborted);
            for (long sent = 0; sent < 1L << 30 && running.Elapsed < TimeSpan.FromSeconds(60); sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
        }
    }

    /// <summary>One byte every half second: at most 120 bytes (a minute), or until the client leaves.</summary>
    private static async Task DripAsync(HttpContext context)
    {
        context.Response.ContentType = "application/rss+xml";
        var text = Encoding.ASCII.GetBytes(Rss("Drip"));
        try
        {
            await context.Response.StartAsync(context.RequestAborted);
            for (var i = 0; i < Math.Min(text.Length, 120); i++)
            {
                await context.Response.Body.WriteAsync(text.AsMemory(i, 1), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(500, context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
        }
    }

    private static byte[] Compress(Func<Stream, Stream> compressor)
    {
        using var buffer = new MemoryStream();
        using (var stream = compressor(buffer))
        {
            var zeros = new byte[1024 * 1024];
            for (var written = 0; written < BombExpandedBytes; written += zeros.Length)
            {
                stream.Write(zeros);
            }
        }

        return buffer.ToArray();
    }

    public sealed record RequestRecord(string Path, string UserAgent, string AcceptEncoding, string IfNoneMatch, string IfModifiedSince);
}
