using System.Text.Json;
using NkWatch.Cli.Hosting;
using NkWatch.Core.Classification;

namespace NkWatch.Cli.Commands;

/// <summary>
/// <c>nkwatch classify [--rules FILE] [--explain] [FILE|-]</c>: one JSON line out per JSON line in.
/// A line that cannot be read gets an <c>error</c> line in its place, and the exit code is 2.
/// </summary>
internal static class ClassifyCommand
{
    public static async Task<int> RunAsync(string[] args, CommandIo io)
    {
        var arguments = new Arguments(args, ["rules"], ["explain"]);
        arguments.ExpectAtMost(1);
        var classifier = new KeywordClassifier(RuleSetLoader.Load(LocalPaths.Rules(arguments.Option("rules"))));
        using var input = LabelledLines.Open(arguments.Positionals.FirstOrDefault(), io.In);
        var explain = arguments.Flag("explain");
        var failed = 0;
        var lineNumber = 0;
        string? line;
        while ((line = await input.ReadLineAsync().ConfigureAwait(false)) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (!LabelledLines.TryRead(line, out var item, out var problem))
            {
                failed++;
                await io.Error.WriteLineAsync($"error: line {lineNumber}: {problem}").ConfigureAwait(false);
                await io.Out.WriteLineAsync(JsonSerializer.Serialize(new { error = $"line {lineNumber}: {problem}" }, CliJson.Options)).ConfigureAwait(false);
                continue;
            }

            var result = classifier.Classify(item.Input);
            await io.Out.WriteLineAsync(JsonSerializer.Serialize(result, CliJson.Options)).ConfigureAwait(false);
            if (explain)
            {
                await io.Error.WriteLineAsync(Explain(result)).ConfigureAwait(false);
            }
        }

        await io.Out.FlushAsync().ConfigureAwait(false);
        return failed == 0 ? CommandLine.Ok : CommandLine.BadInput;
    }

    private static string Explain(Classification result) =>
        $"{result.Id}: {(result.Relevant ? "RELEVANT" : "not relevant")} score {result.Score} topics [{string.Join(", ", result.Topics)}] hits: "
        + string.Join("; ", result.Hits.Select(h => $"{h.Topic}:{h.Term}@{h.Field}[{h.Start}+{h.Length}]"));
}
