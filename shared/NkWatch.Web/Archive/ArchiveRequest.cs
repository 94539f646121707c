using Microsoft.AspNetCore.Http;
using NkWatch.Core.Feeds;
using NkWatch.Core.Matches;
using NkWatch.Core.Search;
using NkWatch.Web.Http;

namespace NkWatch.Web.Archive;

/// <summary>
/// What a visitor asked the archive for: <c>topic=ID</c> (a topic of the rule file),
/// <c>language=en|ko|ja</c>, <c>q=</c> (search) and <c>before=</c> (the next page). Anything else
/// in those parameters is refused with a 400 that says what was wrong.
/// </summary>
public sealed record ArchiveRequest(string? Topic, string? Language, SearchQuery? Query, MatchCursor? Before)
{
    public static readonly ArchiveRequest Everything = new(null, null, null, null);

    public static ArchiveRequest Read(IQueryCollection query, IReadOnlyCollection<string> topicIds)
    {
        var topic = Single(query, "topic");
        if (topic is not null && !topicIds.Contains(topic, StringComparer.Ordinal))
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, $"topic must be one of {string.Join(", ", topicIds)}");
        }

        var language = Single(query, "language");
        if (language is not null && !FeedCatalog.Languages.Contains(language, StringComparer.Ordinal))
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, $"language must be one of {string.Join(", ", FeedCatalog.Languages)}");
        }

        SearchQuery? search = null;
        if (Single(query, "q") is { } text)
        {
            search = SearchQuery.Parse(text, out var error)
                ?? throw new RequestRejectedException(StatusCodes.Status400BadRequest, "q: " + error);
        }

        MatchCursor? before = null;
        if (Single(query, "before") is { } cursorText)
        {
            before = MatchCursor.TryParse(cursorText, out var cursor)
                ? cursor
                : throw new RequestRejectedException(StatusCodes.Status400BadRequest, "before must be a cursor from an archive page's \"Older\" link");
        }

        return new ArchiveRequest(topic, language, search, before);
    }

    /// <summary>The store's filter: the topic, and the catalogue's feeds of the language.</summary>
    public MatchFilter Filter(FeedCatalog catalog) => new()
    {
        Topic = Topic,
        FeedIds = Language is null
            ? null
            : catalog.Feeds.Where(f => string.Equals(f.Language, Language, StringComparison.OrdinalIgnoreCase)).Select(f => f.Id).ToHashSet(StringComparer.Ordinal),
        Before = Before,
    };

    /// <summary>The query string of this request's filters (and search), with another cursor: "" or "?topic=...".</summary>
    public string QueryString(MatchCursor? before = null, bool withSearch = true)
    {
        var parts = new List<string>();
        Add("topic", Topic);
        Add("language", Language);
        Add("q", withSearch ? Query?.Text : null);
        Add("before", before?.ToString());
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }
    }

    private static string? Single(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        if (values.Count != 1)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, $"{name} may be given once");
        }

        var value = values[0]?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
