namespace NkWatch.Core.Feeds;

public enum FetchOutcome
{
    Content,
    NotModified,
    Failed,
}

/// <summary>
/// The result of one conditional GET of a feed. <see cref="MaxAge"/> is the server's
/// Cache-Control freshness, <see cref="RetryAfter"/> its Retry-After; <see cref="MovedTo"/> is
/// set when every redirect on the way was permanent (the catalogue should be updated).
/// </summary>
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
    public TimeSpan? MaxAge { get; init; }

    public Uri? MovedTo { get; init; }

    public int? StatusCode { get; init; }

    public static FetchResult Failure(string error, TimeSpan? retryAfter = null) =>
        new(FetchOutcome.Failed, [], null, null, null, null, error.ReplaceLineEndings(" "), retryAfter);
}
