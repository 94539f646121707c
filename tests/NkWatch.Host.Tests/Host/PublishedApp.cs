using System.Diagnostics;
using System.Text.Json;

namespace NkWatch.Host.Tests.Host;

/// <summary>
/// The function app as <c>dotnet publish</c> lays it out for deployment, in a temporary folder:
/// what the Functions host would find in its application directory. Extra publish arguments
/// (for example <c>-p:PublishReadyToRun=true -r linux-x64</c>) come from NKWATCH_HOST_PUBLISH_ARGS;
/// NKWATCH_HOST_APP_DIR names a folder published beforehand to run instead (it is left in place).
/// </summary>
public sealed class PublishedApp : IDisposable
{
    public const string PublishArgumentsVariable = "NKWATCH_HOST_PUBLISH_ARGS";
    public const string AppDirectoryVariable = "NKWATCH_HOST_APP_DIR";

    private readonly bool owned;

    private PublishedApp(string directory, TimeSpan took, string arguments, bool owned)
    {
        this.owned = owned;
        Directory = directory;
        PublishTime = took;
        PublishArguments = arguments;
        WorkerConfig = WorkerConfig.Read(System.IO.Path.Combine(directory, "worker.config.json"));
        HostSettings = HostSettings.Read(System.IO.Path.Combine(directory, "host.json"));
    }

    public string Directory { get; }

    public TimeSpan PublishTime { get; }

    public string PublishArguments { get; }

    /// <summary>How the host starts this worker (worker.config.json, written by the Functions SDK).</summary>
    public WorkerConfig WorkerConfig { get; }

    public HostSettings HostSettings { get; }

    public static async Task<PublishedApp> PublishAsync()
    {
        if (Environment.GetEnvironmentVariable(AppDirectoryVariable) is { Length: > 0 } given)
        {
            return new PublishedApp(System.IO.Path.GetFullPath(given), TimeSpan.Zero, AppDirectoryVariable + "=" + given, owned: false);
        }

        var output = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nkwatch-host-tests", Guid.NewGuid().ToString("N"));
        var extra = Environment.GetEnvironmentVariable(PublishArgumentsVariable) ?? string.Empty;
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The project reference built the app with these tests; publishing that build copies it and
        // rebuilds nothing under test runs of other projects. Extra arguments need a build of their own.
        string[] extraArguments = extra.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] reuseBuild = extraArguments.Length == 0 ? ["--no-build"] : [];
        foreach (var argument in new[] { "publish", RepositoryRoot.Combine("functions", "NkWatch.Functions", "NkWatch.Functions.csproj"), "-c", BuildConfiguration(), "-o", output, "--nologo" }
            .Concat(reuseBuild).Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        DotnetHost.ClearMsBuildEnvironment(start);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet publish");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):{Environment.NewLine}{await stdout}{await stderr}");
        }

        return new PublishedApp(output, clock.Elapsed, extra, owned: true);
    }

    /// <summary>functions.metadata, which the SDK writes at build time: what the host is told the app contains.</summary>
    public IReadOnlyDictionary<string, JsonElement> FunctionsMetadata()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(Directory, "functions.metadata")));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone());
    }

    public void Dispose()
    {
        if (owned && System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    /// <summary>The configuration these tests were built with (bin/&lt;configuration&gt;/net10.0), so the publish reuses that build.</summary>
    private static string BuildConfiguration() =>
        System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(System.IO.Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;
}

/// <summary>The worker's launch description, as the Functions host reads it.</summary>
public sealed record WorkerConfig(string ExecutablePath, string WorkerPath)
{
    public static WorkerConfig Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var description = document.RootElement.GetProperty("description");
        return new WorkerConfig(
            description.GetProperty("defaultExecutablePath").GetString()!,
            description.GetProperty("defaultWorkerPath").GetString()!);
    }
}

/// <summary>The host.json settings the stand-in honours: the route prefix and the queue trigger's retry limit and encoding.</summary>
public sealed record HostSettings(string RoutePrefix, int MaxDequeueCount, string MessageEncoding)
{
    public static HostSettings Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var extensions = root.TryGetProperty("extensions", out var e) ? e : default;
        var prefix = extensions.ValueKind == JsonValueKind.Object && extensions.TryGetProperty("http", out var http) && http.TryGetProperty("routePrefix", out var p)
            ? p.GetString()!
            : "api";
        var queues = extensions.ValueKind == JsonValueKind.Object && extensions.TryGetProperty("queues", out var q) ? q : default;
        var maxDequeue = queues.ValueKind == JsonValueKind.Object && queues.TryGetProperty("maxDequeueCount", out var m) ? m.GetInt32() : 5;
        var encoding = queues.ValueKind == JsonValueKind.Object && queues.TryGetProperty("messageEncoding", out var enc) ? enc.GetString()! : "base64";
        return new HostSettings(prefix, maxDequeue, encoding);
    }
}

/// <summary>The dotnet executable running these tests, and a clean environment for the commands it starts.</summary>
internal static class DotnetHost
{
    public static string Path { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The test runner's MSBuild variables would point a nested build at the runner's own MSBuild.</summary>
    public static void ClearMsBuildEnvironment(ProcessStartInfo start)
    {
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
    }
}
