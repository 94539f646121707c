using NkWatch.Cli;

namespace NkWatch.Integration.Tests.Feeds;

/// <summary>Runs <c>nkwatch</c> in this process with its own streams, as a user's shell would.</summary>
internal static class CliRunner
{
    public static async Task<(int Code, string Out, string Err)> NkWatchAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, TextReader.Null, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
