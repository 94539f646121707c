namespace NkWatch.Core.Tests.Classification;

/// <summary>Exclusion terms: of the whole rule set or of one topic, ruling out the item, the sentence or the nearby words.</summary>
public sealed class ExclusionTests
{
    private const string Topics = """
        [{ "id": "refugees", "within": "item", "terms": [{ "term": "defector", "weight": 3 }] },
         { "id": "sanctions", "within": "item", "terms": [{ "term": "sanctions", "weight": 3 }],
           "exclusions": [{ "term": "missile", "scope": "sentence" }, { "term": "weapons" }, { "term": "cyber*", "scope": 3 }] }]
        """;

    private static readonly NkWatch.Core.Classification.KeywordClassifier Classifier =
        TestRules.Classifier(Topics, exclusions: """["KOSPI"]""");

    [Fact]
    public void An_exclusion_of_the_rule_set_rules_out_the_whole_item_and_is_reported()
    {
        const string title = "KOSPI falls as North Korea defector news breaks";

        var result = Classifier.Classify(title);

        Assert.False(result.Relevant);
        var hit = Assert.Single(result.Hits, h => h.Topic == "exclusion");
        Assert.Equal("KOSPI", hit.Text(title, string.Empty));
        Assert.All(result.Breakdown, t => Assert.Equal("ruled out by the exclusion \"KOSPI\"", t.Note));
    }

    [Fact]
    public void A_topic_exclusion_rules_out_only_its_topic()
    {
        var result = Classifier.Classify("North Korea: sanctions over weapons, and a defector");

        Assert.Equal(["refugees"], result.Topics);
    }

    [Theory]
    [InlineData("North Korea sanctions after a missile launch.", false)]
    [InlineData("A missile was launched. North Korea faces sanctions over forced labour.", true)]
    public void A_sentence_exclusion_voids_theme_terms_in_its_sentence_only(string summary, bool fires)
    {
        var result = Classifier.Classify("News", summary);

        Assert.Equal(fires, result.Topics.Contains("sanctions"));
    }

    [Theory]
    [InlineData("North Korea: cyber theft brought sanctions", false)]
    [InlineData("North Korea: cyber theft, and then after many months, sanctions", true)]
    public void A_word_scoped_exclusion_voids_theme_terms_within_its_words(string title, bool fires)
    {
        Assert.Equal(fires, Classifier.Classify(title).Topics.Contains("sanctions"));
    }

    [Fact]
    public void An_exclusion_that_decided_nothing_is_not_reported()
    {
        var result = Classifier.Classify("North Korea defector speaks", "No missile here; a separate sentence about a missile.");

        Assert.DoesNotContain(result.Hits, h => h.Topic == "exclusion");
    }
}
