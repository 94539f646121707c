namespace NkWatch.Core.Messaging;

/// <summary>The queues between the functions (a contract: the triggers and the Bicep template name them too).</summary>
public static class QueueNames
{
    public const string FeedPoll = "feed-poll";
    public const string Matches = "matches";
    public const string Digests = "digests";

    public static readonly IReadOnlyList<string> All = [FeedPoll, Matches, Digests];
}
