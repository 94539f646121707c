using System.CommandLine;
using NkWatch.Cli.Hosting;
using NkWatch.Core.Classification;

namespace NkWatch.Cli.Commands;

/// <summary>
/// <c>nkwatch classify [--rules FILE] [--explain] [FILE|-]</c>: one JSON line out per JSON line in.
/// A line that cannot be read gets an <c>error</c> line in its place (and one on stderr), and the
/// exit code is 2. With <c>--explain</c>, the reasons for each decision go to stderr, for a person.
/// </summary>
internal static class ClassifyCommand
{
    public static Command Create(CommandIo io)
    {
        var rules = SourceOptions.Rules();
        var explain = new Option<bool>("--explain") { Description = "the reasons for each decision, on stderr" };
        var input = new Argument<string?>("FILE|-") { Description = "JSON lines {\"id\",\"title\",\"summary\"} (default: standard input)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("classify", "classify JSON lines {\"id\",\"title\",\"summary\"}: one decision per line out") { rules, explain, input };
        command.SetGuardedAction(io, (parsed, cancellationToken) => LineWork.RunAsync(
            () => Classify(parsed.GetValue(rules), parsed.GetValue(explain), parsed.GetValue(input), io, cancellationToken), cancellationToken));
        return command;
    }

    private static int Classify(string? rulesFile, bool explain, string? path, CommandIo io, CancellationToken cancellationToken)
    {
        var classifier = new KeywordClassifier(RuleSetLoader.Load(LocalConfiguration.RulesFile(rulesFile)));
        using var input = LabelledLines.Open(path, io.In);
        using var output = ClassificationLines.Open(io.Out);
        var failed = 0;
        while (input.TryReadLine(out var line, out var tooLong))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (LabelledLines.IsBlank(line) && !tooLong)
            {
                continue;
            }

            var problem = string.Empty;
            if (tooLong || !LabelledLines.TryParse(line, out var item, out problem))
            {
                failed++;
                var message = $"line {input.LineNumber}: {(tooLong ? $"longer than {LabelledLines.MaxLineBytes} bytes" : problem)}";
                output.WriteError(message);
                io.Error.WriteLine("error: " + message);
                continue;
            }

            var result = classifier.Classify(item.Input);
            output.Write(result);
            if (explain)
            {
                output.Flush();
                io.Error.Write(ClassificationExplanation.Describe(item.Input, result));
            }
        }

        return failed == 0 ? CommandLine.Ok : CommandLine.BadInput;
    }
}
