using System.Text.Json;
using NkWatch.Core.Classification;
using NkWatch.Core.Matches;
using NkWatch.Core.Messaging;
using Xunit.Abstractions;

namespace NkWatch.Core.Tests.Digests;

/// <summary>
/// Linking across languages against the labelled pairs of tests/corpus/stories: reports of 14
/// real events in English, Korean and Japanese (written for this corpus from the coverage, not
/// copied), every cross-language pair labelled same story or not. The decision measured is the
/// clusterer's own: the signature's similarity, and the time window. docs/stories.md has the figures.
/// </summary>
public sealed class StoryLinkingCorpusTests(ITestOutputHelper output)
{
    private const double PrecisionFloor = 0.95;
    private const double RecallFloor = 0.8;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly KeywordClassifier Classifier = new(RuleSetLoader.Load(TestPaths.Config("rules.json")));

    [Fact]
    public void Linking_precision_and_recall_stay_above_the_floor()
    {
        var (withTime, _) = Measure();

        Assert.True(withTime.Precision >= PrecisionFloor, $"precision {withTime}");
        Assert.True(withTime.Recall >= RecallFloor, $"recall {withTime}");
    }

    [Fact]
    public void The_pair_set_covers_every_language_pair_and_has_hard_negatives()
    {
        var items = Items();
        var pairs = Pairs();

        Assert.Equal(42, items.Count);
        Assert.All(items.Values.GroupBy(i => i.Event), e => Assert.Equal(["en", "ja", "ko"], e.Select(i => i.Language).Order()));
        Assert.Equal(items.Count, pairs.Count(p => p.Same));
        Assert.All(pairs, p => Assert.NotEqual(items[p.A].Language, items[p.B].Language));

        // Two events a day apart about the same families (a meeting with the prime minister, the yearly campaign plan).
        Assert.Contains(pairs, p => !p.Same && (items[p.A].Published - items[p.B].Published).Duration() < TimeSpan.FromDays(2) && items[p.A].Event.StartsWith("families", StringComparison.Ordinal) && items[p.B].Event.StartsWith("families", StringComparison.Ordinal));
    }

    /// <summary>Pairwise precision and recall with the window (what the app does) and of the signature alone (every pair, whatever its dates).</summary>
    private (Score WithTime, Score SignatureOnly) Measure()
    {
        var items = Items();
        var members = items.Values.ToDictionary(i => i.Id, Member);
        var withTime = new Score();
        var signatureOnly = new Score();
        foreach (var pair in Pairs())
        {
            var a = members[pair.A];
            var b = members[pair.B];
            var similar = StoryClusterer.Similarity(a, b) > 0;
            var near = (a.At - b.At).Duration() <= StoryClusterer.Window;
            withTime.Add(similar && near, pair.Same);
            signatureOnly.Add(similar, pair.Same);
            if (similar != pair.Same)
            {
                output.WriteLine($"signature alone, {(pair.Same ? "missed" : "wrong link")}{(near ? string.Empty : " (apart in time)")}: {pair.A} ~ {pair.B}: {string.Join(' ', a.Signature.Intersect(b.Signature))}");
            }
        }

        output.WriteLine($"with the window: {withTime}; signature alone: {signatureOnly}");
        return (withTime, signatureOnly);
    }

    private static StoryMember Member(CorpusItem item)
    {
        var hits = Classifier.Classify(new ClassifierInput(item.Id, item.Title, item.Summary, item.Language)).Hits;
        var message = new MatchMessage { ItemId = item.Id, FeedId = item.Feed, Title = item.Title, Summary = item.Summary, Published = item.Published, Hits = hits };
        return StoryClusterer.Candidate(message, item.Published) with
        {
            Language = item.Language,
            Signature = StorySignature.Of(item.Title, item.Summary, hits, Classifier.Rules, Gazetteer.BuiltIn),
        };
    }

    private static Dictionary<string, CorpusItem> Items() =>
        Lines<CorpusItem>("items.jsonl").ToDictionary(i => i.Id, StringComparer.Ordinal);

    private static List<CorpusPair> Pairs() => [.. Lines<CorpusPair>("pairs.jsonl")];

    private static IEnumerable<T> Lines<T>(string name) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "corpus", "stories", name))
            .Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<T>(l, Json)!);

    private sealed record CorpusItem(string Id, string Event, string Language, string Feed, DateTimeOffset Published, string Title, string Summary);

    private sealed record CorpusPair(string A, string B, bool Same);

    private sealed class Score
    {
        private int tp, fp, fn;

        public double Precision => tp + fp == 0 ? 1 : (double)tp / (tp + fp);

        public double Recall => tp + fn == 0 ? 1 : (double)tp / (tp + fn);

        public void Add(bool linked, bool same)
        {
            tp += linked && same ? 1 : 0;
            fp += linked && !same ? 1 : 0;
            fn += !linked && same ? 1 : 0;
        }

        public override string ToString() => $"precision {Precision:0.000}, recall {Recall:0.000} (tp {tp}, fp {fp}, fn {fn})";
    }
}
