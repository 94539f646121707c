using NkWatch.Core.Matches;
using NkWatch.Core.Search;

namespace NkWatch.Core.Tests.Search;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Detainees held at Yodok", new[] { "detainee", "held", "yodok" })]
    [InlineData("countries' resolutions", new[] { "country", "resolution" })]
    [InlineData("status of the crisis", new[] { "status", "crisis" })]
    [InlineData("북한은 송환", new[] { "북한", "한은", "송환" })]
    [InlineData("拉致被害者", new[] { "拉致", "致被", "被害", "害者" })]
    [InlineData("６００人", new[] { "600", "人" })]
    [InlineData("A/HRC/43/L.17", new[] { "hrc", "43", "17" })]
    public void TextBecomesTheTokensSearchComparesBy(string text, string[] tokens) =>
        Assert.Equal(tokens, SearchText.Tokens(text));

    [Fact]
    public void AQueryIsBoundedAndNeverEmpty()
    {
        Assert.Equal(["yodok", "camp"], SearchQuery.Parse("  Yodok camps  ", out _)!.Tokens);
        Assert.Null(SearchQuery.Parse(new string('a', SearchQuery.MaxLength + 1), out var tooLong));
        Assert.Contains("longer than 200", tooLong, StringComparison.Ordinal);
        Assert.Null(SearchQuery.Parse("\" * ( ) :", out var nothing));
        Assert.Contains("no words", nothing, StringComparison.Ordinal);
        Assert.Null(SearchQuery.Parse(string.Join(' ', Enumerable.Range(0, 13).Select(i => "word" + i)), out var tooMany));
        Assert.Contains("more than 12 words", tooMany, StringComparison.Ordinal);
    }

    [Fact]
    public void ACursorRoundTripsAndRefusesAnythingElse()
    {
        var cursor = new MatchCursor(638_999_999_999_999_999, "ab12-cd_3");

        Assert.True(MatchCursor.TryParse(cursor.ToString(), out var read));
        Assert.Equal(cursor, read);
        foreach (var bad in new[] { "", "-abc", "12-", "x1-abc", "12-a/b", "+12-abc", "99999999999999999999-a", new string('1', 101) })
        {
            Assert.False(MatchCursor.TryParse(bad, out _), bad);
        }
    }
}
