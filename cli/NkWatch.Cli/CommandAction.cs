using System.CommandLine;

namespace NkWatch.Cli;

/// <summary>
/// Runs a command's work and turns its failures into one <c>error:</c> line with exit code 2
/// (<see cref="FailureMessages"/> says what), and cancellation by Ctrl+C or SIGTERM into exit code
/// 130, never a stack trace.
/// </summary>
internal static class CommandAction
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
            catch (Exception ex)
            {
                await io.Error.WriteLineAsync("error: " + FailureMessages.For(ex).ReplaceLineEndings(" ")).ConfigureAwait(false);
                return CommandLine.BadInput;
            }
        });
}
