namespace NkWatch.Cli.Commands;

/// <summary>
/// Runs the line-by-line work of classify and eval off the command's thread. Ctrl+C ends the
/// command at once even while the work is blocked reading a pipe or a terminal that sends
/// nothing: the work sees the cancellation at its next line, the command does not wait for it.
/// </summary>
internal static class LineWork
{
    public static Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken) =>
        Task.Run(work, cancellationToken).WaitAsync(cancellationToken);
}
