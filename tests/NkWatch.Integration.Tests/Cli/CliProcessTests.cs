using System.Diagnostics;
using NkWatch.Cli;

namespace NkWatch.Integration.Tests.Cli;

/// <summary>
/// The built <c>nkwatch</c> as a process, as a shell runs it: Ctrl+C (SIGINT, sent with <c>kill -INT</c>) ends it with exit
/// code 130 and no stack trace, and a bad setting in the environment is one <c>error:</c> line.
/// </summary>
public sealed class CliProcessTests : IDisposable
{
    /// <summary>Generous: the command must end at once, but the machine may be busy.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static readonly string Rules = RepositoryRoot.Combine("config", "rules.json");

    private const string Line = "{\"id\":\"a\",\"title\":\"China forcibly repatriates North Korean escapees\",\"summary\":\"Sent back across the border.\"}\n";

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Sigint_stops_classify_reading_a_large_file_with_exit_code_130()
    {
        // A terabyte that takes no room: one item, then zeros to the end (a sparse file).
        var path = temp.Combine("large.jsonl");
        await using (var file = new FileStream(path, FileMode.CreateNew))
        {
            await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(Line));
            file.SetLength(1L << 40);
        }

        using var process = Start("classify", "--explain", "--rules", Rules, path);
        process.StandardInput.Close();

        await AssertStopsOnSigintAsync(process);
    }

    [Fact]
    public async Task Sigint_stops_classify_waiting_on_a_standard_input_that_never_ends()
    {
        using var process = Start("classify", "--explain", "--rules", Rules);
        await process.StandardInput.WriteAsync(Line);
        await process.StandardInput.FlushAsync();

        await AssertStopsOnSigintAsync(process);
    }

    [Fact]
    public async Task A_bad_setting_is_one_error_line_that_names_it_and_exit_code_2()
    {
        using var process = Start(
            ["digest", "preview", "--email", "a@b.org", "--out", temp.Combine("x.html"), "--data", temp.Combine("data")],
            ("App__PublicBaseUrl", "notaurl"));
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(Bound);
        await process.WaitForExitAsync(bound.Token);

        Assert.Equal(CommandLine.BadInput, process.ExitCode);
        Assert.Empty(await output);
        var errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("data: ", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(errors);
        Assert.StartsWith("error: setting App__PublicBaseUrl: ", line, StringComparison.Ordinal);
    }

    /// <summary>Waits for the first decision (the command is at work), sends SIGINT, and expects 130 without a stack trace.</summary>
    private static async Task AssertStopsOnSigintAsync(Process process)
    {
        using var bound = new CancellationTokenSource(Bound);
        var first = await process.StandardOutput.ReadLineAsync(bound.Token);
        Assert.Contains("\"id\":\"a\"", first, StringComparison.Ordinal);
        var error = process.StandardError.ReadToEndAsync(bound.Token);

        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(bound.Token);
            Assert.Equal(0, kill.ExitCode);
        }

        await process.WaitForExitAsync(bound.Token);

        Assert.Equal(CommandLine.Cancelled, process.ExitCode);
        Assert.DoesNotContain("   at ", await error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", await error, StringComparison.Ordinal);
    }

    private static Process Start(params string[] args) => Start(args, []);

    /// <summary>The apphost built beside the tests (the CLI is a project reference).</summary>
    private static Process Start(string[] args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "nkwatch.exe" : "nkwatch"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start nkwatch");
    }
}
