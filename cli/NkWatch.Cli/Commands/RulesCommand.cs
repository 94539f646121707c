using System.CommandLine;
using System.Globalization;
using NkWatch.Core.Classification;

namespace NkWatch.Cli.Commands;

/// <summary>
/// <c>nkwatch rules check FILE</c>: reads, checks and compiles a rule file as the service would.
/// A good file: a summary and exit code 0. A bad one: <c>error: FILE:LINE: what is wrong</c> and
/// exit code 2 (the command line turns the loader's exception into that line).
/// </summary>
internal static class RulesCommand
{
    public static Command Create(CommandIo io)
    {
        var file = new Argument<string>("FILE") { Description = "the rule file to check" };
        var check = new Command("check", "check a rule file: a summary, or the line that is wrong") { file };
        check.SetGuardedAction(io, (parsed, _) => CheckAsync(parsed.GetRequiredValue(file), io));
        return new Command("rules", "the classifier's rule file") { check };
    }

    private static async Task<int> CheckAsync(string path, CommandIo io)
    {
        var rules = RuleSetLoader.Load(path);
        var classifier = new KeywordClassifier(rules);
        var c = CultureInfo.InvariantCulture;
        var terms = rules.Topics.Sum(t => t.Terms.Count());
        await io.Out.WriteLineAsync(string.Create(c,
            $"{path}: ok, rules {rules.Version}: {rules.Topics.Count} topics, {terms} theme terms, {rules.Subjects.Count} North Korea terms, {rules.Exclusions.Count + rules.Topics.Sum(t => t.Exclusions.Count)} exclusions, {classifier.PatternCount} spellings, {classifier.AutomatonStates} automaton states, {classifier.AutomatonTableBytes / 1048576.0:0.0} MiB of transition tables")).ConfigureAwait(false);
        await io.Out.WriteLineAsync(string.Create(c, $"threshold {rules.Threshold:0.##}, title weight {rules.TitleWeight:0.##}, theme terms count {rules.Within} of a North Korea term")).ConfigureAwait(false);
        foreach (var topic in rules.Topics)
        {
            await io.Out.WriteLineAsync(string.Create(c,
                $"  {topic.Id,-20} {topic.Groups.Count,2} groups {topic.Terms.Count(),4} terms  threshold {topic.Threshold ?? rules.Threshold:0.##}, {topic.Within ?? rules.Within}  {topic.Name}{(topic.General ? " (general: labels only what no other topic does)" : string.Empty)}")).ConfigureAwait(false);
        }

        return CommandLine.Ok;
    }
}
