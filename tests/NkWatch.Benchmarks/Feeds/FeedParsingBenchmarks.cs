using System.ServiceModel.Syndication;
using System.Xml;
using BenchmarkDotNet.Attributes;
using CodeHollow.FeedReader;
using NkWatch.Core.Feeds;

namespace NkWatch.Benchmarks.Feeds;

/// <summary>
/// Parse throughput for a 500-item RSS and a 500-item Atom feed. Each benchmark handles one whole
/// feed and reports the time per item (OperationsPerInvoke), so items/s = 1 / Mean. Baseline:
/// System.ServiceModel.Syndication reading the same fields; beside it CodeHollow.FeedReader alone,
/// with none of NkWatch's safety or normalisation; and NkWatch's whole parse-and-normalise path.
/// </summary>
[MemoryDiagnoser]
public class FeedParsingBenchmarks
{
    private const int Items = 500;
    private static readonly Uri Location = new("https://wire.example.org/feed.xml");

    private readonly FeedParser parser = new(TimeProvider.System);
    private byte[] body = [];

    [Params("rss", "atom")]
    public string Format { get; set; } = "rss";

    [GlobalSetup]
    public void Setup() => body = Format == "rss" ? SyntheticFeeds.Rss(Items) : SyntheticFeeds.Atom(Items);

    [Benchmark(Baseline = true, OperationsPerInvoke = Items)]
    public int SystemServiceModelSyndication()
    {
        using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var feed = SyndicationFeed.Load(reader);
        var count = 0;
        foreach (var item in feed.Items)
        {
            count += (item.Title?.Text.Length ?? 0) + (item.Summary?.Text.Length ?? 0) + item.Links.Count + item.PublishDate.Minute;
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = Items)]
    public int CodeHollowFeedReaderAlone()
    {
        var feed = FeedReader.ReadFromByteArray(body);
        return feed.Items.Sum(i => (i.Title?.Length ?? 0) + (i.Description?.Length ?? 0) + (i.Link?.Length ?? 0));
    }

    [Benchmark(OperationsPerInvoke = Items)]
    public int NkWatchParseAndNormalise()
    {
        var feed = parser.Parse(body, "application/xml; charset=utf-8", Location, "bench");
        return feed.Items.Count;
    }
}
