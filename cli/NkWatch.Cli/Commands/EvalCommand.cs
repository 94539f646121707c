using System.CommandLine;
using System.Globalization;
using NkWatch.Cli.Hosting;
using NkWatch.Core.Classification;

namespace NkWatch.Cli.Commands;

/// <summary>
/// <c>nkwatch eval --corpus FILE [--rules FILE]</c>: how well the rules do on labelled items
/// (<c>"label":"relevant"|"not"</c>, optionally <c>"topics":[...]</c>): precision, recall, F1 and
/// the confusion counts overall, the same per topic, and every id it got wrong.
/// </summary>
internal static class EvalCommand
{
    /// <summary>A progress line on stderr every so many items.</summary>
    private const int ProgressEvery = 10_000;

    public static Command Create(CommandIo io)
    {
        var corpus = new Option<string>("--corpus") { HelpName = "FILE", Description = "labelled JSON lines: {\"id\",\"title\",\"summary\",\"label\":\"relevant\"|\"not\",\"topics\"?}", Required = true };
        var rules = SourceOptions.Rules();
        var command = new Command("eval", "precision, recall and F1 of the rules on labelled JSON lines, with progress on stderr") { corpus, rules };
        command.SetGuardedAction(io, async (parsed, cancellationToken) =>
        {
            var path = parsed.GetRequiredValue(corpus);
            var scores = await LineWork.RunAsync(() => Score(path, parsed.GetValue(rules), io, cancellationToken), cancellationToken).ConfigureAwait(false);
            await scores.WriteAsync(io.Out, path).ConfigureAwait(false);
            return CommandLine.Ok;
        });
        return command;
    }

    private static EvalScores Score(string corpus, string? rulesFile, CommandIo io, CancellationToken cancellationToken)
    {
        var classifier = new KeywordClassifier(RuleSetLoader.Load(LocalConfiguration.RulesFile(rulesFile)));
        var scores = new EvalScores(classifier.Rules);
        using var input = LabelledLines.Open(corpus, io.In);
        var items = 0;
        while (input.TryReadLine(out var line, out var tooLong))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (LabelledLines.IsBlank(line) && !tooLong)
            {
                continue;
            }

            var problem = string.Empty;
            if (tooLong || !LabelledLines.TryParse(line, out var item, out problem) || item.Label is not ("relevant" or "not"))
            {
                var why = tooLong ? "line too long" : problem.Length > 0 ? problem : "\"label\" must be \"relevant\" or \"not\"";
                throw new UsageException($"{corpus}:{input.LineNumber}: {why}");
            }

            scores.Add(item, classifier.Classify(item.Input));
            if (++items % ProgressEvery == 0)
            {
                io.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"eval: {items} items scored"));
            }
        }

        return scores;
    }
}
