using Microsoft.Extensions.Time.Testing;
using NkWatch.Core.Feeds;

namespace NkWatch.Core.Tests.Feeds;

/// <summary>One fixture file per oddity (Fixtures/feeds), one test per file.</summary>
public sealed class FeedParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    private readonly FeedParser parser = new(new FakeTimeProvider(Now));

    private ParsedFeed ParseFixture(string name, string? contentType = null) =>
        parser.Parse(File.ReadAllBytes(TestPaths.Fixture("feeds", name)), contentType, new Uri("https://feeds.example.org/dir/" + name), "test");

    private ParsedFeed ParseReliefWeb(string name)
    {
        var feed = new FeedSource { Id = "rw", Name = "ReliefWeb", Url = "https://api.reliefweb.int/v2/reports", Type = FeedTypes.ReliefWebApi };
        var fetched = new FetchResult(FetchOutcome.Content, File.ReadAllBytes(TestPaths.Fixture("feeds", name)), "application/json", new Uri("https://api.reliefweb.int/v2/reports?appname=fixture"), null, null, null);
        return parser.Parse(feed, fetched);
    }

    private FeedParseException Refused(string name, string? contentType = null)
    {
        var error = Assert.Throws<FeedParseException>(() => ParseFixture(name, contentType));
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }

    [Fact]
    public void Rss2ItemsAreNormalisedToPlainTextAbsoluteLinksAndUtcDates()
    {
        var feed = ParseFixture("rss2-basic.xml");

        Assert.Equal("Example Wire & Co", feed.Title);
        Assert.Equal("rss2.0", feed.Format);
        var first = feed.Items[0];
        Assert.Equal("UN panel urges ICC referral over North Korea\u2019s prison camps", first.Title);
        Assert.Equal("https://wire.example.org/2026/11/un-panel-icc", first.Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 0, 30, 0, TimeSpan.Zero), first.Published);
        Assert.Equal("The Commission of Inquiry said crimes against humanity continue.", first.Summary);
        Assert.DoesNotContain("alert", first.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AtomEntriesUseTheirUpdatedDateAndDecodedHtmlSummary()
    {
        var feed = ParseFixture("atom-basic.xml");

        Assert.Equal("atom", feed.Format);
        var entry = Assert.Single(feed.Items);
        Assert.Equal("https://atom.example.org/defectors", entry.Link);
        Assert.Equal("Escapees said they were sent back.", entry.Summary);
    }

    [Fact]
    public void JsonFeedItemsAreRead()
    {
        var feed = ParseFixture("jsonfeed-basic.json");

        var item = Assert.Single(feed.Items);
        Assert.Equal("json", feed.Format);
        Assert.Equal("Families of abductees meet envoy", item.Title);
        Assert.Equal("https://json.example.org/abductees", item.Link);
    }

    [Fact]
    public void JsonFeedExternalUrlStandsInForAMissingUrlAndNumericIdsAreKept()
    {
        var item = Assert.Single(ParseFixture("jsonfeed-external-url.json").Items);

        Assert.Equal("https://elsewhere.example.org/story", item.Link);
        Assert.Equal("42", item.Guid);
        Assert.Equal("Read it there.", item.Summary);
        Assert.Equal(new DateTimeOffset(2026, 11, 16, 10, 0, 0, TimeSpan.Zero), item.Published);
    }

    [Fact]
    public void EucKrFeedIsDecodedFromItsDeclaration()
    {
        var feed = ParseFixture("euc-kr.xml");

        Assert.Equal("연합뉴스 북한", feed.Title);
        Assert.StartsWith("유엔, 북한 인권결의안", feed.Items[0].Title, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero), feed.Items[0].Published);
    }

    [Fact]
    public void EucKrLabelIsReadAsCp949SoItsExtraSyllablesSurvive()
    {
        var item = Assert.Single(ParseFixture("cp949-only-characters.xml").Items);

        Assert.Equal("똠방각하 풍자극, 평양서 금지", item.Title);
    }

    [Fact]
    public void HttpCharsetDecidesWhenTheDocumentDeclaresNothing()
    {
        var feed = ParseFixture("http-charset-euc-kr-no-declaration.xml", "application/rss+xml; charset=EUC-KR");

        Assert.Equal("북한인권 소식", feed.Title);
        Assert.Equal("정치범수용소 생존자 증언", feed.Items[0].Title);
    }

    [Theory]
    [InlineData("ja-utf-8.xml", "UTF-8", "拉致被害者家族会が会見　横田めぐみさんの母も出席")]
    [InlineData("ja-shift_jis.xml", "Shift_JIS", "①拉致被害者家族会が会見　髙橋さんも出席")]
    [InlineData("ja-euc-jp.xml", "EUC-JP", "拉致被害者家族会が会見　脱北者も証言")]
    [InlineData("ja-iso-2022-jp.xml", "ISO-2022-JP", "拉致被害者家族会が会見　国連で訴え")]
    public void JapaneseFeedIsDecodedFromItsDeclaration(string name, string label, string title)
    {
        var feed = ParseFixture(name);

        Assert.Equal($"北朝鮮人権ニュース（{label}）", feed.Title);
        var item = Assert.Single(feed.Items);

        // The feed normaliser reads the ideographic space as any other space.
        Assert.Equal(title.Replace('\u3000', ' '), item.Title);
        Assert.Equal("北朝鮮による拉致被害者の家族会は、全被害者の一括帰国を求めた。「時間がない」と訴えた。", item.Summary);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero), item.Published);
    }

    [Theory]
    [InlineData("text/xml; charset=Shift_JIS")]
    [InlineData("text/xml; charset=windows-31j")]
    [InlineData("text/xml; charset=x-sjis")]
    public void HttpCharsetDecodesAShiftJisFeedThatDeclaresNothing(string contentType)
    {
        var feed = ParseFixture("ja-http-charset-shift_jis-no-declaration.xml", contentType);

        Assert.Equal("北朝鮮ニュース", feed.Title);
        Assert.Equal("脱北者、中国で拘束 強制送還の恐れ", feed.Items[0].Title);
    }

    [Fact]
    public void Latin1LabelReadsWindows1252SmartQuotes()
    {
        var item = Assert.Single(ParseFixture("windows-1252-declared-latin1.xml").Items);

        Assert.Equal("\u201cNo way home\u201d \u2013 defectors\u2019 stories", item.Title);
    }

    [Fact]
    public void Utf16WithByteOrderMarkIsDecoded()
    {
        var feed = ParseFixture("utf16le-bom.xml");

        Assert.Equal("북한 인권 (UTF-16)", feed.Title);
        Assert.Equal("강제북송 중단 촉구", feed.Items[0].Title);
    }

    [Fact]
    public void Utf16WithoutByteOrderMarkIsRecognisedByItsZeroBytes()
    {
        var item = Assert.Single(ParseFixture("utf16be-no-bom.xml").Items);

        Assert.Equal("\u00c9chos de Pyongyang", item.Title);
    }

    [Fact]
    public void ValidUtf8BehindAServersLatin1DefaultIsReadAsUtf8()
    {
        var feed = ParseFixture("utf8-behind-latin1-header.xml", "text/xml; charset=ISO-8859-1");

        Assert.Equal("Seoul Diary — 서울", feed.Title);
        Assert.Equal("Défecteurs: “freedom at last”", feed.Items[0].Title);
    }

    [Fact]
    public void AtomHtmlTitlesAreReducedToTextAndPlainTitlesKeptAsWritten()
    {
        var feed = ParseFixture("atom-title-html.xml");

        Assert.Equal("Rights & Wrongs", feed.Title);
        Assert.Equal("UN report on \"prison camps\"", feed.Items[0].Title);
        Assert.Equal("Why 3 < 5 & <b> is not bold", feed.Items[1].Title);
    }

    [Fact]
    public void AtomEntryWithOnlyUpdatedKeepsItsDateAndItsAlternateLink()
    {
        var entry = Assert.Single(ParseFixture("atom-updated-only.xml").Items);

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 1, 15, 0, TimeSpan.Zero), entry.Published);
        Assert.Equal("https://atom.example.org/envoy", entry.Link);
    }

    [Fact]
    public void AtomXhtmlContentBecomesTextWithParagraphsApart()
    {
        var entry = Assert.Single(ParseFixture("atom-xhtml-content.xml").Items);

        Assert.Equal("First paragraph. Second paragraph emphasised.", entry.Summary);
    }

    [Fact]
    public void EscapedMarkupInContentStaysTextAndLiveScriptIsDropped()
    {
        var item = Assert.Single(ParseFixture("rss-content-encoded-escaped-script.xml").Items);

        Assert.Equal("Use <script> tags", item.Summary);
        Assert.DoesNotContain("steal", item.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void DescriptionEscapedTwiceShowsItsTagsAsText()
    {
        var item = Assert.Single(ParseFixture("rss-double-escaped-description.xml").Items);

        Assert.Equal("Tags like <b> are shown, not applied.", item.Summary);
    }

    [Fact]
    public void HtmlInAnRssTitleIsReducedToText()
    {
        var item = Assert.Single(ParseFixture("rss-html-in-title.xml").Items);

        Assert.Equal("Breaking: envoy barred", item.Title);
    }

    [Fact]
    public void NamedZonesAndOffsetsGiveTheRightInstant()
    {
        var dates = ParseFixture("rss-named-zone-dates.xml").Items.Select(i => i.Published).ToList();

        Assert.Equal(
            [
                new DateTimeOffset(2026, 11, 19, 0, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 9, 15, 12, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 10, 5, 12, 30, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 11, 19, 0, 0, 0, TimeSpan.Zero),
            ],
            dates);
    }

    [Fact]
    public void MissingDateIsNullSoThePollerCanUseFirstSeen()
    {
        var item = Assert.Single(ParseFixture("rss-no-date.xml").Items);

        Assert.Null(item.Published);
    }

    [Fact]
    public void FutureDateIsClampedToNow()
    {
        var item = Assert.Single(ParseFixture("rss-future-date.xml").Items);

        Assert.Equal(Now, item.Published);
    }

    [Fact]
    public void RelativeRssLinksResolveAgainstTheSiteInTheChannelLink()
    {
        var links = ParseFixture("rss-relative-links.xml").Items.Select(i => i.Link);

        Assert.Equal(["https://site.example.org/news/1", "https://site.example.org/section/story?id=2"], links);
    }

    [Fact]
    public void AtomLinksResolveAgainstNestedXmlBase()
    {
        var entry = Assert.Single(ParseFixture("atom-xml-base.xml").Items);

        Assert.Equal("https://base.example.org/feeds/reports/dprk-2026.html", entry.Link);
    }

    [Fact]
    public void ItemsSharingOneLinkKeepDistinctIds()
    {
        var items = ParseFixture("rss-shared-link.xml").Items;

        Assert.Equal(3, items.Select(i => i.ItemId).Distinct().Count());
        Assert.All(items, i => Assert.Equal("https://feeds.example.org/", i.Link));
    }

    [Fact]
    public void PermalinkGuidStandsInForAMissingLinkButAnOpaqueOneDoesNot()
    {
        var items = ParseFixture("rss-guid-permalink-only.xml").Items;

        Assert.Equal("https://feeds.example.org/guid-link", items[0].Link);
        Assert.Null(items[1].Link);
        Assert.Equal("https://feeds.example.org/not-a-link", items[1].Guid);
    }

    [Fact]
    public void HtmlEntitiesXmlDoesNotKnowAreRecovered()
    {
        var item = Assert.Single(ParseFixture("rss-undeclared-html-entities.xml").Items);

        Assert.Equal("Café talks—no deal", item.Title);
    }

    [Fact]
    public void BareAmpersandsAreRecovered()
    {
        var item = Assert.Single(ParseFixture("rss-bare-ampersands.xml").Items);

        Assert.Equal("AT&T and R&D in Pyongyang", item.Title);
        Assert.Equal("https://feeds.example.org/get?a=1&b=2", item.Link);
    }

    [Fact]
    public void UnquotedAttributeValuesAreQuotedAndEveryItemIsKept()
    {
        var feed = ParseFixture("rss-unquoted-attributes.xml");

        Assert.Null(feed.Warning);
        Assert.Equal(["Commentary rejects the UN human rights resolution", "Second item after the damage"], feed.Items.Select(i => i.Title));
        Assert.Equal("https://monitor.example.org/2026/11/commentary", feed.Items[0].Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero), feed.Items[0].Published);
    }

    [Fact]
    public void ARepeatedAttributeKeepsItsFirstValue()
    {
        var item = Assert.Single(ParseFixture("rss-duplicate-attribute.xml").Items);

        Assert.Equal("https://feeds.example.org/2026/11/permalink", item.Link);
    }

    [Fact]
    public void AnUnquotedAtomHrefWithABareAmpersandIsRecovered()
    {
        var item = Assert.Single(ParseFixture("atom-unquoted-href-ampersand.xml").Items);

        Assert.Equal("Relief & recovery: the second survey", item.Title);
        Assert.Equal("https://feeds.example.org/story?id=2&lang=en", item.Link);
    }

    [Fact]
    public void AReliefWebApiResponseIsReadAsAFeed()
    {
        var feed = ParseReliefWeb("reliefweb-api-reports.json");

        Assert.Equal("reliefweb-api", feed.Format);
        Assert.Equal(2, feed.Items.Count);
        var first = feed.Items[0];
        Assert.Equal("DPR Korea: Needs and Priorities 2026", first.Title);
        Assert.Equal("https://reliefweb.int/report/democratic-peoples-republic-korea/dpr-korea-needs-and-priorities-2026", first.Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), first.Published);
        Assert.Equal("Food insecurity & chronic malnutrition persist.", first.Summary);
        Assert.Equal("https://reliefweb.int/report/democratic-peoples-republic-korea/tuberculosis-programme-update", feed.Items[1].Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), feed.Items[1].Published);
    }

    [Fact]
    public void AReliefWebApiErrorIsNamed()
    {
        var error = Assert.Throws<FeedParseException>(() => ParseReliefWeb("reliefweb-api-error.json"));

        Assert.Equal("ReliefWeb API error: You are not authorized to access this resource with this appname.", error.Message);
    }

    [Fact]
    public void UppercaseHexCharacterReferencesAreRecovered()
    {
        var item = Assert.Single(ParseFixture("uppercase-hex-reference.xml").Items);

        Assert.Equal("North Korea", item.Title);
    }

    [Fact]
    public void ControlCharactersXmlForbidsAreDropped()
    {
        var item = Assert.Single(ParseFixture("invalid-control-characters.xml").Items);

        Assert.Equal("Pasted from Word", item.Title);
    }

    [Fact]
    public void DeclarationAfterABannerCommentIsRecovered()
    {
        var item = Assert.Single(ParseFixture("declaration-after-comment.xml").Items);

        Assert.Equal("Still a feed", item.Title);
    }

    [Fact]
    public void FeedCutOffInTransitKeepsItsCompleteItemsWithAWarning()
    {
        var feed = ParseFixture("rss-truncated.xml");

        Assert.Equal(["First complete item", "Second complete item", "Third, cut off"], feed.Items.Select(i => i.Title));
        Assert.Contains("read up to line", feed.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void UndeclaredDublinCorePrefixStillGivesTheDate()
    {
        var item = Assert.Single(ParseFixture("rss-undeclared-prefix.xml").Items);

        Assert.Equal(new DateTimeOffset(2026, 11, 18, 12, 0, 0, TimeSpan.Zero), item.Published);
    }

    [Fact]
    public void Rss10ItemsAreReadWithTheirDublinCoreDates()
    {
        var feed = ParseFixture("rss1-rdf.xml");

        Assert.Equal("rss1.0", feed.Format);
        var item = Assert.Single(feed.Items);
        Assert.Equal("Abductions committee meets", item.Title);
        Assert.Equal(new DateTimeOffset(2026, 11, 17, 6, 0, 0, TimeSpan.Zero), item.Published);
    }

    [Fact]
    public void Rss091WithTheNetscapeDoctypeIsReadBecauseItDeclaresNoEntities()
    {
        var feed = ParseFixture("rss091-netscape-doctype.xml");

        Assert.Equal("rss0.9x", feed.Format);
        Assert.Equal("Still publishing", Assert.Single(feed.Items).Title);
    }

    [Fact]
    public void Atom03Base64TitleIsDecodedAndIssuedDateRead()
    {
        var feed = ParseFixture("atom03-base64-title.xml");

        Assert.Equal("Rights & wrongs", feed.Title);
        var entry = Assert.Single(feed.Items);
        Assert.Equal("https://atom03.example.org/1", entry.Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), entry.Published);
    }

    [Fact]
    public void Atom10OtherMediaTypesAreReadAsBase64()
    {
        var entry = Assert.Single(ParseFixture("atom10-binary-title.xml").Items);

        Assert.Equal("Seoul briefing", entry.Title);
    }

    [Fact]
    public void AnXhtmlBodyIsTheSummaryWhenThereIsNoDescription()
    {
        var item = Assert.Single(ParseFixture("rss-xhtml-body.xml").Items);

        Assert.Equal("Safe description", item.Summary);
    }

    [Fact]
    public void DublinCoreTitlesStandInForMissingTitles()
    {
        var feed = ParseFixture("rss-dc-title-only.xml");

        Assert.Equal("Titled by Dublin Core", feed.Title);
        Assert.Equal("Item titled by Dublin Core", Assert.Single(feed.Items).Title);
    }

    [Fact]
    public void RssWithoutAChannelIsAnEmptyFeed() => Assert.Empty(ParseFixture("rss-no-channel.xml").Items);

    [Fact]
    public void EntityExpansionBombIsRefusedBeforeAnyExpansion() =>
        Assert.StartsWith("refused: the document's DTD declares entities", Refused("dtd-entity-bomb.xml").Message, StringComparison.Ordinal);

    [Fact]
    public void ExternalEntityNamingALocalFileIsRefused()
    {
        var error = Refused("dtd-external-entity.xml");

        Assert.Contains("external entities are not allowed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlPageIsNamedAsSuch() => Assert.Equal("not a feed: an HTML page", Refused("html-page.html").Message);

    [Fact]
    public void JsonErrorResponseIsNamedWithItsMessage() => Assert.StartsWith("not a feed: a JSON error response", Refused("json-error.json").Message, StringComparison.Ordinal);

    [Fact]
    public void TruncatedJsonIsRefusedAsInvalidJson() => Assert.StartsWith("not a feed: invalid JSON", Refused("json-invalid.json").Message, StringComparison.Ordinal);

    [Fact]
    public void XmlThatIsNotAFeedNamesItsRootElement() => Assert.Equal("not a feed: the document's root element is <urlset>", Refused("sitemap-not-a-feed.xml").Message);

    [Fact]
    public void EmptyBodyIsRefused() => Assert.Equal("empty body: no feed", Refused("empty.xml").Message);

    [Fact]
    public void WhitespaceOnlyBodyIsRefused() => Assert.StartsWith("empty body", Refused("whitespace-only.xml").Message, StringComparison.Ordinal);

    [Fact]
    public void LongSummariesAreCappedAndWhitespaceFolded()
    {
        var paragraph = string.Join("\n\n", Enumerable.Repeat("<p>Forced   labour\tin the\u00a0camps.</p>", 200));
        var body = System.Text.Encoding.UTF8.GetBytes($"<rss version=\"2.0\"><channel><title>t</title><item><title>Long</title><link>https://x.example.org/1</link><description><![CDATA[{paragraph}]]></description></item></channel></rss>");

        var summary = Assert.Single(parser.Parse(body, null, null, "test").Items).Summary;

        Assert.True(summary.Length <= FeedParser.MaxSummaryLength);
        Assert.EndsWith("…", summary, StringComparison.Ordinal);
        Assert.StartsWith("Forced labour in the camps. Forced labour", summary, StringComparison.Ordinal);
    }
}
