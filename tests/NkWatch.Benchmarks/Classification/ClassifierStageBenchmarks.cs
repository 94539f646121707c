using BenchmarkDotNet.Attributes;
using NkWatch.Core.Classification;
using NkWatch.Core.Classification.Matching;
using NkWatch.Core.Classification.Scoring;

namespace NkWatch.Benchmarks.Classification;

/// <summary>
/// Where a classification's time goes, for English, Korean and Japanese items: folding the text,
/// folding and scanning it, finding and checking the hits, and the whole decision.
/// </summary>
[MemoryDiagnoser]
public class ClassifierStageBenchmarks
{
    private readonly NormalizedText folded = new();
    private readonly ScanBuffers scan = new();
    private ClassifierInput[] items = [];
    private KeywordClassifier classifier = null!;
    private AhoCorasickAutomaton automaton = null!;
    private CompiledRules compiled = null!;

    /// <summary>Typical items per language and invocation (a language with fewer is gone through again).</summary>
    public const int PerLanguage = 180;

    [Params("en", "ko", "ja")]
    public string Language { get; set; } = "en";

    [GlobalSetup]
    public void Setup()
    {
        var inLanguage = TypicalItems.Load().Where(i => i.Language == Language).ToList();
        items = [.. Enumerable.Range(0, PerLanguage).Select(i => inLanguage[i % inLanguage.Count])];
        var rules = TypicalItems.DefaultRules();
        classifier = new KeywordClassifier(rules);
        compiled = CompiledRules.Compile(rules);
        automaton = compiled.Automaton;
    }

    [Benchmark(OperationsPerInvoke = PerLanguage, Description = "fold title and lead")]
    public int Fold()
    {
        var length = 0;
        foreach (var item in items)
        {
            TextNormalizer.Normalize(item.Title, folded);
            length += folded.Length;
            TextNormalizer.Normalize(item.Summary, folded);
            length += folded.Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = PerLanguage, Description = "fold and scan title and lead")]
    public int FoldAndScan()
    {
        var found = 0;
        foreach (var item in items)
        {
            foreach (var text in (ReadOnlySpan<string>)[item.Title, item.Summary])
            {
                TextNormalizer.Normalize(text, folded);
                automaton.Scan(folded.Chars, !folded.HasWideChars, scan);
                found += scan.Matches.Count;
            }
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = PerLanguage, Description = "find and check hits")]
    public int FindHits()
    {
        var found = 0;
        var evidence = ItemEvidence.ForThisThread();
        foreach (var item in items)
        {
            HitFinder.Find(compiled, item.Title, item.Summary, evidence);
            found += evidence.Hits.Count;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = PerLanguage, Description = "find hits and score topics")]
    public int Score()
    {
        var fired = 0;
        var evidence = ItemEvidence.ForThisThread();
        foreach (var item in items)
        {
            HitFinder.Find(compiled, item.Title, item.Summary, evidence);
            fired += TopicScorer.Score(compiled, evidence).Fired.Count;
        }

        return fired;
    }

    [Benchmark(OperationsPerInvoke = PerLanguage, Description = "classify")]
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
