namespace NkWatch.Core.Search;

/// <summary>
/// What someone searched for, bounded: at most <see cref="MaxLength"/> characters and
/// <see cref="MaxTokens"/> distinct tokens, every one of which a result must contain. The text is
/// never put into a query language; only its tokens go to the store, as parameters.
/// </summary>
public sealed record SearchQuery
{
    public const int MaxLength = 200;

    public const int MaxTokens = 12;

    private SearchQuery(string text, IReadOnlyList<string> tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    /// <summary>The query as typed (trimmed), for showing back.</summary>
    public string Text { get; }

    /// <summary>The distinct tokens (<see cref="SearchText"/>) a match must all contain.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>The query, or null with the reason it cannot be searched.</summary>
    public static SearchQuery? Parse(string? text, out string? error)
    {
        var trimmed = (text ?? string.Empty).Trim();
        error = null;
        if (trimmed.Length > MaxLength)
        {
            error = $"the search text is longer than {MaxLength} characters";
            return null;
        }

        var tokens = SearchText.Tokens(trimmed).Distinct(StringComparer.Ordinal).ToList();
        if (tokens.Count == 0)
        {
            error = "the search text has no words to look for";
            return null;
        }

        if (tokens.Count > MaxTokens)
        {
            error = $"the search text has more than {MaxTokens} words (Korean and Japanese count each pair of characters)";
            return null;
        }

        return new SearchQuery(trimmed, tokens);
    }
}
