using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NkWatch.Integration.Tests.Infrastructure;

/// <summary>Serves the pipeline fixture feeds over HTTP on loopback, with ETag-based 304s as real servers do.</summary>
internal static class FeedServer
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "pipeline", name);

    public static Task<LocalHttpServer> StartAsync(params (string Path, string File, string ContentType)[] feeds) =>
        LocalHttpServer.StartAsync(app =>
        {
            foreach (var (path, file, contentType) in feeds)
            {
                app.MapGet(path, (HttpContext context) =>
                {
                    var body = File.ReadAllBytes(Fixture(file));
                    var etag = $"\"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body))[..16]}\"";
                    if (context.Request.Headers.IfNoneMatch == etag)
                    {
                        return Results.StatusCode(StatusCodes.Status304NotModified);
                    }

                    context.Response.Headers.ETag = etag;
                    return Results.Bytes(body, contentType);
                });
            }
        });

    /// <summary>A feed catalogue file naming the served feeds.</summary>
    public static string WriteCatalog(string directory, LocalHttpServer server, params (string Id, string Path)[] feeds)
    {
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, "feeds.json");
        var entries = feeds.Select(f => new { id = f.Id, name = "Fixture " + f.Id, url = server.At(f.Path).ToString(), language = "en" });
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(new { feeds = entries }));
        return path;
    }
}
