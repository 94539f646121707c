using System.CommandLine;
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
    public static Command Create(CommandIo io)
    {
        var json = new Option<bool>("--json") { Description = "print the health of each feed as JSON" };
        var command = new Command("status", "each feed's health from the stored state: ok, stale, failing, skipped or new") { json };
        var state = StateOptions.AddTo(command);
        command.SetGuardedAction(io, (parsed, cancellationToken) => RunAsync(state.Read(parsed, io), parsed.GetValue(json), io, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(LocalSettings settings, bool json, CommandIo io, CancellationToken cancellationToken)
    {
        using var host = await LocalServices.StartStateAsync(settings, cancellationToken).ConfigureAwait(false);
        var services = host.Services;
        var health = await services.GetRequiredService<FeedHealthReader>().ReadAsync(cancellationToken).ConfigureAwait(false);
        if (json)
        {
            var rows = health.Select(h => new
            {
                id = h.FeedId,
                name = h.Name,
                condition = h.Condition.Name(),
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
            await io.Out.WriteLineAsync(string.Create(c, $"{h.FeedId}\t{h.Condition.Name()}\t{h.ItemsPerDay:0.0}/day\tlast ok {Time(h.LastSuccessAt)}\tnext {Time(h.NextPollAt)}\t{h.Reason}{moved}")).ConfigureAwait(false);
        }

        var counts = health.GroupBy(h => h.Condition).OrderBy(g => g.Key).Select(g => string.Create(c, $"{g.Count()} {g.Key.Name()}"));
        await io.Out.WriteLineAsync($"{health.Count} feeds: {string.Join(", ", counts)}").ConfigureAwait(false);
        return CommandLine.Ok;
    }

    private static string Time(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "never";
}
