using NkWatch.Core.Classification.Matching;

namespace NkWatch.Core.Tests.Classification;

/// <summary>How text is folded for matching, and that every folded character still knows where it came from.</summary>
public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("North Korea", "north korea")]
    [InlineData("  North \t Korea  ", "north korea")]
    [InlineData("Kim Jong-un", "kim jong un")]
    [InlineData("Kim Jong\u2013un \u2014 again", "kim jong un again")]
    [InlineData("People\u2019s \u201Cquoted\u201D", "people's \"quoted\"")]
    [InlineData("\uFF24\uFF30\uFF32\uFF2B", "dprk")]
    [InlineData("Pyong\u00ADyang\u200B", "pyongyang")]
    [InlineData("the U.N. and the D.P.R.K.", "the un and the dprk")]
    [InlineData("N. Korea and N.Korea", "n korea and n korea")]
    [InlineData("It ended. Then", "it ended. then")]
    [InlineData("Why? Now! (Really.)", "why? now! (really.)")]
    [InlineData("one\r\n\r\ntwo", "one\ntwo")]
    [InlineData("\u1107\u116E\u11A8\u1112\u1161\u11AB", "북한")]
    [InlineData("北 인권", "北 인권")]
    [InlineData("caf\u0065\u0301", "caf\u00e9")]
    [InlineData("\uD800 broken \uDFFF", "\uD800 broken \uDFFF")]
    public void Text_is_folded_for_matching(string text, string folded)
    {
        Assert.Equal(folded, TextNormalizer.Fold(text));
    }

    [Theory]
    [InlineData("North Korea\u2019s U.N. envoy, Kim Jong\u2011un \uFF24\uFF30\uFF32\uFF2B")]
    [InlineData("\u1107\u116E\u11A8\u1112\u1161\u11AB\uc758 Pyong\u00ADyang  \n\n end")]
    public void Every_folded_character_points_into_the_original_text_in_order(string text)
    {
        var folded = new NormalizedText();

        TextNormalizer.Normalize(text, folded);

        var previous = 0;
        for (var i = 0; i < folded.Length; i++)
        {
            var start = folded.OriginalStart(i);
            var end = folded.OriginalEnd(i);
            Assert.InRange(start, previous, text.Length - 1);
            Assert.InRange(end, start + 1, text.Length);
            previous = start;
        }
    }

    [Fact]
    public void Words_and_possible_sentence_ends_are_noted_while_folding()
    {
        var folded = new NormalizedText();

        TextNormalizer.Normalize("Mr. Kim spoke. \u201CNo!\u201D said Seoul\nThen 1.5 more", folded);
        var layout = new TextLayout();
        layout.Build(folded);

        Assert.Equal(9, layout.WordCount);
        Assert.Equal(0, layout.SentenceAt(folded.ToString().IndexOf("spoke", StringComparison.Ordinal)));
        Assert.Equal(1, layout.SentenceAt(folded.ToString().IndexOf("no!", StringComparison.Ordinal)));
        Assert.Equal(2, layout.SentenceAt(folded.ToString().IndexOf("said", StringComparison.Ordinal)));
        Assert.Equal(3, layout.SentenceAt(folded.ToString().IndexOf("then", StringComparison.Ordinal)));
        Assert.Equal(3, layout.SentenceAt(folded.ToString().IndexOf("more", StringComparison.Ordinal)));
    }
}
