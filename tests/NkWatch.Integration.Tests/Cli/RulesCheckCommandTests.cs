using NkWatch.Core.Classification;

namespace NkWatch.Integration.Tests.Cli;

/// <summary><c>nkwatch rules check FILE</c>: a summary and exit code 0 for good rules; the file, line and problem and exit code 2 for bad ones.</summary>
public sealed class RulesCheckCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Good_rules_get_a_summary_and_exit_code_0()
    {
        var rules = RepositoryRoot.Combine("config", "rules.json");

        var (code, output, error) = await ClassifyCommandTests.NkWatchAsync(string.Empty, "rules", "check", rules);

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.StartsWith($"{rules}: ok, rules {RuleSetLoader.Load(rules).Version}: 11 topics, ", output, StringComparison.Ordinal);
        Assert.Contains("  accountability ", output, StringComparison.Ordinal);
        Assert.Contains("  legislation ", output, StringComparison.Ordinal);
        Assert.Contains(output.Split('\n'), l => l.StartsWith("  human-rights ", StringComparison.Ordinal) && l.EndsWith("(general: labels only what no other topic does)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\n  \"version\": \"1\",\n  \"subjects\": [\"North Korea\"],\n  \"treshold\": 3,\n  \"topics\": []\n}\n", 4, "the rules: unknown field \"treshold\" (did you mean \"threshold\"?)")]
    [InlineData("{\n  \"version\": \"1\",\n  \"subjects\": [\"North Korea\"]\n  \"topics\": []\n}\n", 4, "not valid JSON: ")]
    public async Task Bad_rules_get_the_file_line_and_problem_and_exit_code_2(string content, int line, string problem)
    {
        var rules = temp.Combine("rules.json");
        await File.WriteAllTextAsync(rules, content);

        var (code, output, error) = await ClassifyCommandTests.NkWatchAsync(string.Empty, "rules", "check", rules);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith($"error: {rules}:{line}: {problem}", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData(new[] { "rules" }, "error: Required command was not provided (try: nkwatch rules --help)")]
    [InlineData(new[] { "rules", "lint", "x.json" }, "error: Unrecognized command or argument 'lint' (try: nkwatch rules --help)")]
    [InlineData(new[] { "rules", "check" }, "error: Required argument 'FILE' missing for command: 'check' (try: nkwatch rules check --help)")]
    [InlineData(new[] { "rules", "check", "/no/such/rules.json" }, "error: /no/such/rules.json: file not found")]
    public async Task Wrong_use_gets_one_error_line_and_exit_code_2(string[] args, string expected)
    {
        var (code, _, error) = await ClassifyCommandTests.NkWatchAsync(string.Empty, args);

        Assert.Equal(2, code);
        Assert.Equal(expected, error.TrimEnd());
    }
}
