using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NkWatch.Core.Classification;

namespace NkWatch.Core.Messaging;

/// <summary>
/// JSON for queue messages. Decoding is strict (a hostile or foreign message is refused with a
/// reason, never half-read) and encoding keeps a message under the queue's limit by cutting long
/// text fields, never the ids.
/// </summary>
public static class MessageCodec
{
    /// <summary>Azure queues take 64 KiB of Base64 text: about 48 KiB of UTF-8 payload, with a margin.</summary>
    public const int MaxPayloadBytes = 45 * 1024;

    public const int SupportedVersion = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Encode<T>(T message)
        where T : IQueueMessage
    {
        var json = JsonSerializer.Serialize(message, Options);
        if (Encoding.UTF8.GetByteCount(json) <= MaxPayloadBytes || message is not MatchMessage match)
        {
            return json;
        }

        return JsonSerializer.Serialize(Shrink(match), Options);
    }

    public static T Decode<T>(string json)
        where T : class, IQueueMessage
    {
        T? message;
        try
        {
            message = JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidMessageException($"not a {T.Queue} message: {ex.Message}", ex);
        }

        if (message is null)
        {
            throw new InvalidMessageException($"not a {T.Queue} message: null");
        }

        if (message.V != SupportedVersion)
        {
            throw new InvalidMessageException($"{T.Queue} message version {message.V} is not supported (expected {SupportedVersion})");
        }

        Validate(message);
        return message;
    }

    private static void Validate(IQueueMessage message)
    {
        var ok = message switch
        {
            FeedPollMessage m => !string.IsNullOrWhiteSpace(m.FeedId),
            MatchMessage m => !string.IsNullOrWhiteSpace(m.ItemId) && !string.IsNullOrWhiteSpace(m.FeedId) && m.Title is not null && m.Topics is not null && m.Hits is not null,
            DigestMessage m => !string.IsNullOrWhiteSpace(m.SubscriberId) && !string.IsNullOrWhiteSpace(m.Period),
            _ => true,
        };
        if (!ok)
        {
            throw new InvalidMessageException($"{message.GetType().Name} is missing a required field");
        }
    }

    private static MatchMessage Shrink(MatchMessage match)
    {
        var summary = match.Summary.Length > 4000 ? match.Summary[..4000] + "…" : match.Summary;
        var title = match.Title.Length > 1000 ? match.Title[..1000] + "…" : match.Title;
        IReadOnlyList<Hit> hits = match.Hits.Count > 200 ? [.. match.Hits.Take(200)] : match.Hits;
        return match with { Summary = summary, Title = title, Hits = hits };
    }
}

/// <summary>A queue message that cannot be processed as it is; retrying will not help.</summary>
public sealed class InvalidMessageException(string message, Exception? inner = null) : Exception(message, inner);
