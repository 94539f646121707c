using System.Text;
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
    public static Task<int> RunAsync(string[] args, CommandIo io)
    {
        var arguments = new Arguments(args, ["rules"], ["explain"]);
        arguments.ExpectAtMost(1);
        var classifier = new KeywordClassifier(RuleSetLoader.Load(LocalPaths.Rules(arguments.Option("rules"))));
        var explain = arguments.Flag("explain");
        using var input = LabelledLines.Open(arguments.Positionals.FirstOrDefault(), io.In);
        using var output = ClassificationLines.Open(io.Out);
        var failed = 0;
        while (input.TryReadLine(out var line, out var tooLong))
        {
            if (line[Ascii.Trim(line)].IsEmpty && !tooLong)
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

        return Task.FromResult(failed == 0 ? CommandLine.Ok : CommandLine.BadInput);
    }
}
