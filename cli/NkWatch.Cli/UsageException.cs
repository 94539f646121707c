namespace NkWatch.Cli;

/// <summary>Bad input from the user: printed as one <c>error:</c> line, exit code 2, no stack trace.</summary>
public sealed class UsageException(string message) : Exception(message);
