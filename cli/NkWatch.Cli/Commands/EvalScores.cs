using System.Globalization;
using NkWatch.Core.Classification;

namespace NkWatch.Cli.Commands;

/// <summary>
/// Precision, recall and F1 of the classifier against labelled items: overall (relevant or not),
/// per language, and per topic on the items whose labels name their topics ("not" items count as
/// having none); beside each, the naive baseline on the same items.
/// </summary>
internal sealed class EvalScores(RuleSet rules)
{
    /// <summary>The language of an item that names none (the shared real-news corpus is English).</summary>
    public const string DefaultLanguage = "en";

    private readonly Dictionary<string, Counts> topics = rules.Topics.ToDictionary(t => t.Id, _ => new Counts(), StringComparer.Ordinal);
    private readonly SortedDictionary<string, (Counts Rules, Counts Baseline)> languages = new(StringComparer.Ordinal);
    private readonly List<string> wrong = [];
    private Counts overall;
    private Counts baseline;
    private int relevantItems;
    private int topicLabelledItems;
    private bool topicsLabelled;

    public void Add(LabelledItem item, Classification result)
    {
        var actual = item.Label == "relevant";
        var naive = NaiveBaseline.Relevant(item.Input);
        relevantItems += actual ? 1 : 0;
        overall = overall.Add(result.Relevant, actual);
        baseline = baseline.Add(naive, actual);
        var language = string.IsNullOrWhiteSpace(item.Input.Language) ? DefaultLanguage : item.Input.Language;
        var (byRules, byBaseline) = languages.GetValueOrDefault(language);
        languages[language] = (byRules.Add(result.Relevant, actual), byBaseline.Add(naive, actual));
        if (result.Relevant != actual)
        {
            wrong.Add(actual
                ? $"{item.Input.Id} (false negative; labelled {Join(item.Topics)}{Nearest(result)})"
                : string.Create(CultureInfo.InvariantCulture, $"{item.Input.Id} (false positive: {Join(result.Topics)}, score {result.Score:0.##})"));
        }

        if (actual && item.Topics is null)
        {
            return;
        }

        // An item that is not relevant expects no topic, but only a corpus that labels topics at all is scored by topic.
        topicsLabelled |= item.Topics is not null;
        topicLabelledItems++;
        var labelled = item.Topics ?? [];
        foreach (var (id, counts) in topics)
        {
            var predicted = result.Topics.Contains(id);
            var expected = labelled.Contains(id);
            if (predicted || expected)
            {
                topics[id] = counts.Add(predicted, expected);
            }
        }
    }

    public async Task WriteAsync(TextWriter output, string corpus)
    {
        var c = CultureInfo.InvariantCulture;
        var items = overall.Total;
        await output.WriteLineAsync(string.Create(c, $"items: {items}  rules: {rules.Version}  corpus: {corpus} ({relevantItems} relevant, {items - relevantItems} not)")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(c, $"precision: {Ratio(overall.Precision)}  recall: {Ratio(overall.Recall)}  f1: {Ratio(overall.F1)}")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(c, $"true positives: {overall.TruePositives}  false positives: {overall.FalsePositives}  false negatives: {overall.FalseNegatives}  true negatives: {overall.TrueNegatives}")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(c, $"naive baseline (a North Korea word and a human-rights word): precision: {Ratio(baseline.Precision)}  recall: {Ratio(baseline.Recall)}  f1: {Ratio(baseline.F1)}  (tp {baseline.TruePositives}, fp {baseline.FalsePositives}, fn {baseline.FalseNegatives})")).ConfigureAwait(false);
        await output.WriteLineAsync($"per language (an item without \"language\" counts as {DefaultLanguage}):").ConfigureAwait(false);
        await output.WriteLineAsync($"  {"language",-10} {"items",6} {"relevant",8} {"precision",10} {"recall",7} {"f1",6} {"baseline p",11} {"baseline r",11} {"baseline f1",12}").ConfigureAwait(false);
        foreach (var (language, (l, b)) in languages)
        {
            await output.WriteLineAsync(string.Create(c, $"  {language,-10} {l.Total,6} {l.TruePositives + l.FalseNegatives,8} {Ratio(l.Precision),10} {Ratio(l.Recall),7} {Ratio(l.F1),6} {Ratio(b.Precision),11} {Ratio(b.Recall),11} {Ratio(b.F1),12}")).ConfigureAwait(false);
        }

        if (topicsLabelled)
        {
            await output.WriteLineAsync(string.Create(c, $"per topic ({topicLabelledItems} items with topic labels):")).ConfigureAwait(false);
            await output.WriteLineAsync($"  {"topic",-20} {"labelled",8} {"tp",4} {"fp",4} {"fn",4} {"precision",10} {"recall",7} {"f1",6}").ConfigureAwait(false);
            foreach (var (id, t) in topics)
            {
                await output.WriteLineAsync(string.Create(c, $"  {id,-20} {t.TruePositives + t.FalseNegatives,8} {t.TruePositives,4} {t.FalsePositives,4} {t.FalseNegatives,4} {Ratio(t.Precision),10} {Ratio(t.Recall),7} {Ratio(t.F1),6}")).ConfigureAwait(false);
            }
        }

        foreach (var line in wrong)
        {
            await output.WriteLineAsync("wrong: " + line).ConfigureAwait(false);
        }
    }

    /// <summary>A ratio with nothing to count (no prediction, no labelled item) is shown as "-", not as a perfect score.</summary>
    private static string Ratio(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string Join(IReadOnlyList<string>? topics) => topics is { Count: > 0 } ? string.Join(", ", topics) : "no topics";

    /// <summary>For a miss: the topic that came closest, to show how far it was.</summary>
    private static string Nearest(Classification result) =>
        result.Breakdown.MaxBy(t => t.Score) is { } best
            ? string.Create(CultureInfo.InvariantCulture, $"; nearest {best.Topic}: {best.Note}")
            : "; no theme term found";

    private readonly record struct Counts(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
    {
        public int Total => TruePositives + FalsePositives + FalseNegatives + TrueNegatives;

        public double? Precision => TruePositives + FalsePositives == 0 ? null : (double)TruePositives / (TruePositives + FalsePositives);

        public double? Recall => TruePositives + FalseNegatives == 0 ? null : (double)TruePositives / (TruePositives + FalseNegatives);

        public double? F1 => (Precision, Recall) switch
        {
            (null, _) or (_, null) => null,
            (0, 0) => 0,
            ({ } p, { } r) => 2 * p * r / (p + r),
        };

        public Counts Add(bool predicted, bool actual) => (predicted, actual) switch
        {
            (true, true) => this with { TruePositives = TruePositives + 1 },
            (true, false) => this with { FalsePositives = FalsePositives + 1 },
            (false, true) => this with { FalseNegatives = FalseNegatives + 1 },
            _ => this with { TrueNegatives = TrueNegatives + 1 },
        };
    }
}
