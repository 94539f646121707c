using System.Text.Json.Serialization;

namespace NkWatch.Core.Pipeline;

/// <summary>What one poll of one feed did; printed by the command line and logged by the function.</summary>
public sealed record FeedPollReport(string FeedId, PollOutcome Outcome, int Items, int NewItems, int Matches, string? Error)
{
    public bool Failed => Error is not null;

    /// <summary>Why a feed was not polled (outcome "skipped"): a setting it needs is missing.</summary>
    public string? Detail { get; init; }
}

/// <summary>What a poll did, shown by its name ("ok", "not-modified").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PollOutcome>))]
public enum PollOutcome
{
    /// <summary>Fetched and read: the report counts its items.</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>The server answered that nothing changed since the last poll.</summary>
    [JsonStringEnumMemberName("not-modified")]
    NotModified,

    /// <summary>Another poll of this feed is running or has just run.</summary>
    [JsonStringEnumMemberName("already-polled")]
    AlreadyPolled,

    /// <summary>Not polled: a setting the feed needs is missing.</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,

    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The message names a feed the catalogue does not have.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}

public static class PollOutcomes
{
    /// <summary>The outcome's shown name: "ok", "not-modified", ...</summary>
    public static string Name(this PollOutcome outcome) => EnumNames.Of(outcome);
}
