using System.Text.Json;
using System.Text.RegularExpressions;

namespace NkWatch.Core.Feeds;

/// <summary>The feed catalogue, loaded and validated from JSON: <c>{"feeds":[...]}</c>.</summary>
public sealed partial class FeedCatalog
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The languages the classifier has rules for; a feed in any other would never match.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "ko", "ja"];

    private readonly Dictionary<string, FeedSource> byId;

    public FeedCatalog(IReadOnlyList<FeedSource> feeds)
    {
        Feeds = feeds;

        // Digests and the archive look a feed up per match; the first of a repeated id wins, as a scan would.
        byId = new Dictionary<string, FeedSource>(StringComparer.Ordinal);
        foreach (var feed in feeds)
        {
            byId.TryAdd(feed.Id, feed);
        }
    }

    public IReadOnlyList<FeedSource> Feeds { get; }

    public FeedSource? Find(string id) => byId.GetValueOrDefault(id);

    public static FeedCatalog Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationFileException(path, "file not found");
        }

        using var stream = File.OpenRead(path);
        return Parse(stream, path);
    }

    public static FeedCatalog Parse(Stream json, string sourceName)
    {
        CatalogDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<CatalogDocument>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new ConfigurationFileException(sourceName, $"line {(ex.LineNumber ?? 0) + 1}: {ex.Message}");
        }

        if (document?.Feeds is null)
        {
            throw new ConfigurationFileException(sourceName, "expected an object with a \"feeds\" array");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < document.Feeds.Count; i++)
        {
            var feed = document.Feeds[i];
            var where = $"feeds[{i}]";
            if (feed is null || string.IsNullOrWhiteSpace(feed.Id) || !FeedIdPattern().IsMatch(feed.Id))
            {
                throw new ConfigurationFileException(sourceName, $"{where}: \"id\" must be lower-case letters, digits and hyphens");
            }

            if (!seen.Add(feed.Id))
            {
                throw new ConfigurationFileException(sourceName, $"{where}: duplicate id \"{feed.Id}\"");
            }

            if (!Uri.TryCreate(feed.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ConfigurationFileException(sourceName, $"{where} ({feed.Id}): \"url\" must be an absolute http or https URL");
            }

            if (!FeedTypes.All.Contains(feed.Type))
            {
                throw new ConfigurationFileException(sourceName, $"{where} ({feed.Id}): \"type\" must be one of {string.Join(", ", FeedTypes.All)}");
            }

            if (feed.Type == FeedTypes.ReliefWebApi && uri.Query.Contains("appname=", StringComparison.OrdinalIgnoreCase))
            {
                throw new ConfigurationFileException(sourceName, $"{where} ({feed.Id}): the appname goes in the ReliefWeb__AppName setting, not in the URL");
            }

            if (string.IsNullOrWhiteSpace(feed.Name))
            {
                throw new ConfigurationFileException(sourceName, $"{where} ({feed.Id}): \"name\" is required");
            }

            if (feed.PollMinutes is < 1 or > 1440)
            {
                throw new ConfigurationFileException(sourceName, $"{where} ({feed.Id}): \"pollMinutes\" must be from 1 to 1440");
            }

            if (feed.Weight is <= 0 or > 10)
            {
                throw new ConfigurationFileException(sourceName, $"{where} ({feed.Id}): \"weight\" must be in (0, 10]");
            }

            if (!Languages.Contains(feed.Language, StringComparer.Ordinal))
            {
                throw new ConfigurationFileException(sourceName, $"{where} ({feed.Id}): \"language\" must be one of {string.Join(", ", Languages.Select(l => $"\"{l}\""))}");
            }
        }

        return new FeedCatalog(document.Feeds);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex FeedIdPattern();

    private sealed class CatalogDocument
    {
        public List<FeedSource>? Feeds { get; set; }
    }
}
