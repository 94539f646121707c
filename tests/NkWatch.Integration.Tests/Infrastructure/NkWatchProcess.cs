using System.Diagnostics;

namespace NkWatch.Integration.Tests.Infrastructure;

/// <summary>`nkwatch` as a real process (the build beside the tests), with settings in its own environment.</summary>
internal static class NkWatchProcess
{
    /// <summary>The process, and all it writes on stdout and on stderr, read as it comes so a full pipe never blocks it.</summary>
    public static (Process Run, Task<string> Out, Task<string> Err) Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nkwatch.dll"));
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var run = Process.Start(start)!;
        return (run, run.StandardOutput.ReadToEndAsync(), run.StandardError.ReadToEndAsync());
    }

    public static async Task<(int Code, string Out, string Err)> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? settings = null)
    {
        var (run, output, errors) = Start(args, settings);
        using (run)
        {
            var text = await output;
            var error = await errors;
            await run.WaitForExitAsync();
            return (run.ExitCode, text, error);
        }
    }
}
