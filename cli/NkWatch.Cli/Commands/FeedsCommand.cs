using System.CommandLine;

namespace NkWatch.Cli.Commands;

/// <summary><c>nkwatch feeds check|poll|status</c>: the operator's view of the feed catalogue.</summary>
internal static class FeedsCommand
{
    public static Command Create(CommandIo io) => new("feeds", "the feed catalogue: check it live, poll it now, or see each feed's health")
    {
        FeedsCheckCommand.Create(io),
        FeedsPollCommand.Create(io),
        FeedsStatusCommand.Create(io),
    };

    /// <summary><c>--only ID,...</c> of feeds check and feeds poll.</summary>
    public static Option<string?> OnlyOption() => new("--only") { HelpName = "ID,...", Description = "only these feeds of the catalogue, in this order (default: all)" };
}
