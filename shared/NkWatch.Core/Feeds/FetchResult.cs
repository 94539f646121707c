namespace NkWatch.Core.Feeds;

public enum FetchOutcome
{
    Content,
    NotModified,
    Failed,
}

/// <summary>The result of one conditional GET of a feed.</summary>
public sealed record FetchResult(
    FetchOutcome Outcome,
    byte[] Body,
    string? ContentType,
    Uri? FinalUri,
    string? ETag,
    string? LastModified,
    string? Error,
    TimeSpan? RetryAfter = null)
{
    public static FetchResult Failure(string error, TimeSpan? retryAfter = null) =>
        new(FetchOutcome.Failed, [], null, null, null, null, error, retryAfter);
}
