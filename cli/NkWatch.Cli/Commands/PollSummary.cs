using System.Globalization;
using NkWatch.Core.Pipeline;

namespace NkWatch.Cli.Commands;

/// <summary>What a poll did, a line per feed and a total: printed alike by <c>run</c> and <c>feeds poll</c>.</summary>
internal static class PollSummary
{
    public static async Task WriteFeedsAsync(TextWriter output, IEnumerable<FeedPollReport> feeds)
    {
        foreach (var feed in feeds.OrderBy(f => f.FeedId, StringComparer.Ordinal))
        {
            await output.WriteLineAsync(Line(feed)).ConfigureAwait(false);
        }
    }

    public static string Totals(IReadOnlyCollection<FeedPollReport> feeds) =>
        string.Create(CultureInfo.InvariantCulture, $"polled {feeds.Count} feeds ({feeds.Count(f => f.Failed)} failed), {feeds.Sum(f => f.Matches)} new matches");

    public static string Line(FeedPollReport feed) => feed.Failed
        ? string.Create(CultureInfo.InvariantCulture, $"feed {feed.FeedId}: error: {feed.Error}")
        : string.Create(CultureInfo.InvariantCulture, $"feed {feed.FeedId}: {feed.Outcome.Name()}, {feed.Items} items, {feed.NewItems} new, {feed.Matches} matches{(feed.Detail is null ? string.Empty : " (" + feed.Detail + ")")}");
}

/// <summary>
/// A line on stderr as each feed's poll ends (<c>[3/40] feed ...</c>, or <c>[3]</c> when the number
/// due is not known beforehand), so a long poll shows it is moving; stdout keeps the summary.
/// </summary>
internal sealed class PollProgress(TextWriter error, int? total = null)
{
    private int done;

    public void Report(FeedPollReport feed)
    {
        var count = Interlocked.Increment(ref done);
        var line = string.Create(CultureInfo.InvariantCulture, $"[{count}{(total is { } all ? "/" + all : string.Empty)}] {PollSummary.Line(feed)}");
        lock (error)
        {
            error.WriteLine(line);
        }
    }
}
