using NkWatch.Core.Classification;

namespace NkWatch.Core.Tests.Classification;

/// <summary>
/// The default rules against the labelled corpora (tests/corpus/classifier): the development set
/// the rules were tuned on and the held-out set written before tuning. Figures below the floor
/// fail the build; docs/classifier-quality.md has the current figures.
/// </summary>
public sealed class CorpusTests
{
    private const double Floor = 0.9;

    private static readonly KeywordClassifier Classifier = new(RuleSetLoader.Load(TestPaths.Config("rules.json")));

    [Theory]
    [InlineData("dev.jsonl", 400)]
    [InlineData("holdout.jsonl", 100)]
    public void Precision_and_recall_stay_above_the_floor(string corpus, int atLeast)
    {
        var items = LabelledCorpus.Load(corpus);
        int tp = 0, fp = 0, fn = 0;
        foreach (var item in items)
        {
            var predicted = Classifier.Classify(item.Input).Relevant;
            tp += predicted && item.Relevant ? 1 : 0;
            fp += predicted && !item.Relevant ? 1 : 0;
            fn += !predicted && item.Relevant ? 1 : 0;
        }

        Assert.True(items.Count >= atLeast, $"{corpus} has {items.Count} items");
        Assert.True((double)tp / (tp + fp) >= Floor, $"{corpus}: precision {(double)tp / (tp + fp):0.000} (tp {tp}, fp {fp})");
        Assert.True((double)tp / (tp + fn) >= Floor, $"{corpus}: recall {(double)tp / (tp + fn):0.000} (tp {tp}, fn {fn})");
    }

    [Fact]
    public void The_development_corpus_has_what_it_promises()
    {
        var items = LabelledCorpus.Load("dev.jsonl");

        Assert.True(items.Count(i => !i.Relevant) >= items.Count(i => i.Relevant), "at least as many negatives as positives");
        Assert.Contains(items, i => i.Input.Id == "seed" && i.Relevant);
        Assert.Equal(items.Count, items.Select(i => i.Input.Id).Distinct().Count());
        foreach (var language in new[] { "en", "ko", "ja" })
        {
            foreach (var topic in Classifier.Rules.Topics)
            {
                Assert.Contains(items, i => i.Input.Language == language && i.Topics.Contains(topic.Id));
            }
        }
    }

    [Theory]
    [InlineData("dev.jsonl")]
    [InlineData("holdout.jsonl")]
    public void Every_hit_points_at_a_spelling_of_its_term(string corpus)
    {
        foreach (var item in LabelledCorpus.Load(corpus))
        {
            var result = Classifier.Classify(item.Input);
            foreach (var hit in result.Hits)
            {
                var field = hit.Field == "title" ? item.Input.Title : item.Input.Summary;
                Assert.InRange(hit.Start, 0, field.Length - hit.Length);
                TermSpellingAssert.AssertSpellingOf(field.Substring(hit.Start, hit.Length), hit.Term);
            }

            foreach (var term in result.Breakdown.SelectMany(t => t.Terms))
            {
                var field = term.Field == "title" ? item.Input.Title : item.Input.Summary;
                TermSpellingAssert.AssertSpellingOf(field.Substring(term.Start, term.Length), term.Term);
            }
        }
    }

    [Fact]
    public void Every_relevant_item_explains_itself_with_a_counted_term_per_topic()
    {
        foreach (var item in LabelledCorpus.Load("dev.jsonl"))
        {
            var result = Classifier.Classify(item.Input);
            foreach (var topic in result.Topics)
            {
                var score = Assert.Single(result.Breakdown, t => t.Topic == topic);
                Assert.True(score.Fired);
                Assert.NotEmpty(score.Terms);
                Assert.Equal(score.Score, score.Terms.Sum(t => t.Points), 3);
            }
        }
    }
}
