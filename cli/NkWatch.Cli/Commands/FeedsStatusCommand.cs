using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Cli.Hosting;
using NkWatch.Core.Feeds;

namespace NkWatch.Cli.Commands;

/// <summary>
/// <c>nkwatch feeds status [--json] [--data DIR] [--storage CONN] [--feeds FILE]</c>: each feed's health
/// from the stored state: ok, stale (silent for longer than its own rate leads to expect), failing,
/// or new; with last success, last error, failures in a row, items per day and the next poll.
/// </summary>
internal static class FeedsStatusCommand
{
    public static async Task<int> RunAsync(string[] args, CommandIo io, CancellationToken cancellationToken)
    {
        var arguments = new Arguments(args, ["data", "storage", "feeds", "rules"], ["json"]);
        arguments.ExpectAtMost(0);
        using var services = LocalServices.ForState(StateOptions.Read(arguments, io));
        var health = await services.GetRequiredService<FeedHealthReader>().ReadAsync(cancellationToken).ConfigureAwait(false);
        if (arguments.Flag("json"))
        {
            var rows = health.Select(h => new
            {
                id = h.FeedId,
                name = h.Name,
                condition = h.Condition.ToString().ToLowerInvariant(),
                reason = h.Reason,
                lastSuccessAt = h.LastSuccessAt,
                lastError = h.LastError,
                lastErrorAt = h.LastErrorAt,
                consecutiveFailures = h.ConsecutiveFailures,
                itemsPerDay = Math.Round(h.ItemsPerDay, 2),
                newestItemAt = h.NewestItemAt,
                nextPollAt = h.NextPollAt,
                movedTo = h.MovedTo,
            });
            await io.Out.WriteLineAsync(JsonSerializer.Serialize(rows, CliJson.Options)).ConfigureAwait(false);
            return CommandLine.Ok;
        }

        var c = CultureInfo.InvariantCulture;
        foreach (var h in health)
        {
            var moved = h.MovedTo is null ? string.Empty : $"; moved permanently to {h.MovedTo}";
            await io.Out.WriteLineAsync(string.Create(c, $"{h.FeedId}\t{h.Condition.ToString().ToLowerInvariant()}\t{h.ItemsPerDay:0.0}/day\tlast ok {Time(h.LastSuccessAt)}\tnext {Time(h.NextPollAt)}\t{h.Reason}{moved}")).ConfigureAwait(false);
        }

        var counts = health.GroupBy(h => h.Condition).OrderBy(g => g.Key).Select(g => string.Create(c, $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
        await io.Out.WriteLineAsync($"{health.Count} feeds: {string.Join(", ", counts)}").ConfigureAwait(false);
        return CommandLine.Ok;
    }

    private static string Time(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "never";
}
