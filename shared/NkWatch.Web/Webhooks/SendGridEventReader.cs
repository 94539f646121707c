using System.Security.Cryptography;
using System.Runtime.InteropServices;
using System.Text.Json;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Web.Webhooks;

/// <summary>
/// Reads SendGrid's event batch (a JSON array of objects) into delivery events. Custom arguments
/// such as <c>subscriber_id</c> arrive as top-level fields of each event. An event without
/// <c>sg_event_id</c> is identified by a hash of its own JSON, so its replay is still recognised.
/// </summary>
public static class SendGridEventReader
{
    public const int MaxEvents = 5000;

    /// <summary>
    /// The batch, or null when the body is not a JSON array of objects. Events whose text cannot be
    /// decoded (a lone surrogate, invalid UTF-8) are left out and their positions given; a batch
    /// longer than <see cref="MaxEvents"/> is counted, not read.
    /// </summary>
    public static SendGridBatch? Read(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var count = document.RootElement.GetArrayLength();
            if (count > MaxEvents)
            {
                return new SendGridBatch([], [], count);
            }

            var events = new List<DeliveryEvent>();
            var undecodable = new List<int>();
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                if (TryRead(element) is { } delivery)
                {
                    events.Add(delivery);
                }
                else
                {
                    undecodable.Add(index);
                }

                index++;
            }

            return new SendGridBatch(events, undecodable, count);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The event, or null when one of its strings is not valid Unicode.</summary>
    private static DeliveryEvent? TryRead(JsonElement element)
    {
        try
        {
            // The id of an event without one hashes its raw bytes, which need no decoding.
            var id = Text(element, "sg_event_id") ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(JsonMarshal.GetRawUtf8Value(element)));
            return new DeliveryEvent(id, Text(element, "event") ?? string.Empty, Text(element, "email"), Text(element, "subscriber_id"), Text(element, "type"));
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 512 } text
            ? text
            : null;
}

/// <summary>A batch as read: the events, the positions of those that could not be decoded, and how many there were in all.</summary>
public sealed record SendGridBatch(IReadOnlyList<DeliveryEvent> Events, IReadOnlyList<int> Undecodable, int Count);
