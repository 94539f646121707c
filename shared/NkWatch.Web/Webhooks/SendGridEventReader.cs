using System.Security.Cryptography;
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

    /// <summary>The events, or null when the body is not a JSON array of objects.</summary>
    public static IReadOnlyList<DeliveryEvent>? Read(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() > MaxEvents)
            {
                return null;
            }

            var events = new List<DeliveryEvent>();
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                events.Add(new DeliveryEvent(
                    Text(element, "sg_event_id") ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(element.GetRawText()))),
                    Text(element, "event") ?? string.Empty,
                    Text(element, "email"),
                    Text(element, "subscriber_id"),
                    Text(element, "type")));
            }

            return events;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 512 } text
            ? text
            : null;
}
