using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NkWatch.Benchmarks.Digests;

/// <summary>A SendGrid-compatible endpoint on loopback that accepts every send and counts requests and personalizations.</summary>
internal sealed class CountingSendGrid : IAsyncDisposable
{
    private readonly WebApplication app;
    private int requests;
    private int personalizations;

    private CountingSendGrid(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public int Requests => Volatile.Read(ref requests);

    public int Personalizations => Volatile.Read(ref personalizations);

    public static async Task<CountingSendGrid> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new CountingSendGrid(app);
        app.MapPost("/v3/mail/send", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            Interlocked.Increment(ref server.requests);
            Interlocked.Add(ref server.personalizations, body.RootElement.GetProperty("personalizations").GetArrayLength());
            return Results.StatusCode(202);
        });
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    public void Reset()
    {
        Interlocked.Exchange(ref requests, 0);
        Interlocked.Exchange(ref personalizations, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
