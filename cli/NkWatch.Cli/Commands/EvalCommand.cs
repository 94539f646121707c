using System.Globalization;
using NkWatch.Cli.Hosting;
using NkWatch.Core.Classification;

namespace NkWatch.Cli.Commands;

/// <summary><c>nkwatch eval --corpus FILE [--rules FILE]</c>: how well the rules do on labelled items.</summary>
internal static class EvalCommand
{
    public static async Task<int> RunAsync(string[] args, CommandIo io)
    {
        var arguments = new Arguments(args, ["corpus", "rules"], []);
        arguments.ExpectAtMost(0);
        var corpus = arguments.Option("corpus") ?? throw new UsageException("--corpus FILE is required");
        var classifier = new KeywordClassifier(RuleSetLoader.Load(LocalPaths.Rules(arguments.Option("rules"))));
        using var input = LabelledLines.Open(corpus, io.In);
        int tp = 0, fp = 0, fn = 0, tn = 0, lineNumber = 0;
        var wrong = new List<string>();
        string? line;
        while ((line = await input.ReadLineAsync().ConfigureAwait(false)) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (!LabelledLines.TryRead(line, out var item, out var problem) || item.Label is not ("relevant" or "not"))
            {
                throw new UsageException($"{corpus}: line {lineNumber}: {(problem.Length > 0 ? problem : "\"label\" must be \"relevant\" or \"not\"")}");
            }

            var predicted = classifier.Classify(item.Input).Relevant;
            var actual = item.Label == "relevant";
            switch ((predicted, actual))
            {
                case (true, true): tp++; break;
                case (true, false): fp++; wrong.Add($"{item.Input.Id} (false positive)"); break;
                case (false, true): fn++; wrong.Add($"{item.Input.Id} (false negative)"); break;
                default: tn++; break;
            }
        }

        var precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 1 : (double)tp / (tp + fn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        var c = CultureInfo.InvariantCulture;
        await io.Out.WriteLineAsync(string.Create(c, $"items: {tp + fp + fn + tn}  rules: {classifier.Rules.Version}")).ConfigureAwait(false);
        await io.Out.WriteLineAsync(string.Create(c, $"precision: {precision:0.000}  recall: {recall:0.000}  f1: {f1:0.000}")).ConfigureAwait(false);
        await io.Out.WriteLineAsync(string.Create(c, $"true positives: {tp}  false positives: {fp}  false negatives: {fn}  true negatives: {tn}")).ConfigureAwait(false);
        foreach (var id in wrong)
        {
            await io.Out.WriteLineAsync("wrong: " + id).ConfigureAwait(false);
        }

        return CommandLine.Ok;
    }
}
