using System.CommandLine;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using NkWatch.Core;
using NkWatch.Core.Configuration;

namespace NkWatch.Cli;

/// <summary>
/// Runs a command's work and turns its known failures into one <c>error:</c> line with exit code 2,
/// and cancellation by Ctrl+C or SIGTERM into exit code 130, never a stack trace.
/// </summary>
internal static partial class CommandAction
{
    public static void SetGuardedAction(this Command command, CommandIo io, Func<ParseResult, CancellationToken, Task<int>> work) =>
        command.SetAction(async (parsed, cancellationToken) =>
        {
            try
            {
                return await work(parsed, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return CommandLine.Cancelled;
            }
            catch (Exception ex) when (Describe(ex) is { } problem)
            {
                await io.Error.WriteLineAsync("error: " + problem.ReplaceLineEndings(" ")).ConfigureAwait(false);
                return CommandLine.BadInput;
            }
        });

    /// <summary>What to tell the user about a failure that is theirs to mend; null for a bug, which keeps its stack trace.</summary>
    private static string? Describe(Exception exception) => exception switch
    {
        UsageException or ConfigurationFileException or MissingSettingException => exception.Message,

        // A file or folder named on the command line that cannot be read or written.
        IOException or UnauthorizedAccessException => exception.Message,
        OptionsValidationException invalid => "bad setting " + string.Join("; ", SettingProblems(invalid)),
        AggregateException { InnerExceptions: var inner } when inner.All(e => e is OptionsValidationException) =>
            "bad setting " + string.Join("; ", inner.Cast<OptionsValidationException>().SelectMany(SettingProblems)),
        _ => null,
    };

    /// <summary>
    /// Each failure with the setting's name as the user writes it (<c>App__PublicBaseUrl: ...</c>):
    /// the options class names its section, the data-annotation failure names the member.
    /// </summary>
    private static IEnumerable<string> SettingProblems(OptionsValidationException invalid)
    {
        var section = invalid.OptionsType.GetField("Section")?.GetRawConstantValue() as string;
        foreach (var failure in invalid.Failures)
        {
            var match = AnnotationFailure().Match(failure);
            yield return section is not null && match.Success
                ? $"{section}__{match.Groups["member"].Value}: {match.Groups["error"].Value}"
                : failure;
        }
    }

    [GeneratedRegex("members: '(?<member>[^']+)' with the error: '(?<error>.*)'\\.?$")]
    private static partial Regex AnnotationFailure();
}
