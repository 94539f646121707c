using Microsoft.Extensions.Logging;
using NkWatch.Core.Matches;
using NkWatch.Core.Messaging;
using NkWatch.Core.Storage;

namespace NkWatch.Core.Pipeline;

/// <summary>StoreMatch: stores a queued match once, however often the message is delivered.</summary>
public sealed partial class MatchRecorder(IMatchStore matches, TimeProvider clock, ILogger<MatchRecorder> logger)
{
    public async Task<bool> StoreAsync(MatchMessage message, CancellationToken cancellationToken)
    {
        var added = await matches.AddAsync(StoredMatch.From(message, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        LogStored(message.ItemId, message.FeedId, added);
        return added;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Match {ItemId} from {FeedId}: stored={Added}")]
    private partial void LogStored(string itemId, string feedId, bool added);
}
