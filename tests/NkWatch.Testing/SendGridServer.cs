using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NkWatch.Testing;

/// <summary>What the next request to the fake SendGrid gets instead of 202.</summary>
public abstract record SendGridFailure
{
    public sealed record TooManyRequests(int RetryAfterSeconds) : SendGridFailure;

    public sealed record ServerError(int Status = 500) : SendGridFailure;

    /// <summary>No answer until the client gives up.</summary>
    public sealed record Hang : SendGridFailure;
}

/// <summary>One request the fake SendGrid received, with the time on the test's clock.</summary>
public sealed record SendGridRequest(DateTimeOffset At, int Status, JsonObject? Body)
{
    public JsonArray Personalizations => Body?["personalizations"]?.AsArray() ?? [];
}

/// <summary>
/// A SendGrid-compatible <c>POST /v3/mail/send</c> on loopback: checks the bearer key and the v3
/// JSON shape as SendGrid does (from, subject, text/plain before text/html, 1 to 1,000
/// personalizations each with a recipient), records every request, refuses addresses it is told
/// to refuse (400, the whole request, as SendGrid does), and fails on command: 429 with
/// Retry-After, 5xx, or a hang past the client's timeout.
/// </summary>
public sealed class SendGridServer : IAsyncDisposable
{
    public const string ApiKey = "SG.local-test-key";

    private readonly ConcurrentQueue<SendGridFailure> failures = new();
    private readonly ConcurrentDictionary<string, bool> refused = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SendGridRequest> requests = [];
    private readonly TimeProvider clock;
    private LocalHttpServer? server;
    private int acceptsBeforeStall = int.MaxValue;
    private int held;
    private TaskCompletionSource recorded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SendGridServer(TimeProvider clock) => this.clock = clock;

    public string BaseUrl => server!.Url.ToString().TrimEnd('/');

    /// <summary>Every request, failed ones included, in arrival order.</summary>
    public IReadOnlyList<SendGridRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    public IReadOnlyList<SendGridRequest> Accepted => [.. Requests.Where(r => r.Status == 202)];

    /// <summary>The personalizations of the accepted requests, each with its request's body.</summary>
    public IReadOnlyList<(JsonObject Personalization, JsonObject Request)> Delivered =>
        [.. Accepted.SelectMany(r => r.Personalizations.Select(p => (p!.AsObject(), r.Body!)))];

    public static async Task<SendGridServer> StartAsync(TimeProvider? clock = null)
    {
        var fake = new SendGridServer(clock ?? TimeProvider.System);
        fake.server = await LocalHttpServer.StartAsync(app => app.MapPost("/v3/mail/send", (Delegate)fake.HandleAsync));
        return fake;
    }

    public void FailNext(params SendGridFailure[] next)
    {
        foreach (var failure in next)
        {
            failures.Enqueue(failure);
        }
    }

    /// <summary>After <paramref name="accepted"/> more requests are accepted, every later one hangs unanswered (a stalled connection).</summary>
    public void StallAfter(int accepted) => Interlocked.Exchange(ref acceptsBeforeStall, accepted);

    public void Refuse(string address) => refused[address] = true;

    public void Accept(string address) => refused.TryRemove(address, out _);

    /// <summary>Requests held unanswered on purpose (a hang or a stall), for a test clock that lets only those time out.</summary>
    public int Held => Volatile.Read(ref held);

    /// <summary>Returns once <paramref name="count"/> requests have come in; <paramref name="bound"/> (a minute unless given) is an upper bound, not an expected time.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan? bound = null)
    {
        using var timeout = new CancellationTokenSource(bound ?? TimeSpan.FromMinutes(1));
        while (true)
        {
            Task next;
            lock (requests)
            {
                if (requests.Count >= count)
                {
                    return;
                }

                next = recorded.Task;
            }

            await next.WaitAsync(timeout.Token);
        }
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var at = clock.GetUtcNow();
        JsonObject? body = null;
        try
        {
            body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))?.AsObject();
        }
        catch (System.Text.Json.JsonException)
        {
        }

        if (context.Request.Headers.Authorization != "Bearer " + ApiKey)
        {
            return Record(at, 401, body, Error(401, "The provided authorization grant is invalid, expired, or revoked", null));
        }

        if (ShapeError(body) is { } shape)
        {
            return Record(at, 400, body, Error(400, shape, null));
        }

        var addresses = body!["personalizations"]!.AsArray().SelectMany(p => p!["to"]!.AsArray()).Select(t => (string)t!["email"]!).ToList();
        if (addresses.FirstOrDefault(refused.ContainsKey) is { } bad)
        {
            return Record(at, 400, body, Error(400, $"Does not contain a valid address: {bad}", "personalizations.to.email"));
        }

        if (Interlocked.Decrement(ref acceptsBeforeStall) < 0)
        {
            Interlocked.Exchange(ref acceptsBeforeStall, -1);
            await HoldAsync(at, body, Timeout.InfiniteTimeSpan, context.RequestAborted);
            return Results.Empty;
        }

        if (failures.TryDequeue(out var failure))
        {
            switch (failure)
            {
                case SendGridFailure.TooManyRequests tooMany:
                    context.Response.Headers.RetryAfter = tooMany.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return Record(at, 429, body, Error(429, "too many requests", null));
                case SendGridFailure.ServerError error:
                    return Record(at, error.Status, body, Error(error.Status, "internal error", null));
                case SendGridFailure.Hang:
                    await HoldAsync(at, body, TimeSpan.FromSeconds(60), context.RequestAborted);
                    return Results.Empty;
            }
        }

        context.Response.Headers["X-Message-Id"] = Guid.NewGuid().ToString("N");
        return Record(at, 202, body, Results.StatusCode(202));
    }

    private static string? ShapeError(JsonObject? body)
    {
        if (body is null)
        {
            return "Bad Request: the body is not JSON";
        }

        if (body["from"]?["email"] is null)
        {
            return "The from object must be provided for every email send.";
        }

        if (body["personalizations"] is not JsonArray personalizations || personalizations.Count is 0 or > 1000)
        {
            return "The personalizations field is required and must have at least one and at most 1000 personalizations.";
        }

        if (personalizations.Any(p => p?["to"] is not JsonArray { Count: > 0 } to || to.Any(t => t?["email"] is null)))
        {
            return "Each personalization must have at least one to address.";
        }

        if (body["subject"] is null && personalizations.Any(p => p?["subject"] is null))
        {
            return "The subject is required.";
        }

        var types = body["content"]?.AsArray().Select(c => (string?)c?["type"]).ToList() ?? [];
        return types is ["text/plain", "text/html"] ? null : "The content must be text/plain followed by text/html.";
    }

    private static IResult Error(int status, string message, string? field) =>
        Results.Json(new { errors = new[] { new { message, field, help = (string?)null } } }, statusCode: status);

    /// <summary>Records the request as unanswered (status 0) and holds it until the client gives up or the time is over.</summary>
    private async Task HoldAsync(DateTimeOffset at, JsonObject? body, TimeSpan longest, CancellationToken aborted)
    {
        Interlocked.Increment(ref held);
        try
        {
            Record(at, 0, body, Results.Empty);
            await Task.Delay(longest, aborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        finally
        {
            Interlocked.Decrement(ref held);
        }
    }

    private IResult Record(DateTimeOffset at, int status, JsonObject? body, IResult result)
    {
        TaskCompletionSource signalled;
        lock (requests)
        {
            requests.Add(new SendGridRequest(at, status, body));
            signalled = recorded;
            recorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signalled.SetResult();
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
