using Microsoft.Extensions.Logging;
using NkWatch.Core.Matches;
using NkWatch.Core.Messaging;
using NkWatch.Core.Storage;

namespace NkWatch.Core.Pipeline;

/// <summary>
/// StoreMatch: puts a queued match into its story, then stores it once, however often the message
/// is delivered. The story is assigned first and the match written with it, so a digest never
/// reads a match without its story; a retry after a crash between the two finds the assignment
/// already made and writes the same match.
/// </summary>
public sealed partial class MatchRecorder(IMatchStore matches, IStoryStore stories, StoryCandidates candidates, TimeProvider clock, ILogger<MatchRecorder> logger)
{
    public async Task<bool> StoreAsync(MatchMessage message, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var candidate = await candidates.ForAsync(message, now, cancellationToken).ConfigureAwait(false);
        var storyId = await stories.AssignAsync(candidate, StoryClusterer.Window, members => StoryClusterer.Choose(candidate, members), cancellationToken).ConfigureAwait(false);
        // Stamped when it becomes visible, not when the work began: story assignment may retry for a
        // while, and a digest whose window already passed the earlier time would never see the match.
        var added = await matches.AddAsync(StoredMatch.From(message, clock.GetUtcNow()) with { StoryId = storyId }, cancellationToken).ConfigureAwait(false);
        LogStored(message.ItemId, message.FeedId, storyId, added);
        return added;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Match {ItemId} from {FeedId} in story {StoryId}: stored={Added}")]
    private partial void LogStored(string itemId, string feedId, string storyId, bool added);
}
