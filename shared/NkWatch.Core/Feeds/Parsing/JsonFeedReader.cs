using System.Text.Json;

namespace NkWatch.Core.Feeds;

/// <summary>
/// Reads JSON Feed 1.0 and 1.1 with System.Text.Json. CodeHollow.FeedReader's JSON mapping loses
/// <c>external_url</c> and would parse the text a second time, so NkWatch reads the few fields
/// it needs itself, and anything that is JSON but not a JSON Feed (an API's error object) is named.
/// </summary>
internal static class JsonFeedReader
{
    public static RawFeed Read(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new FeedParseException($"not a feed: invalid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || String(root, "version") is not { } version
                || !version.Contains("jsonfeed.org", StringComparison.OrdinalIgnoreCase))
            {
                var error = root.ValueKind == JsonValueKind.Object ? String(root, "error") ?? String(root, "message") : null;
                throw new FeedParseException(error is null
                    ? "not a feed: JSON without a JSON Feed \"version\""
                    : $"not a feed: a JSON error response ({HtmlText.Truncate(HtmlText.FoldWhitespace(error), 120)})");
            }

            var items = new List<RawItem>();
            if (root.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in array.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                {
                    items.Add(ReadItem(item));
                }
            }

            return new RawFeed("json", String(root, "title"), TextKind.Plain, String(root, "home_page_url"), items);
        }
    }

    private static RawItem ReadItem(JsonElement item)
    {
        // content_html is markup; content_text and summary are plain text by the spec.
        var (summary, kind) = String(item, "summary") is { Length: > 0 } plainSummary
            ? (plainSummary, TextKind.Plain)
            : String(item, "content_html") is { Length: > 0 } html
                ? (html, TextKind.Html)
                : (String(item, "content_text"), TextKind.Plain);
        return new RawItem
        {
            Title = String(item, "title"),
            TitleKind = TextKind.Plain,
            Link = String(item, "url") ?? String(item, "external_url"),
            Guid = String(item, "id"),
            Published = String(item, "date_published"),
            Updated = String(item, "date_modified"),
            Summary = summary,
            SummaryKind = kind,
        };
    }

    /// <summary>A string property; numbers are accepted where the spec wants a string (ids in the wild).</summary>
    internal static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
