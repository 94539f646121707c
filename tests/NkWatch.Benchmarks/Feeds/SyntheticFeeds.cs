using System.Globalization;
using System.Security;
using System.Text;

namespace NkWatch.Benchmarks.Feeds;

/// <summary>
/// Feeds generated in code for the benchmarks, shaped like the catalogue's real ones: tracked
/// links, zone offsets, entities, and summaries of which half carry HTML markup.
/// </summary>
internal static class SyntheticFeeds
{
    private static readonly string[] Topics =
    [
        "Special Rapporteur urges accountability for prison camps",
        "Defectors describe forced repatriation from China",
        "Security Council briefed on humanitarian access in DPRK",
        "Families of abductees meet envoy in Tokyo",
        "Commission of Inquiry findings revisited a decade on",
    ];

    public static byte[] Rss(int items, int seed = 0)
    {
        var start = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(9));
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>")
            .Append("<title>Synthetic Wire &amp; Co</title><link>https://wire.example.org/</link><description>Benchmark feed</description>");
        for (var i = 0; i < items; i++)
        {
            // A numeric offset: System.ServiceModel.Syndication, the baseline, throws on named zones such as KST.
            var date = start.AddMinutes(-37 * (i + seed)).ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " +0900";
            xml.Append("<item><title>").Append(SecurityElement.Escape(Title(i + seed))).Append("</title>")
                .Append("<link>https://wire.example.org/2026/11/story-").Append(i + seed).Append("?utm_source=rss&amp;utm_medium=feed</link>")
                .Append("<guid isPermaLink=\"false\">wire-").Append(i + seed).Append("</guid>")
                .Append("<pubDate>").Append(date).Append("</pubDate><dc:creator>Desk</dc:creator>")
                .Append("<description>").Append(SecurityElement.Escape(Summary(i + seed))).Append("</description></item>");
        }

        return Encoding.UTF8.GetBytes(xml.Append("</channel></rss>").ToString());
    }

    public static byte[] Atom(int items, int seed = 0)
    {
        var start = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">")
            .Append("<title>Synthetic UN Press</title><link href=\"https://un.example.org/\"/><id>urn:example:bench</id><updated>2026-11-27T00:00:00Z</updated>");
        for (var i = 0; i < items; i++)
        {
            var date = start.AddMinutes(-41 * (i + seed)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            xml.Append("<entry><title type=\"text\">").Append(SecurityElement.Escape(Title(i + seed))).Append("</title>")
                .Append("<link rel=\"alternate\" type=\"text/html\" href=\"https://un.example.org/press/").Append(i + seed).Append("?xtor=RSS-1\"/>")
                .Append("<id>urn:example:bench:").Append(i + seed).Append("</id><updated>").Append(date).Append("</updated><published>").Append(date).Append("</published>")
                .Append("<summary type=\"html\">").Append(SecurityElement.Escape(Summary(i + seed))).Append("</summary></entry>");
        }

        return Encoding.UTF8.GetBytes(xml.Append("</feed>").ToString());
    }

    private static string Title(int i) => $"{Topics[i % Topics.Length]} ({i})";

    private static string Summary(int i) => i % 2 == 0
        ? $"The report, published on day {i}, says detainees faced forced labour &amp; torture; officials in Seoul and Geneva called for access."
        : $"<p>The <b>report</b>, published on day {i}, says detainees faced <a href=\"https://un.example.org/r/{i}\">forced labour</a> &amp; torture.</p><p>Officials called for access.</p>";
}
