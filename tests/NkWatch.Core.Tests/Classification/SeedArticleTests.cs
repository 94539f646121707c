using NkWatch.Core.Classification;

namespace NkWatch.Core.Tests.Classification;

/// <summary>The article NkWatch started from: the story it must catch.</summary>
public sealed class SeedArticleTests
{
    private static readonly KeywordClassifier Classifier = new(RuleSetLoader.Load(TestPaths.Config("rules.json")));

    [Fact]
    public void SeedArticleIsRelevantAndFilesUnderAccountability()
    {
        var text = File.ReadAllText(TestPaths.Fixture("seed-article.txt"));
        var result = Classifier.Classify(new ClassifierInput("seed", "North Korea under pressure over human rights", text, "en"));

        Assert.True(result.Relevant);
        Assert.Contains("accountability", result.Topics);
        Assert.Contains(result.Hits, h => h.Term == "International Criminal Court");
    }

    [Fact]
    public void EveryHitPointsAtItsTermInTheText()
    {
        var text = File.ReadAllText(TestPaths.Fixture("seed-article.txt"));
        var input = new ClassifierInput("seed", "North Korea under pressure over human rights", text, "en");
        var result = Classifier.Classify(input);

        Assert.NotEmpty(result.Hits);
        foreach (var hit in result.Hits)
        {
            var field = hit.Field == "title" ? input.Title : input.Summary;
            TermSpellingAssert.AssertSpellingOf(field.Substring(hit.Start, hit.Length), hit.Term);
        }
    }

    [Theory]
    [InlineData("North Korea fires ballistic missile into the East Sea", "The launch came hours after joint drills, military officials said.")]
    [InlineData("KOSPI closes higher as chip stocks rally", "Seoul shares rose 1.2 percent on foreign buying.")]
    [InlineData("UN Human Rights Council debates Myanmar crackdown", "The Special Rapporteur on Myanmar presented his report on detentions.")]
    public void OffTopicNewsIsNotRelevant(string title, string summary)
    {
        var result = Classifier.Classify(new ClassifierInput("x", title, summary, "en"));

        Assert.False(result.Relevant);
        Assert.Empty(result.Topics);
    }
}
