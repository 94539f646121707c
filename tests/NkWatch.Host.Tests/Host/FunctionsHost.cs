using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NkWatch.Host.Tests.Rpc;

namespace NkWatch.Host.Tests.Host;

/// <summary>
/// A stand-in for the Azure Functions host, for one published worker: starts the worker process,
/// takes its event stream (StartStream, WorkerInitRequest, FunctionsMetadataRequest, one
/// FunctionLoadRequest per function), then invokes functions the way the host's triggers do.
/// Anything the worker fails to do within a bounded time, or its exit, fails with its own output.
/// </summary>
public sealed class FunctionsHost : IAsyncDisposable
{
    public const string InvocationIdHeader = "x-ms-invocation-id";
    public const string HostVersion = "4.1000.0-nkwatch-stand-in";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan InvocationTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ForwardRetryDelay = TimeSpan.FromMilliseconds(200);
    private const int ForwardAttempts = 25;

    private readonly FunctionRpcServer server;
    private readonly WorkerProcess worker;
    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly Dictionary<string, LoadedFunction> functions = new(StringComparer.Ordinal);
    private WorkerConnection? connection;
    private long? peakAtFirstSuccess;
    private int disposed;

    private FunctionsHost(PublishedApp app, HostLog log, FunctionRpcServer server, WorkerProcess worker)
    {
        App = app;
        Log = log;
        this.server = server;
        this.worker = worker;
    }

    public PublishedApp App { get; }

    public HostLog Log { get; }

    /// <summary>What the worker said it can do in its WorkerInitResponse.</summary>
    public IReadOnlyDictionary<string, string> WorkerCapabilities { get; private set; } = new Dictionary<string, string>();

    /// <summary>The worker's own HTTP listener (capability <c>HttpUri</c>, ASP.NET Core integration).</summary>
    public Uri HttpUri { get; private set; } = null!;

    /// <summary>The functions the worker indexed and loaded, by name.</summary>
    public IReadOnlyDictionary<string, LoadedFunction> Functions => functions;

    /// <summary>From the worker process's start: its stream opened, its functions loaded, its first invocation succeeded.</summary>
    public TimeSpan Connected { get; private set; }

    public TimeSpan Loaded { get; private set; }

    public TimeSpan? FirstSuccess { get; private set; }

    public static async Task<FunctionsHost> StartAsync(PublishedApp app, HostLog log, IReadOnlyDictionary<string, string?> appSettings, WorkerArgumentStyle style = WorkerArgumentStyle.Current)
    {
        var server = await FunctionRpcServer.StartAsync(log);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            ["FUNCTIONS_APPLICATION_DIRECTORY"] = app.Directory,
            ["AzureWebJobsScriptRoot"] = app.Directory,
        };
        foreach (var (key, value) in appSettings)
        {
            environment[key] = value;
        }

        var workerId = Guid.NewGuid().ToString();
        WorkerProcess worker;
        try
        {
            worker = WorkerProcess.Start(app, server.Url, workerId, Guid.NewGuid().ToString(), style, environment, log);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        var host = new FunctionsHost(app, log, server, worker);
        try
        {
            await host.ConnectAsync(workerId);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Invokes a function as the host does: input bindings, trigger metadata and a W3C trace context.</summary>
    public async Task<InvocationResponse> InvokeAsync(string functionName, IEnumerable<ParameterBinding> inputs, IReadOnlyDictionary<string, TypedData> triggerMetadata, string? invocationId = null)
    {
        var function = functions.TryGetValue(functionName, out var loaded) ? loaded : throw new ArgumentException($"the worker has no function {functionName}", nameof(functionName));
        var request = new InvocationRequest
        {
            InvocationId = invocationId ?? Guid.NewGuid().ToString(),
            FunctionId = function.Id,
            TraceContext = new RpcTraceContext
            {
                TraceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01",
                TraceState = string.Empty,
            },
        };
        request.InputData.AddRange(inputs);
        foreach (var (key, value) in triggerMetadata)
        {
            request.TriggerMetadata[key] = value;
        }

        request.TriggerMetadata["sys"] = Json(new { MethodName = functionName, UtcNow = DateTimeOffset.UtcNow, RandGuid = Guid.NewGuid() });

        var reply = await WithinAsync(Connection.RequestAsync(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = request }), $"answer the invocation of {functionName}", InvocationTimeout);
        var response = reply.InvocationResponse;
        var status = response.Result?.Status ?? StatusResult.Types.Status.Failure;
        Log.Write("host", $"{functionName} ({request.InvocationId}): {status}{(response.Result?.Exception is { } ex ? " " + ex.Message : string.Empty)}");
        if (status == StatusResult.Types.Status.Success && FirstSuccess is null)
        {
            FirstSuccess = worker.Elapsed;
            peakAtFirstSuccess = worker.PeakMemoryKilobytes();
        }

        return response;
    }

    /// <summary>A timer trigger firing: the TimerInfo JSON the host's timer binding sends.</summary>
    public Task<InvocationResponse> RunTimerAsync(string functionName)
    {
        var trigger = Functions[functionName].Trigger("timerTrigger");
        var now = DateTimeOffset.UtcNow;
        var timer = new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new { Last = now.AddMinutes(-15), Next = now.AddMinutes(15), LastUpdated = now.AddMinutes(-15) },
            IsPastDue = false,
        };
        return InvokeAsync(functionName, [new ParameterBinding { Name = trigger.Name, Data = Json(timer) }], new Dictionary<string, TypedData>());
    }

    /// <summary>
    /// An HTTP request as the host handles it with ASP.NET Core integration: the function is
    /// picked by route and method, the InvocationRequest carries an empty RpcHttp, and the request
    /// itself goes to the worker's HttpUri with <c>x-ms-invocation-id</c>. A failed invocation throws.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.PathAndQuery : request.RequestUri.OriginalString;
        var function = FunctionFor(request.Method, path.Split('?')[0]);
        var invocationId = Guid.NewGuid().ToString();
        var invocation = InvokeAsync(function.Name, [new ParameterBinding { Name = function.Trigger("httpTrigger").Name, Data = new TypedData { Http = new RpcHttp() } }], new Dictionary<string, TypedData>(), invocationId);

        var response = await WithinAsync(ForwardAsync(request, new Uri(HttpUri, path), invocationId), $"answer the HTTP request {request.Method} {path}", InvocationTimeout);
        var result = await invocation;
        if (result.Result.Status != StatusResult.Types.Status.Success)
        {
            response.Dispose();
            throw new InvalidOperationException($"{function.Name} failed: {result.Result.Exception?.Message}{Environment.NewLine}{Log.Tail()}");
        }

        return response;
    }

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        return await SendAsync(request);
    }

    /// <summary>The process's figures, for the test output: never asserted on.</summary>
    public string ColdStartSummary() => string.Create(CultureInfo.InvariantCulture,
        $"cold start (worker process start →): event stream {Connected.TotalMilliseconds:F0} ms, functions loaded {Loaded.TotalMilliseconds:F0} ms, " +
        $"first successful invocation {(FirstSuccess is { } first ? $"{first.TotalMilliseconds:F0} ms" : "none")}; " +
        $"peak memory (VmHWM) at first success {Megabytes(peakAtFirstSuccess)}, now {Megabytes(worker.PeakMemoryKilobytes())}");

    /// <summary>Asks the worker to stop and waits for it; a second call (a test that stopped the host itself) does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        Log.Write("host", ColdStartSummary());
        if (connection is not null && !worker.Exited.IsCompleted)
        {
            try
            {
                await connection.SendAsync(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) } });
                await Task.WhenAny(worker.Exited, Task.Delay(TimeSpan.FromSeconds(5)));
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or Grpc.Core.RpcException)
            {
                Log.Write("host", "could not ask the worker to stop: " + ex.Message);
            }
        }

        worker.Dispose();
        connection?.Dispose();
        http.Dispose();
        await server.DisposeAsync();
    }

    internal static TypedData Json(object? value) => new() { Json = JsonSerializer.Serialize(value) };

    private WorkerConnection Connection => connection ?? throw new InvalidOperationException("the worker is not connected");

    private async Task ConnectAsync(string workerId)
    {
        using var cancel = new CancellationTokenSource();
        try
        {
            connection = await WithinAsync(server.NextConnectionAsync(cancel.Token).AsTask(), "open its event stream", StartTimeout);
        }
        finally
        {
            await cancel.CancelAsync();
        }

        var start = await WithinAsync(connection.Started, "send StartStream", StartTimeout);
        Connected = worker.Elapsed;
        if (start.WorkerId != workerId)
        {
            throw new InvalidOperationException($"the worker said it is {start.WorkerId}, not the {workerId} it was started as");
        }

        var init = (await WithinAsync(Connection.RequestAsync(new StreamingMessage
        {
            RequestId = Guid.NewGuid().ToString(),
            WorkerInitRequest = new WorkerInitRequest { HostVersion = HostVersion, FunctionAppDirectory = App.Directory, WorkerDirectory = App.Directory },
        }), "answer WorkerInitRequest", StartTimeout)).WorkerInitResponse;
        Succeeded(init.Result, "WorkerInitRequest");
        WorkerCapabilities = init.Capabilities.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        HttpUri = WorkerCapabilities.TryGetValue("HttpUri", out var uri)
            ? new Uri(uri)
            : throw new InvalidOperationException("the worker did not report an HttpUri capability: " + string.Join(", ", WorkerCapabilities.Keys));

        var metadata = (await WithinAsync(Connection.RequestAsync(new StreamingMessage
        {
            RequestId = Guid.NewGuid().ToString(),
            FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = App.Directory },
        }), "answer FunctionsMetadataRequest", StartTimeout)).FunctionMetadataResponse;
        Succeeded(metadata.Result, "FunctionsMetadataRequest");
        foreach (var function in metadata.FunctionMetadataResults)
        {
            var loaded = (await WithinAsync(Connection.RequestAsync(new StreamingMessage
            {
                RequestId = Guid.NewGuid().ToString(),
                FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function },
            }), $"load {function.Name}", StartTimeout)).FunctionLoadResponse;
            Succeeded(loaded.Result, "FunctionLoadRequest " + function.Name);
            functions[function.Name] = new LoadedFunction(function);
        }

        Loaded = worker.Elapsed;
        Log.Write("host", $"worker {worker.Id} loaded {functions.Count} functions; HttpUri {HttpUri}");
    }

    /// <summary>
    /// Sends a copy of the request to the worker with the invocation id. The worker reports its
    /// HttpUri before its listener is bound, so a refused connection is tried again a few times,
    /// as the host's proxy does.
    /// </summary>
    private async Task<HttpResponseMessage> ForwardAsync(HttpRequestMessage request, Uri target, string invocationId)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync();
        for (var attempt = 1; ; attempt++)
        {
            var forwarded = new HttpRequestMessage(request.Method, target);
            foreach (var (name, values) in request.Headers)
            {
                forwarded.Headers.TryAddWithoutValidation(name, values);
            }

            forwarded.Headers.Add(InvocationIdHeader, invocationId);
            if (body is not null)
            {
                forwarded.Content = new ByteArrayContent(body);
                foreach (var (name, values) in request.Content!.Headers)
                {
                    forwarded.Content.Headers.TryAddWithoutValidation(name, values);
                }
            }

            try
            {
                return await http.SendAsync(forwarded);
            }
            catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError && attempt < ForwardAttempts)
            {
                forwarded.Dispose();
                Log.Write("host", $"the worker's HTTP listener refused the connection (attempt {attempt}); trying again");
                await Task.Delay(ForwardRetryDelay);
            }
        }
    }

    private LoadedFunction FunctionFor(HttpMethod method, string path)
    {
        var segments = path.Trim('/').Split('/');
        return functions.Values.FirstOrDefault(f => f.Bindings.Any(b => b.Type == "httpTrigger" && b.Serves(method, App.HostSettings.RoutePrefix, segments)))
            ?? throw new InvalidOperationException($"no HTTP function serves {method} {path} (the host would answer 404)");
    }

    private void Succeeded(StatusResult? result, string what)
    {
        if (result?.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"the worker failed {what}: {result?.Exception?.Message ?? result?.Result}{Environment.NewLine}{Log.Tail()}");
        }
    }

    /// <summary>Waits for the worker to do something, failing with its output if it exits or takes longer than the bound.</summary>
    private async Task<T> WithinAsync<T>(Task<T> task, string what, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource();
        var finished = await Task.WhenAny(task, worker.Exited, Task.Delay(bound, timeout.Token));
        await timeout.CancelAsync();
        if (finished == task || task.IsCompleted)
        {
            return await task;
        }

        var why = worker.Exited.IsCompleted ? worker.ExitDescription : $"no answer within {bound.TotalSeconds:F0} s";
        throw new InvalidOperationException($"the worker did not {what}: {why}.{Environment.NewLine}The worker's output:{Environment.NewLine}{Log.Tail()}");
    }

    private static string Megabytes(long? kilobytes) =>
        kilobytes is { } kb ? string.Create(CultureInfo.InvariantCulture, $"{kb / 1024.0:F0} MiB") : "unknown";
}
