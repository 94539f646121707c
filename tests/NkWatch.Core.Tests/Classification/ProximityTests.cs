namespace NkWatch.Core.Tests.Classification;

/// <summary>A theme term counts only where a North Korea term stands close enough, as the topic's rule says.</summary>
public sealed class ProximityTests
{
    private static readonly string[] Filler = ["one", "two", "three", "four", "five", "six", "seven", "eight"];

    [Theory]
    [InlineData(0, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(8, false)]
    public void Within_n_words_counts_words_between_the_terms(int wordsBetween, bool fires)
    {
        var classifier = TestRules.WithTerms("""[{ "term": "defector", "weight": 3 }]""", "\"within\": 5,");
        var summary = $"North Korea {string.Join(' ', Filler.Take(wordsBetween))} defector".Replace("  ", " ", StringComparison.Ordinal);

        Assert.Equal(fires, classifier.Classify("A headline", summary).Relevant);
    }

    [Theory]
    [InlineData("North Korea spoke. A defector spoke.", false)]
    [InlineData("North Korea and a defector spoke.", true)]
    [InlineData("Mr. Kim of North Korea met a defector.", true)]
    [InlineData("North Korea met Gen. Park and a defector.", true)]
    [InlineData("North Korea spoke!\nA defector spoke.", false)]
    public void Sentence_scope_needs_both_terms_in_one_sentence(string summary, bool fires)
    {
        var classifier = TestRules.WithTerms("""[{ "term": "defector", "weight": 3 }]""", "\"within\": \"sentence\",");

        Assert.Equal(fires, classifier.Classify("A headline", summary).Relevant);
    }

    [Theory]
    [InlineData("北朝鮮が発表した。脱北者が語った。", false)]
    [InlineData("北朝鮮が発表した！脱北者が語った。", false)]
    [InlineData("北朝鮮と脱北者、双方が語った。", true)]
    public void A_Japanese_full_stop_ends_a_sentence_without_a_space_after_it(string summary, bool fires)
    {
        var classifier = TestRules.Classifier(
            """[{ "id": "t", "within": "sentence", "terms": [{ "term": "脱北者", "weight": 3 }] }]""",
            context: "[]");

        Assert.Equal(fires, classifier.Classify(string.Empty, summary).Relevant);
    }

    [Fact]
    public void The_title_reads_as_part_of_the_first_sentence()
    {
        var classifier = TestRules.WithTerms("""[{ "term": "defector", "weight": 3 }]""", "\"within\": \"sentence\",");

        Assert.True(classifier.Classify("Defector crosses the border", "North Korea said nothing. Later news followed.").Relevant);
        Assert.False(classifier.Classify("Defector crosses the border", "Nothing was said. North Korea said later.").Relevant);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void A_North_Korea_term_in_the_title_covers_the_summary_when_the_rules_say_so(bool covers, bool fires)
    {
        var classifier = TestRules.WithTerms(
            """[{ "term": "defector", "weight": 3 }]""",
            "\"within\": \"sentence\",",
            $"\"titleCoversSummary\": {(covers ? "true" : "false")},");

        var result = classifier.Classify("North Korea news", "Something else. Much later, a defector spoke.");

        Assert.Equal(fires, result.Relevant);
    }

    [Fact]
    public void Either_rule_suffices_when_both_are_given()
    {
        var classifier = TestRules.WithTerms("""[{ "term": "defector", "weight": 3 }]""", """ "within": { "words": 3, "sentence": true }, """);

        Assert.True(classifier.Classify("A headline", "North Korea spoke. A defector spoke.").Relevant);
        Assert.True(classifier.Classify("A headline", "Far away in a long sentence North Korea and one two three four five six defector.").Relevant);
        Assert.False(classifier.Classify("A headline", "North Korea spoke. Then one two three four five six, a defector.").Relevant);
    }

    [Fact]
    public void Item_scope_takes_a_theme_term_anywhere_beside_a_North_Korea_term()
    {
        var classifier = TestRules.WithTerms("""[{ "term": "defector", "weight": 3 }]""");

        Assert.True(classifier.Classify("A headline", "North Korea spoke. Much later, in another sentence, a defector spoke.").Relevant);
        Assert.False(classifier.Classify("A headline", "A defector spoke about Myanmar.").Relevant);
    }

    [Fact]
    public void A_theme_term_that_implies_North_Korea_needs_no_North_Korea_term()
    {
        var classifier = TestRules.WithTerms("""[{ "term": "kwanliso", "weight": 3, "impliesSubject": true }]""", "\"within\": \"sentence\",");

        Assert.True(classifier.Classify("Kwanliso survivors speak", "They spoke in Geneva.").Relevant);
    }

    [Fact]
    public void A_note_says_how_many_hits_were_too_far()
    {
        var classifier = TestRules.WithTerms("""[{ "term": "defector", "weight": 3 }]""", "\"within\": \"sentence\",");

        var result = classifier.Classify("A headline", "North Korea spoke. A defector spoke.");

        var topic = Assert.Single(result.Breakdown);
        Assert.False(topic.Fired);
        Assert.Contains("1 hit(s) not in the same sentence of a North Korea term", topic.Note, StringComparison.Ordinal);
    }
}
