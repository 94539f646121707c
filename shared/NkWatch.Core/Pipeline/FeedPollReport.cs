namespace NkWatch.Core.Pipeline;

/// <summary>What one poll of one feed did; printed by the command line and logged by the function.</summary>
public sealed record FeedPollReport(string FeedId, string Outcome, int Items, int NewItems, int Matches, string? Error)
{
    public bool Failed => Error is not null;

    /// <summary>Why a feed was not polled (outcome "skipped"): a setting it needs is missing.</summary>
    public string? Detail { get; init; }
}
