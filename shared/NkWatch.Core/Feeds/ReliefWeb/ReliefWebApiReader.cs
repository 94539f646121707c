using System.Text.Json;

namespace NkWatch.Core.Feeds;

/// <summary>
/// Reads a ReliefWeb API v2 list response (<c>{"totalCount","count","data":[{"id","fields":{...}}]}</c>)
/// as a feed: <c>title</c>, <c>url</c> (else <c>url_alias</c>), <c>date.original</c> (else
/// <c>date.created</c>), <c>date.changed</c>, and <c>body-html</c> (else <c>body</c>) as the summary.
/// An error object (<c>{"status":403,"error":{"type","message"}}</c>) is named.
/// </summary>
internal static class ReliefWebApiReader
{
    public const string Format = "reliefweb-api";

    public static RawFeed Read(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new FeedParseException($"not a ReliefWeb API response: invalid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FeedParseException("not a ReliefWeb API response: the JSON is not an object");
            }

            if (root.TryGetProperty("error", out var error))
            {
                var message = error.ValueKind == JsonValueKind.Object ? String(error, "message") ?? String(error, "type") : null;
                throw new FeedParseException($"ReliefWeb API error: {HtmlText.Truncate(HtmlText.FoldWhitespace(message ?? error.GetRawText()), 160)}");
            }

            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                throw new FeedParseException("not a ReliefWeb API response: no \"data\" array");
            }

            var items = data.EnumerateArray()
                .Where(entry => entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Object)
                .Select(ReadItem)
                .ToList();
            return new RawFeed(Format, "ReliefWeb", TextKind.Plain, "https://reliefweb.int/", items);
        }
    }

    private static RawItem ReadItem(JsonElement entry)
    {
        var fields = entry.GetProperty("fields");
        var date = fields.TryGetProperty("date", out var dates) && dates.ValueKind == JsonValueKind.Object ? dates : default;
        var (summary, kind) = String(fields, "body-html") is { Length: > 0 } html
            ? (html, TextKind.Html)
            : (String(fields, "body"), TextKind.Plain);
        return new RawItem
        {
            Title = String(fields, "title"),
            TitleKind = TextKind.Plain,
            Link = String(fields, "url") ?? String(fields, "url_alias"),
            Guid = String(entry, "id") is { } id ? "reliefweb:" + id : null,
            Published = date.ValueKind == JsonValueKind.Object ? String(date, "original") ?? String(date, "created") : null,
            Updated = date.ValueKind == JsonValueKind.Object ? String(date, "changed") : null,
            Summary = summary,
            SummaryKind = kind,
        };
    }

    private static string? String(JsonElement parent, string name) => JsonFeedReader.String(parent, name);
}
