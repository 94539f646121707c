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

        await AssertStopsOnSigintAsync(process, "\"id\":\"a\"");
    }

    [Fact]
    public async Task Sigint_stops_classify_waiting_on_a_standard_input_that_never_ends()
    {
        using var process = Start("classify", "--explain", "--rules", Rules);
        await process.StandardInput.WriteAsync(Line);
        await process.StandardInput.FlushAsync();

        await AssertStopsOnSigintAsync(process, "\"id\":\"a\"");
    }

    [Theory]
    [InlineData("run")]
    [InlineData("serve", "--urls", "http://127.0.0.1:0")]
    public async Task Sigint_stops_a_command_that_runs_until_stopped_with_exit_code_130(params string[] command)
    {
        var catalog = temp.Combine("feeds.json");
        await File.WriteAllTextAsync(catalog, """{"feeds":[]}""");
        using var process = Start([.. command, "--data", temp.Combine("data"), "--feeds", catalog]);
        process.StandardInput.Close();

        // run prints its first pass's total, serve the address it serves (the port the system picked for 0): then each waits.
        var ready = await AssertStopsOnSigintAsync(process, command[0] == "run" ? "polled 0 feeds" : "serving http://127.0.0.1:");
        if (command[0] == "serve")
        {
            Assert.Matches(@"^serving http://127\.0\.0\.1:[1-9][0-9]*: open http://127\.0\.0\.1:[1-9][0-9]*/api/subscribe ", ready);
        }
    }

    [Theory]
    [InlineData("App__PublicBaseUrl", "notaurl")]
    [InlineData("Rules__CheckSeconds", "0")]
    [InlineData("Rules__CheckSeconds", "often")]
    [InlineData("Feeds__Source", "ftp://example.org/feeds.json")]
    [InlineData("Rules__Source", "gopher://example.org/rules")]
    [InlineData("Rules__Source", "https://account.blob.core.windows.net/config/rules.json?sig=secret")]
    public async Task A_bad_setting_is_one_error_line_that_names_it_and_exit_code_2(string setting, string value)
    {
        using var process = Start(
            ["digest", "preview", "--email", "a@b.org", "--out", temp.Combine("x.html"), "--data", temp.Combine("data")],
            (setting, value));
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(Bound);
        await process.WaitForExitAsync(bound.Token);

        Assert.Equal(CommandLine.BadInput, process.ExitCode);
        Assert.Empty(await output);
        var errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("data: ", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(errors);
        Assert.StartsWith($"error: setting {setting}: ", line, StringComparison.Ordinal);
    }

    /// <summary>The command's own options win over the environment, which wins over the checkout's config/ files.</summary>
    [Theory]
    [InlineData("feeds", "status", "--feeds")]
    [InlineData("classify", "--rules")]
    public async Task A_file_option_wins_over_the_setting_in_the_environment(params string[] command)
    {
        var input = temp.Combine("items.jsonl");
        await File.WriteAllTextAsync(input, """{"id":"a","title":"North Korea defector speaks","summary":""}""" + "\n");
        var setting = command[0] == "feeds" ? "Feeds__Source" : "Rules__Source";
        var file = RepositoryRoot.Combine("config", command[0] == "feeds" ? "feeds.json" : "rules.json");
        string[] args = command[0] == "feeds" ? [.. command, file, "--data", temp.Combine("data")] : [.. command, file, input];

        using var process = Start(args, (setting, temp.Combine("missing.json")));
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(Bound);
        await process.WaitForExitAsync(bound.Token);

        Assert.True(process.ExitCode == CommandLine.Ok, error);
        Assert.NotEmpty(await output);
        Assert.DoesNotContain("missing.json", error, StringComparison.Ordinal);
    }

    /// <summary>Waits for a line with <paramref name="ready"/> (the command is at work), sends SIGINT, expects 130 without a stack trace, and returns that line.</summary>
    private static async Task<string> AssertStopsOnSigintAsync(Process process, string ready)
    {
        using var bound = new CancellationTokenSource(Bound);
        string? line;
        do
        {
            line = await process.StandardOutput.ReadLineAsync(bound.Token);
        }
        while (line is not null && !line.Contains(ready, StringComparison.Ordinal));

        Assert.NotNull(line);

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
        return line;
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
