using System.Text.Json;

namespace NkWatch.Core.Tests.Classification;

/// <summary>
/// How a term of the rules finds its spellings in text: case, Unicode forms, quotes, hyphens and
/// spaces, possessives, plurals, abbreviations, word boundaries. Each row: the term, the text, and
/// the text the hit must point at (null: no hit).
/// </summary>
public sealed class TermMatchingTests
{
    [Theory]
    [InlineData("Kim Jong-un", "Kim Jong-un visited a farm", "Kim Jong-un")]
    [InlineData("Kim Jong-un", "Kim Jong Un visited a farm", "Kim Jong Un")]
    [InlineData("Kim Jong-un", "Kim Jongun visited a farm", "Kim Jongun")]
    [InlineData("Kim Jong-un", "KIM JONG-UN VISITED", "KIM JONG-UN")]
    [InlineData("Kim Jong-un", "Kim Jong\u2011un (a non-breaking hyphen)", "Kim Jong\u2011un")]
    [InlineData("Kim Jong-un", "Kim  Jong\u00A0Un, with odd spaces", "Kim  Jong\u00A0Un")]
    [InlineData("Kim Jong-un", "Kim Jong-un's sister", "Kim Jong-un")]
    [InlineData("North Korea", "North Korea's leader", "North Korea")]
    [InlineData("North Korea", "North Korea\u2019s leader", "North Korea")]
    [InlineData("North Korea", "a North-Korea summit", "North-Korea")]
    [InlineData("North Korea", "NORTH KOREA", "NORTH KOREA")]
    [InlineData("North Korea", "Northkorea", null)]
    [InlineData("North Korea", "North Korean troops", null)]
    [InlineData("defector", "defectors said", "defectors")]
    [InlineData("defector", "the defector's story", "defector")]
    [InlineData("defector", "the defectors' stories", "defectors")]
    [InlineData("defector", "defectorate", null)]
    [InlineData("abductee", "families of abductees", "abductees")]
    [InlineData("separated family", "separated families", "separated families")]
    [InlineData("POW", "former POWs", "POWs")]
    [InlineData("repatriat*", "they were repatriated", "repatriated")]
    [InlineData("repatriat*", "forced repatriation", "repatriation")]
    [InlineData("repatriat*", "repatria", null)]
    [InlineData("ICC", "the ICC.", "ICC")]
    [InlineData("ICC", "the ICCPR", null)]
    [InlineData("ICC", "ICC에 회부", "ICC")]
    [InlineData("DPRK", "the D.P.R.K. said", "D.P.R.K.")]
    [InlineData("DPRK", "\uFF24\uFF30\uFF32\uFF2B (full width)", "\uFF24\uFF30\uFF32\uFF2B")]
    [InlineData("N. Korea", "N. Korea fires", "N. Korea")]
    [InlineData("N. Korea", "N Korea fires", "N Korea")]
    [InlineData("N. Korea", "N.Korea fires", "N.Korea")]
    [InlineData("UN Security Council", "the U.N. Security Council met", "U.N. Security Council")]
    [InlineData("Democratic People's Republic of Korea", "the Democratic People\u2019s Republic of Korea", "Democratic People\u2019s Republic of Korea")]
    [InlineData("Democratic People's Republic of Korea", "the Democratic Peoples Republic of Korea", "Democratic Peoples Republic of Korea")]
    [InlineData("re-education camp", "a reeducation camp", "reeducation camp")]
    [InlineData("re-education camp", "a re education camp", "re education camp")]
    [InlineData("K-pop", "KPop fans", "KPop")]
    [InlineData("K-pop", "K pop fans", "K pop")]
    [InlineData("Pyongyang", "Pyong\u00ADyang (a soft hyphen)", "Pyong\u00ADyang")]
    [InlineData("Pyongyang", "Pyong\u200Byang (a zero-width space)", "Pyong\u200Byang")]
    [InlineData("Pyongyang", "PyongyangTimes", null)]
    public void A_term_finds_its_spellings_and_points_at_them(string term, string text, string? expected)
    {
        var classifier = TestRules.WithTerms(Term(term));

        var hits = classifier.Classify(text).Hits.Where(h => h.Topic == "t").ToList();

        if (expected is null)
        {
            Assert.Empty(hits);
            return;
        }

        var hit = Assert.Single(hits);
        Assert.Equal(term, hit.Term);
        Assert.Equal(expected, hit.Text(text, string.Empty));
    }

    [Theory]
    [InlineData("\uBD81\uD55C\uC758 \uC778\uAD8C", "북한", "북한")]
    [InlineData("북한은 거부했다", "북한", "북한")]
    [InlineData("탈북민들이 증언했다", "탈북민", "탈북민")]
    [InlineData("재중탈북민 지원", "탈북민", "탈북민")]
    [InlineData("\u1107\u116E\u11A8\u1112\u1161\u11AB \uc8fc\ubbfc (decomposed jamo)", "북한", "\u1107\u116E\u11A8\u1112\u1161\u11AB")]
    [InlineData("北朝鮮による拉致の被害者", "北朝鮮", "北朝鮮")]
    [InlineData("北朝鮮人権法の改正案", "人権", "人権")]
    [InlineData("拉致問題の解決を求める", "拉致", "拉致")]
    [InlineData("弾道ミサイルを発射した", "ミサイル", "ミサイル")]
    [InlineData("脱北者らが証言した", "脱北者", "脱北者")]
    [InlineData("ﾐｻｲﾙ発射 (half-width katakana)", "ミサイル", "ﾐｻｲﾙ")]
    public void Korean_and_Japanese_terms_match_inside_words_where_particles_attach(string text, string term, string expected)
    {
        var classifier = TestRules.WithTerms(Term(term));

        var hit = Assert.Single(classifier.Classify(text).Hits, h => h.Topic == "t");

        Assert.Equal(expected, hit.Text(text, string.Empty));
    }

    [Theory]
    [InlineData("北 인권 결의안", true)]
    [InlineData("北주민 강제북송", true)]
    [InlineData("北京 스모그", false)]
    [InlineData("南北 회담", false)]
    public void A_Han_character_term_does_not_run_into_another_Han_character(string text, bool matches)
    {
        var hits = TestRules.WithTerms(Term("人權")).Classify(text).Hits;

        Assert.Equal(matches, hits.Any(h => h.Topic == "subject" && h.Term == "北"));
    }

    [Theory]
    [InlineData("북한산 둘레길 등산객", false)]
    [InlineData("북한산 국립공원과 북한 인권", true)]
    [InlineData("Daily NK reported from Seoul", false)]
    public void A_term_does_not_count_inside_its_notIn_phrases(string text, bool subjectFound)
    {
        var hits = TestRules.WithTerms(Term("인권")).Classify(text).Hits;

        Assert.Equal(subjectFound, hits.Any(h => h.Topic == "subject"));
    }

    [Theory]
    [InlineData("NK defectors in Seoul", true)]
    [InlineData("NK defectors", false)]
    [InlineData("nk defectors in Seoul", false)]
    [InlineData("N.K. defectors in Seoul", true)]
    public void A_case_sensitive_term_needing_context_counts_only_as_written_and_beside_context(string text, bool relevant)
    {
        var classifier = TestRules.WithTerms("""[{ "term": "defector", "weight": 3 }]""");

        Assert.Equal(relevant, classifier.Classify(text).Relevant);
    }

    [Theory]
    [InlineData("The North said no", true)]
    [InlineData("as the North said", true)]
    [InlineData("the north of the city", false)]
    [InlineData("THE NORTH", true)]
    public void A_case_sensitive_term_needs_its_capitals_as_capitals(string text, bool matches)
    {
        var classifier = TestRules.WithTerms("""[{ "term": "the North", "weight": 3, "caseSensitive": true }]""");

        Assert.Equal(matches, classifier.Classify(text).Hits.Any(h => h.Topic == "t"));
    }

    [Fact]
    public void A_longer_term_of_the_same_topic_hides_the_shorter_one_inside_it()
    {
        var classifier = TestRules.WithTerms("""[{ "term": "prison camp", "weight": 3 }, { "term": "political prison camp", "weight": 3 }]""");

        var hit = Assert.Single(classifier.Classify("a political prison camp").Hits, h => h.Topic == "t");

        Assert.Equal("political prison camp", hit.Term);
    }

    [Fact]
    public void The_same_text_counts_for_every_topic_that_lists_it()
    {
        var classifier = TestRules.Classifier("""
            [{ "id": "a", "within": "item", "terms": [{ "term": "defector", "weight": 3 }] }, { "id": "b", "within": "item", "terms": [{ "term": "defectors' day", "weight": 3 }] }]
            """);

        var hits = classifier.Classify("North Korea marks Defectors' Day").Hits;

        Assert.Contains(hits, h => h.Topic == "a" && h.Term == "defector");
        Assert.Contains(hits, h => h.Topic == "b" && h.Term == "defectors' day");
    }

    private static string Term(string term) => $$"""[{ "term": {{JsonSerializer.Serialize(term)}}, "weight": 3 }]""";
}
