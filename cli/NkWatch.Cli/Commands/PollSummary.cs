using System.Globalization;
using NkWatch.Core.Pipeline;

namespace NkWatch.Cli.Commands;

/// <summary>What a poll did, a line per feed and a total: printed alike by <c>run</c> and <c>feeds poll</c>.</summary>
internal static class PollSummary
{
    public static async Task WriteFeedsAsync(TextWriter output, IEnumerable<FeedPollReport> feeds)
    {
        var c = CultureInfo.InvariantCulture;
        foreach (var feed in feeds.OrderBy(f => f.FeedId, StringComparer.Ordinal))
        {
            var line = feed.Failed
                ? string.Create(c, $"feed {feed.FeedId}: error: {feed.Error}")
                : string.Create(c, $"feed {feed.FeedId}: {feed.Outcome.Name()}, {feed.Items} items, {feed.NewItems} new, {feed.Matches} matches{(feed.Detail is null ? string.Empty : " (" + feed.Detail + ")")}");
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    public static string Totals(IReadOnlyCollection<FeedPollReport> feeds) =>
        string.Create(CultureInfo.InvariantCulture, $"polled {feeds.Count} feeds ({feeds.Count(f => f.Failed)} failed), {feeds.Sum(f => f.Matches)} new matches");
}
