using NkWatch.Core.Classification;

namespace NkWatch.Core.Tests.Classification;

/// <summary>The explanation for a person quotes the hits and says why each topic fired or not.</summary>
public sealed class ExplanationTests
{
    [Fact]
    public void An_explanation_quotes_hits_with_their_terms_and_gives_each_topic_its_reason()
    {
        var classifier = TestRules.Classifier("""
            [{ "id": "refugees", "within": "item", "terms": [{ "term": "defector", "weight": 3 }] },
             { "id": "food", "within": "item", "terms": [{ "term": "famine", "weight": 2 }] }]
            """);
        var input = new ClassifierInput("x1", "Kim Jong Un meets defectors", "Famine was not mentioned.");

        var text = ClassificationExplanation.Describe(input, classifier.Classify(input));

        Assert.StartsWith("x1: RELEVANT, score 4.5, topics refugees", text, StringComparison.Ordinal);
        Assert.Contains("\"Kim Jong Un\" (Kim Jong-un) title@0", text, StringComparison.Ordinal);
        Assert.Contains("=> refugees: fired: 4.5 reaches 3", text, StringComparison.Ordinal);
        Assert.Contains("+4.5 defector: \"defectors\" (defector) title@18", text, StringComparison.Ordinal);
        Assert.Contains("=> food: 2 is below 3", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_without_a_North_Korea_term_says_so()
    {
        var classifier = TestRules.WithTerms("""[{ "term": "famine", "weight": 3 }]""");
        var input = new ClassifierInput("x2", "Famine in Sudan", string.Empty);

        var text = ClassificationExplanation.Describe(input, classifier.Classify(input));

        Assert.Contains("not relevant", text, StringComparison.Ordinal);
        Assert.Contains("no North Korea term", text, StringComparison.Ordinal);
    }
}
