using BenchmarkDotNet.Attributes;
using NkWatch.Core.Classification;

namespace NkWatch.Benchmarks.Classification;

/// <summary>
/// Items per second through the classifier with the full default rules, against one compiled Regex
/// per term, in the same run. Each operation is one typical item (title and a ~600-character lead);
/// every invocation classifies all the typical items once.
/// </summary>
[MemoryDiagnoser]
public class ClassifierBenchmarks
{
    private ClassifierInput[] items = [];
    private KeywordClassifier classifier = null!;
    private RegexPerTermMatcher baseline = null!;

    public const int Items = 518;

    [GlobalSetup]
    public void Setup()
    {
        items = [.. TypicalItems.Load()];
        if (items.Length != Items)
        {
            throw new InvalidOperationException($"expected {Items} typical items, found {items.Length}: update ClassifierBenchmarks.Items");
        }

        var rules = TypicalItems.DefaultRules();
        classifier = new KeywordClassifier(rules);
        baseline = new RegexPerTermMatcher(rules);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Items, Description = "one compiled Regex per term (hits only)")]
    public int RegexPerTerm()
    {
        var hits = 0;
        foreach (var item in items)
        {
            hits += baseline.CountHits(item);
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = Items, Description = "KeywordClassifier (full classification)")]
    public int Classify()
    {
        var relevant = 0;
        foreach (var item in items)
        {
            relevant += classifier.Classify(item).Relevant ? 1 : 0;
        }

        return relevant;
    }
}
