namespace NkWatch.Core;

/// <summary>A configuration file (feed catalogue, rules) that cannot be used, with where and why.</summary>
public sealed class ConfigurationFileException(string path, string problem)
    : Exception($"{path}: {problem}")
{
    public string Path { get; } = path;

    public string Problem { get; } = problem;
}
