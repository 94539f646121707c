using System.Text.RegularExpressions;

namespace NkWatch.Core.Feeds;

/// <summary>
/// Parses RSS, Atom and JSON Feed bytes into a normalised <see cref="ParsedFeed"/>. The encoding
/// is decided here (<see cref="FeedTextDecoder"/>), XML is loaded once and safely
/// (<see cref="SafeXml"/>), read with CodeHollow.FeedReader's feed classes
/// (<see cref="XmlFeedReader"/>) or as JSON Feed (<see cref="JsonFeedReader"/>), and normalised
/// (<see cref="FeedNormalizer"/>). Whatever is not a feed ends in a <see cref="FeedParseException"/>
/// with a one-line reason; nothing else escapes.
/// </summary>
public sealed partial class FeedParser(TimeProvider clock)
{
    public const int MaxSummaryLength = FeedNormalizer.MaxSummaryLength;
    public const int MaxTitleLength = FeedNormalizer.MaxTitleLength;

    private readonly FeedNormalizer normalizer = new(clock);

    /// <summary>A catalogue entry's fetched body, read as its <see cref="FeedSource.Type"/> says.</summary>
    public ParsedFeed Parse(FeedSource feed, FetchResult fetched) => feed.Type == FeedTypes.ReliefWebApi
        ? ParseReliefWeb(fetched.Body, fetched.ContentType, fetched.FinalUri, feed.Id)
        : Parse(fetched.Body, fetched.ContentType, fetched.FinalUri, feed.Id);

    public ParsedFeed Parse(ReadOnlySpan<byte> body, string? contentType, Uri? location, string feedId)
    {
        if (body.IsEmpty)
        {
            throw new FeedParseException("empty body: no feed");
        }

        var text = FeedTextDecoder.Decode(body, contentType);
        var start = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (start.IsEmpty)
        {
            throw new FeedParseException("empty body: no feed (only whitespace)");
        }

        RawFeed raw;
        try
        {
            raw = start[0] switch
            {
                '{' or '[' => JsonFeedReader.Read(text),
                '<' when HtmlStart().IsMatch(start) => throw new FeedParseException("not a feed: an HTML page"),
                '<' => ReadXml(text),
                _ => throw new FeedParseException("not a feed: the body is neither XML nor JSON"),
            };
        }
        catch (Exception ex) when (ex is not FeedParseException and not OutOfMemoryException)
        {
            // The library's feed classes throw whatever their data provokes; that is a bad feed, not a crash.
            throw new FeedParseException($"unreadable feed: {ex.GetType().Name}: {ex.Message}", ex);
        }

        return normalizer.Normalize(raw, location, feedId);
    }

    private ParsedFeed ParseReliefWeb(ReadOnlySpan<byte> body, string? contentType, Uri? location, string feedId)
    {
        if (body.IsEmpty)
        {
            throw new FeedParseException("empty body: no ReliefWeb API response");
        }

        return normalizer.Normalize(ReliefWebApiReader.Read(FeedTextDecoder.Decode(body, contentType)), location, feedId);
    }

    private static RawFeed ReadXml(string text)
    {
        var (document, warning) = SafeXml.Load(text);
        return XmlFeedReader.Read(document, text) with { Warning = warning };
    }

    // An HTML page: its doctype or <html>, possibly after comments.
    [GeneratedRegex(@"^(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HtmlStart();
}
