using NkWatch.Core.Feeds;

namespace NkWatch.Core.Tests.Feeds;

public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("Plain title", "Plain title")]
    [InlineData("Tom &amp; Jerry &eacute;t&eacute;", "Tom & Jerry été")]
    [InlineData("a < b and c > d", "a < b and c > d")]
    [InlineData("<p>One</p><p>Two</p>", "One Two")]
    [InlineData("Line<br>break", "Line break")]
    [InlineData("<script>alert(1)</script>Safe<style>p{}</style>", "Safe")]
    [InlineData("<b>Bold</b> and <a href=\"https://x\">link</a>", "Bold and link")]
    [InlineData("  spaced \n\t out\u00a0text  ", "spaced out text")]
    [InlineData("&lt;b&gt;escaped&lt;/b&gt;", "<b>escaped</b>")]
    public void MarkupBecomesFoldedPlainText(string html, string expected) => Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Fact]
    public void PlainTextIsNotReadAsMarkup() => Assert.Equal("x <b> y &amp; z", HtmlText.FromPlain(" x <b>\n y &amp; z "));

    [Fact]
    public void TruncationCutsAtAWordAndMarksTheCut()
    {
        var text = HtmlText.ToPlainText("Special Rapporteur warns Security Council", 30);

        Assert.Equal("Special Rapporteur warns…", text);
    }

    [Fact]
    public void TruncationNeverSplitsASurrogatePair()
    {
        var text = HtmlText.Truncate(new string('x', 8) + "😀😀😀", 10);

        Assert.False(char.IsHighSurrogate(text[^2]));
    }
}
