using NkWatch.Core.Classification;

namespace NkWatch.Core.Tests.Classification;

/// <summary>Weights, groups, the threshold, the title weight, required groups and the breakdown.</summary>
public sealed class ScoringTests
{
    [Theory]
    [InlineData(3.0, true)]
    [InlineData(2.9, false)]
    public void A_topic_fires_when_its_score_reaches_the_threshold(double weight, bool fires)
    {
        var classifier = TestRules.WithTerms($$"""[{ "term": "defector", "weight": {{weight.ToString(System.Globalization.CultureInfo.InvariantCulture)}} }]""");

        Assert.Equal(fires, classifier.Classify("Headline", "North Korea defector").Relevant);
    }

    [Theory]
    [InlineData("North Korea accused of human rights abuses", "", true, "general")]
    [InlineData("North Korea accused of human rights abuses against defectors", "", true, "refugees")]
    [InlineData("North Korea defector opens a restaurant", "", true, "refugees")]
    [InlineData("North Korea holds a parade", "", false, null)]
    public void The_general_topic_makes_an_item_relevant_but_labels_it_only_when_no_other_topic_does(string title, string summary, bool relevant, string? topic)
    {
        var classifier = TestRules.Classifier("""
            [{ "id": "refugees", "within": "item", "terms": [{ "term": "defector", "weight": 3 }] },
             { "id": "general", "general": true, "within": "item", "terms": [{ "term": "human rights", "weight": 3 }] }]
            """);

        var result = classifier.Classify(title, summary);

        Assert.Equal(relevant, result.Relevant);
        Assert.Equal(topic is null ? [] : [topic], result.Topics);
    }

    [Fact]
    public void Title_hits_weigh_more()
    {
        var classifier = TestRules.WithTerms("""[{ "term": "defector", "weight": 2 }]""", settings: "\"titleWeight\": 1.5,");

        var inTitle = classifier.Classify("North Korea defector", "Nothing more.");
        var inSummary = classifier.Classify("Headline", "North Korea defector");

        Assert.True(inTitle.Relevant);
        Assert.Equal(3, inTitle.Score);
        Assert.False(inSummary.Relevant);
        Assert.Equal(2, Assert.Single(inSummary.Breakdown).Score);
    }

    [Fact]
    public void A_group_counts_once_with_its_best_hit()
    {
        var classifier = TestRules.Classifier("""
            [{ "id": "t", "within": "item", "groups": [
                { "name": "people", "weight": 2, "terms": ["defector", "escapee", { "term": "refugee", "weight": 2.5 }] },
                { "name": "return", "weight": 1, "terms": ["repatriation"] } ] }]
            """);

        var oneGroup = classifier.Classify("Headline", "North Korea: a defector, an escapee and a refugee");
        var twoGroups = classifier.Classify("Headline", "North Korea: a defector and repatriation");

        Assert.False(oneGroup.Relevant);
        var scored = Assert.Single(Assert.Single(oneGroup.Breakdown).Terms);
        Assert.Equal(("people", "refugee", 2.5), (scored.Group, scored.Term, scored.Points));
        Assert.True(twoGroups.Relevant);
        Assert.Equal(3, twoGroups.Score);
    }

    [Fact]
    public void A_required_group_must_have_a_hit()
    {
        var classifier = TestRules.Classifier("""
            [{ "id": "sanctions", "within": "item", "groups": [
                { "name": "measure", "weight": 2, "required": true, "terms": ["sanctions"] },
                { "name": "reason", "weight": 2, "required": true, "terms": ["human rights"] } ] }]
            """);

        var withReason = classifier.Classify("North Korea", "sanctions over human rights");
        var withoutReason = classifier.Classify("North Korea sanctions", "sanctions and more sanctions");

        Assert.True(withReason.Relevant);
        Assert.False(withoutReason.Relevant);
        Assert.Equal("needs a term from the group \"reason\"", Assert.Single(withoutReason.Breakdown).Note);
    }

    [Fact]
    public void A_topic_may_set_its_own_threshold()
    {
        var classifier = TestRules.WithTerms("""[{ "term": "defector", "weight": 3 }]""", "\"within\": \"item\", \"threshold\": 4,");

        var result = classifier.Classify("Headline", "North Korea defector");

        Assert.False(result.Relevant);
        Assert.Equal("3 is below 4", Assert.Single(result.Breakdown).Note);
    }

    [Fact]
    public void The_score_adds_up_the_topics_that_fired_and_the_breakdown_shows_where()
    {
        var classifier = TestRules.Classifier("""
            [{ "id": "a", "within": "item", "terms": [{ "term": "defector", "weight": 3 }] },
             { "id": "b", "within": "item", "terms": [{ "term": "famine", "weight": 4 }] },
             { "id": "c", "within": "item", "terms": [{ "term": "camp", "weight": 2 }] }]
            """);
        const string summary = "North Korea: a defector speaks of famine near a camp.";

        var result = classifier.Classify("Headline", summary);

        Assert.Equal(["a", "b"], result.Topics);
        Assert.Equal(7, result.Score);
        var famine = Assert.Single(result.Breakdown.Single(t => t.Topic == "b").Terms);
        Assert.Equal("famine", summary.Substring(famine.Start, famine.Length));
        Assert.Equal("fired: 4 reaches 3", result.Breakdown.Single(t => t.Topic == "b").Note);
        Assert.False(result.Breakdown.Single(t => t.Topic == "c").Fired);
    }

    [Fact]
    public void Without_any_term_the_item_is_not_relevant_and_has_no_hits()
    {
        var result = TestRules.WithTerms("""[{ "term": "defector", "weight": 3 }]""").Classify(new ClassifierInput("x", "Weather", "Sunny", null));

        Assert.False(result.Relevant);
        Assert.Equal(0, result.Score);
        Assert.Empty(result.Hits);
        Assert.Empty(result.Topics);
    }

    [Fact]
    public void Missing_title_or_summary_is_read_as_empty()
    {
        var result = TestRules.WithTerms("""[{ "term": "defector", "weight": 3 }]""").Classify(new ClassifierInput("x", null!, "North Korea defector", null));

        Assert.True(result.Relevant);
    }
}
