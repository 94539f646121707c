namespace NkWatch.Cli.Commands;

/// <summary><c>nkwatch feeds check|poll|status</c>: the operator's view of the feed catalogue.</summary>
internal static class FeedsCommand
{
    public static Task<int> RunAsync(string[] args, CommandIo io, CancellationToken cancellationToken) => args.FirstOrDefault() switch
    {
        "check" => FeedsCheckCommand.RunAsync(args[1..], io, cancellationToken),
        "poll" => FeedsPollCommand.RunAsync(args[1..], io, cancellationToken),
        "status" => FeedsStatusCommand.RunAsync(args[1..], io, cancellationToken),
        null => throw new UsageException("feeds needs check, poll or status"),
        var other => throw new UsageException($"unknown feeds command \"{other}\" (check, poll or status)"),
    };
}
