using System.CommandLine;
using NkWatch.Cli;

namespace NkWatch.Integration.Tests.Cli;

/// <summary>
/// The command tree on System.CommandLine: help for every command, options that belong to their
/// own subcommand, <c>--</c>, completions, and one <c>error:</c> line with exit code 2 for bad input.
/// </summary>
public sealed class CommandLineTests
{
    private static readonly string Rules = RepositoryRoot.Combine("config", "rules.json");

    /// <summary>Every command of the tree, as the words that name it (<c>["feeds", "poll"]</c>).</summary>
    public static TheoryData<string[]> Commands()
    {
        var data = new TheoryData<string[]>();
        var io = new CommandIo(TextReader.Null, TextWriter.Null, TextWriter.Null);
        foreach (var path in Walk(CommandLine.Root(io), []))
        {
            data.Add(path);
        }

        return data;
    }

    [Fact]
    public void The_tree_holds_every_command_of_the_contract()
    {
        var names = Walk(CommandLine.Root(new CommandIo(TextReader.Null, TextWriter.Null, TextWriter.Null)), []).Select(path => string.Join(' ', path)).ToHashSet();

        string[] contract = ["", "parse", "classify", "eval", "run", "serve", "rules check", "digest preview", "feeds check", "feeds poll", "feeds status",
            "subscribers add", "subscribers list", "subscribers remove", "subscribers export", "subscribers delete", "matches search"];
        Assert.All(contract, command => Assert.Contains(command, names));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_answers_help_with_its_usage_and_exit_code_0(string[] path)
    {
        var (code, output, error) = await ClassifyCommandTests.NkWatchAsync(string.Empty, [.. path, "--help"]);

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains(string.Join(' ', ["nkwatch", .. path]), output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "subscribers", "list", "--frequency", "weekly", "--topics", "nonsense" }, "'--frequency'", "nkwatch subscribers list --help")]
    [InlineData(new[] { "feeds", "check", "--data", "x" }, "'--data'", "nkwatch feeds check --help")]
    [InlineData(new[] { "feeds", "status", "--only", "wire" }, "'--only'", "nkwatch feeds status --help")]
    [InlineData(new[] { "subscribers", "add", "a@example.org", "--frequency", "hourly" }, "'hourly'", "nkwatch subscribers add --help")]
    [InlineData(new[] { "parse", "feed.xml", "--timeout", "0" }, "--timeout must be a whole number of seconds from 1 to 300", "nkwatch parse --help")]
    [InlineData(new[] { "digest", "preview", "--out", "x.html" }, "'--email'", "nkwatch digest preview --help")]
    [InlineData(new[] { "launch" }, "'launch'", "nkwatch --help")]
    [InlineData(new string[0], "Required command", "nkwatch --help")]
    public async Task Bad_input_is_one_error_line_with_exit_code_2_before_anything_runs(string[] args, string problem, string hint)
    {
        var (code, output, error) = await ClassifyCommandTests.NkWatchAsync(string.Empty, args);

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(problem, line, StringComparison.Ordinal);
        Assert.EndsWith($"(try: {hint})", line.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_double_dash_every_word_is_an_argument()
    {
        var (help, _, _) = await ClassifyCommandTests.NkWatchAsync(string.Empty, "rules", "check", "--help");
        var (code, output, error) = await ClassifyCommandTests.NkWatchAsync(string.Empty, "rules", "check", "--", "--help");

        Assert.Equal(0, help);
        Assert.Equal(CommandLine.BadInput, code);
        Assert.Empty(output);
        Assert.Equal("error: --help: file not found", error.TrimEnd());
    }

    [Fact]
    public async Task The_suggest_directive_completes_commands_and_option_values()
    {
        var (code, commands, _) = await ClassifyCommandTests.NkWatchAsync(string.Empty, "[suggest:7]", "feeds p");
        var (_, frequencies, _) = await ClassifyCommandTests.NkWatchAsync(string.Empty, "[suggest:30]", "subscribers add a --frequency ");

        Assert.Equal(0, code);
        Assert.Contains("poll", commands.Split('\n', StringSplitOptions.TrimEntries));
        Assert.DoesNotContain("check", commands.Split('\n', StringSplitOptions.TrimEntries));
        Assert.Equal(["daily", "instant", "weekly"], frequencies.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order());
    }

    [Fact]
    public async Task A_cancelled_command_ends_with_exit_code_130_and_no_error_line()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["classify", "--rules", Rules], new StringReader("{\"id\":\"a\",\"title\":\"b\"}\n"), stdout, stderr, cancelled.Token);

        Assert.Equal(CommandLine.Cancelled, code);
        Assert.Empty(stderr.ToString());
    }

    private static IEnumerable<string[]> Walk(Command command, string[] path)
    {
        yield return path;
        foreach (var sub in command.Subcommands)
        {
            foreach (var deeper in Walk(sub, [.. path, sub.Name]))
            {
                yield return deeper;
            }
        }
    }
}
