namespace NkWatch.Core.Classification.Rules;

/// <summary>What is wrong with a rule file, and on which line.</summary>
internal sealed class RuleFileException(string file, int line, string problem) : Exception($"{file}:{line}: {problem}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string Problem { get; } = problem;
}
