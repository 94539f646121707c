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
    public static async Task<int> RunAsync(string[] args, CommandIo io)
    {
        var arguments = new Arguments(args, ["corpus", "rules"], []);
        arguments.ExpectAtMost(0);
        var corpus = arguments.Option("corpus") ?? throw new UsageException("--corpus FILE is required");
        var classifier = new KeywordClassifier(RuleSetLoader.Load(LocalPaths.Rules(arguments.Option("rules"))));
        var scores = new EvalScores(classifier.Rules);
        using (var input = LabelledLines.Open(corpus, io.In))
        {
            while (input.TryReadLine(out var line, out var tooLong))
            {
                if (line.IsEmpty && !tooLong)
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
            }
        }

        await scores.WriteAsync(io.Out, corpus).ConfigureAwait(false);
        return CommandLine.Ok;
    }
}
