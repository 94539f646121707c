using System.Diagnostics;
using System.Globalization;

namespace NkWatch.Host.Tests.Host;

/// <summary>How the worker is told where to connect.</summary>
public enum WorkerArgumentStyle
{
    /// <summary><c>--functions-uri --functions-worker-id --functions-request-id --functions-grpc-max-message-length</c> alone.</summary>
    Current,

    /// <summary>
    /// The host's whole command line: the older <c>--host --port --workerId --requestId
    /// --grpcMaxMessageLength</c> (for workers that read only those) followed by the current ones.
    /// </summary>
    WithOlderArguments,
}

/// <summary>
/// The published worker as its own process, started as the Functions host starts it: the
/// executable and worker path from worker.config.json, the gRPC address on the command line,
/// the app settings in the environment. Its stdout and stderr go to the <see cref="HostLog"/>.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    public const int GrpcMaxMessageLength = int.MaxValue;

    private readonly Process process;
    private readonly Stopwatch sinceStart;

    private WorkerProcess(Process process, Stopwatch sinceStart)
    {
        this.process = process;
        this.sinceStart = sinceStart;
        Exited = process.WaitForExitAsync();
    }

    public int Id => process.Id;

    /// <summary>Time since just before the process was started.</summary>
    public TimeSpan Elapsed => sinceStart.Elapsed;

    /// <summary>Completes when the worker process ends, for whatever reason.</summary>
    public Task Exited { get; }

    public string ExitDescription => process.HasExited ? $"the worker exited with code {process.ExitCode}" : "the worker is still running";

    public static WorkerProcess Start(PublishedApp app, Uri rpcServer, string workerId, string requestId, WorkerArgumentStyle style, IReadOnlyDictionary<string, string?> environment, HostLog log)
    {
        var executable = app.WorkerConfig.ExecutablePath == "dotnet" ? DotnetHost.Path : app.WorkerConfig.ExecutablePath;
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = app.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(app.Directory, app.WorkerConfig.WorkerPath));
        foreach (var argument in Arguments(rpcServer, workerId, requestId, style))
        {
            start.ArgumentList.Add(argument);
        }

        DotnetHost.ClearMsBuildEnvironment(start);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Forward(log, "worker", e.Data);
        process.ErrorDataReceived += (_, e) => Forward(log, "worker stderr", e.Data);
        var clock = Stopwatch.StartNew();
        if (!process.Start())
        {
            throw new InvalidOperationException("could not start the worker: " + executable);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log.Write("host", $"started worker {process.Id}: {executable} {string.Join(' ', start.ArgumentList)}");
        return new WorkerProcess(process, clock);
    }

    /// <summary>The worker's peak resident memory so far (VmHWM in /proc), in kibibytes; null where /proc is not there.</summary>
    public long? PeakMemoryKilobytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line["VmHWM:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }

    private static string[] Arguments(Uri rpcServer, string workerId, string requestId, WorkerArgumentStyle style)
    {
        var maxLength = GrpcMaxMessageLength.ToString(CultureInfo.InvariantCulture);
        string[] current =
        [
            "--functions-uri", rpcServer.ToString(),
            "--functions-worker-id", workerId,
            "--functions-request-id", requestId,
            "--functions-grpc-max-message-length", maxLength,
        ];
        string[] older =
        [
            "--host", rpcServer.Host,
            "--port", rpcServer.Port.ToString(CultureInfo.InvariantCulture),
            "--workerId", workerId,
            "--requestId", requestId,
            "--grpcMaxMessageLength", maxLength,
        ];
        return style == WorkerArgumentStyle.WithOlderArguments ? [.. older, .. current] : current;
    }

    private static void Forward(HostLog log, string source, string? line)
    {
        if (line is not null)
        {
            log.Write(source, line);
        }
    }
}
