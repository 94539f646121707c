using System.Globalization;
using NkWatch.Core.Classification;

namespace NkWatch.Integration.Tests.Cli;

/// <summary><c>nkwatch eval</c>: precision, recall, F1 and confusion counts, overall and per topic, and the ids it got wrong.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private static readonly string Rules = RepositoryRoot.Combine("config", "rules.json");

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Eval_prints_the_figures_the_per_topic_table_and_the_wrong_ids()
    {
        var corpus = temp.Combine("corpus.jsonl");
        await File.WriteAllLinesAsync(corpus,
        [
            """{"id":"tp","title":"China forcibly repatriates North Korean escapees","summary":"They face torture.","label":"relevant","topics":["refugees"]}""",
            """{"id":"fn","title":"Life after the border","summary":"A quiet story with no terms.","label":"relevant","topics":["refugees"]}""",
            """{"id":"fp","title":"North Korea: UN Human Rights Council resolution","summary":"A statement about the session.","label":"not"}""",
            """{"id":"tn","title":"KOSPI rises","summary":"Chips rallied.","label":"not"}""",
            """{"id":"untopiced","title":"Defectors' resettlement: North Korean escapees find work","summary":"","label":"relevant"}""",
        ]);

        var (code, output, _) = await ClassifyCommandTests.NkWatchAsync(string.Empty, "eval", "--corpus", corpus, "--rules", Rules);

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"items: 5  rules: {RuleSetLoader.Load(Rules).Version}  corpus: {corpus} (3 relevant, 2 not)", lines[0], StringComparison.Ordinal);
        Assert.Equal("precision: 0.667  recall: 0.667  f1: 0.667", lines[1]);
        Assert.Equal("true positives: 2  false positives: 1  false negatives: 1  true negatives: 1", lines[2]);
        Assert.Equal("naive baseline (a North Korea word and a human-rights word): precision: 0.667  recall: 0.667  f1: 0.667  (tp 2, fp 1, fn 1)", lines[3]);
        Assert.Equal("per language (an item without \"language\" counts as en):", lines[4]);
        Assert.Equal(["en", "5", "3", "0.667", "0.667", "0.667", "0.667", "0.667", "0.667"], lines[6].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("per topic (4 items with topic labels):", lines[7]);
        var refugees = lines.Single(l => l.TrimStart().StartsWith("refugees ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["refugees", "2", "1", "0", "1", "1.000", "0.500", "0.667"], refugees);
        Assert.Contains("wrong: fn (false negative; labelled refugees; no theme term found)", lines);
        Assert.Contains(lines, l => l.StartsWith("wrong: fp (false positive: un-action, score ", StringComparison.Ordinal));
    }

    /// <summary>Nothing to count is not a perfect score: no prediction shows "-", and a corpus without topic labels gets no topic table; a line of spaces is skipped, as classify skips it.</summary>
    [Fact]
    public async Task Eval_shows_a_dash_where_there_is_nothing_to_count_and_no_topic_table_without_topic_labels()
    {
        var corpus = temp.Combine("untopiced.jsonl");
        await File.WriteAllLinesAsync(corpus,
        [
            """{"id":"a","title":"KOSPI rises","summary":"Chips rallied.","label":"not"}""",
            "   ",
            """{"id":"b","title":"Rain in Busan","summary":"A wet weekend.","label":"not"}""",
        ]);

        var (code, output, _) = await ClassifyCommandTests.NkWatchAsync(string.Empty, "eval", "--corpus", corpus, "--rules", Rules);

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("precision: -  recall: -  f1: -", lines[1]);
        Assert.DoesNotContain(lines, l => l.StartsWith("per topic", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_line_without_a_usable_label_is_refused_with_its_line()
    {
        var corpus = temp.Combine("bad.jsonl");
        await File.WriteAllTextAsync(corpus, "{\"id\":\"a\",\"title\":\"x\",\"label\":\"relevant\"}\n{\"id\":\"b\",\"title\":\"y\",\"label\":\"maybe\"}\n");

        var (code, _, error) = await ClassifyCommandTests.NkWatchAsync(string.Empty, "eval", "--corpus", corpus, "--rules", Rules);

        Assert.Equal(2, code);
        Assert.Equal($"error: {corpus}:2: \"label\" must be \"relevant\" or \"not\"{Environment.NewLine}", error);
    }

    [Fact]
    public async Task The_development_corpus_scores_above_the_floor()
    {
        var (code, output, _) = await ClassifyCommandTests.NkWatchAsync(
            string.Empty, "eval", "--corpus", RepositoryRoot.Combine("tests", "corpus", "classifier", "dev.jsonl"), "--rules", Rules);

        Assert.Equal(0, code);
        var figures = output.Split('\n')[1].Split("  ").Select(f => double.Parse(f.Split(": ")[1], CultureInfo.InvariantCulture)).ToList();
        Assert.All(figures, f => Assert.True(f >= 0.9, output));
    }
}
