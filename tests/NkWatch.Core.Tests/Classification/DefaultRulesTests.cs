using NkWatch.Core.Classification;

namespace NkWatch.Core.Tests.Classification;

/// <summary>The shipped rules on the cases the issue names: what must be caught, and the hard cases kept out.</summary>
public sealed class DefaultRulesTests
{
    private static readonly KeywordClassifier Classifier = new(RuleSetLoader.Load(TestPaths.Config("rules.json")));

    [Theory]
    [InlineData("UN rights experts urge ICC referral of North Korea", "Experts said the Commission of Inquiry found crimes against humanity.", "accountability")]
    [InlineData("Third Committee adopts DPRK human rights resolution", "The text condemns systematic violations in North Korea.", "un-action")]
    [InlineData("Ex-prisoner recalls kwanliso", "She spent nine years in a political prison camp.", "detention")]
    [InlineData("China forcibly repatriates 60 North Koreans", "Rights groups said the escapees face torture.", "refugees")]
    [InlineData("Japan urges Pyongyang to return abductees", "Families of those abducted in the 1970s appealed again.", "abductions")]
    [InlineData("N. Korea punishes teens for K-dramas", "Three students were sent to labour camps for watching South Korean dramas on USB sticks.", "freedoms")]
    [InlineData("WFP warns of hunger in North Korea", "The agency called for humanitarian access to be restored.", "food-humanitarian")]
    [InlineData("US imposes human rights sanctions on North Korean officials", "The Treasury cited torture and forced labour.", "sanctions")]
    [InlineData("North Korean workers in Russia have wages confiscated", "Labourers dispatched abroad work 16 hours a day under surveillance.", "overseas-labour")]
    [InlineData("House passes North Korean Human Rights Act reauthorisation", "The bill funds broadcasts into the country.", "legislation")]
    [InlineData("北, 탈북민 강제북송 중단하라", "유엔 특별보고관은 중국 정부에 강제송환 중단을 촉구했다.", "refugees")]
    [InlineData("유엔 인권이사회, 북한인권결의안 채택", "결의안은 북한의 인권 침해를 규탄했다.", "un-action")]
    [InlineData("납북자 가족 \"생사라도 확인해달라\"", "전후 납북 피해자 가족들이 기자회견을 열었다.", "abductions")]
    [InlineData("North Korea frees detained American missionary", "He had served two years of a hard labour sentence.", "abductions")]
    [InlineData("North Korea's human rights abuses condemned at Geneva rally", "Activists called for more attention to ordinary North Koreans.", "human-rights")]
    [InlineData("North Korea tops Open Doors list again", "The ranking covers 50 countries.", "freedoms")]
    [InlineData("North Korea last in press freedom ranking", "Reporters Without Borders published its index.", "freedoms")]
    [InlineData("拉致被害者家族会、首相と面会", "家族会は北朝鮮による拉致被害者の一括帰国を求めた。", "abductions")]
    [InlineData("中国、脱北者を強制送還", "人権団体は北朝鮮に送還された人々が拷問を受ける恐れがあると訴えた。", "refugees")]
    [InlineData("北朝鮮で公開処刑", "韓国ドラマを流布した男性が住民の前で処刑された。", "detention")]
    [InlineData("国連人権理事会、北朝鮮人権決議を採択", "決議は組織的な人権侵害を非難した。", "un-action")]
    [InlineData("北朝鮮で食糧難が深刻化", "一部地域で餓死者が出ているという。", "food-humanitarian")]
    public void A_story_the_field_cares_about_is_relevant_under_its_topic(string title, string summary, string topic)
    {
        var result = Classifier.Classify(title, summary);

        Assert.True(result.Relevant, ClassificationExplanation.Describe(new ClassifierInput("item", title, summary), result));
        Assert.Contains(topic, result.Topics);
    }

    [Theory]
    [InlineData("North Korea fires ballistic missile into the East Sea", "The UN Security Council will meet over the launch, which violated several resolutions.")]
    [InlineData("US sanctions North Korean hackers over crypto thefts", "The Treasury said the stolen funds paid for missile development.")]
    [InlineData("EU sanctions North Korean generals over troops sent to Russia", "The officers organised the deployment.")]
    [InlineData("North Korea escape with draw against Japan", "The women's team defended well in Pyongyang.")]
    [InlineData("KOSPI falls on North Korea tension", "Defense stocks rose after the launch.")]
    [InlineData("Myanmar junta accused of crimes against humanity", "A UN report documented torture in detention.")]
    [InlineData("Xinjiang camps still hold Uyghurs, researchers say", "Forced labour in cotton fields continues.")]
    [InlineData("ICC issues arrest warrant for Putin", "The court cited the deportation of Ukrainian children.")]
    [InlineData("National Human Rights Commission of Korea faults army over recruit's death", "The commission called for disciplinary action.")]
    [InlineData("북한산 둘레길 등산객 구조", "소방당국이 헬기로 구조했다.")]
    [InlineData("北, 동해상으로 탄도미사일 발사", "유엔 안보리는 결의 위반이라며 긴급회의를 열기로 했다.")]
    [InlineData("NK cell therapy trial succeeds", "Natural killer cells shrank tumours in Seoul patients.")]
    [InlineData("Summit ends with pledge on denuclearization", "Kim Jong Un and the US president discussed nuclear weapons and human rights in one session.")]
    [InlineData("North Korea says US officials released a false statement", "Pyongyang said the American account of the missile test was a lie.")]
    [InlineData("北朝鮮が弾道ミサイル発射", "国連安保理は決議違反だとして緊急会合を開く。")]
    [InlineData("中国東北朝鮮族の伝統祭り", "延辺で朝鮮族の料理を紹介する催しがあり、人権団体の代表もあいさつした。")]
    [InlineData("朝鮮半島情勢で日米韓が協議", "朝鮮総連の関係者の動向も焦点となった。")]
    [InlineData("北海道で記録的大雪", "北の大地は交通が乱れ、住民の生活に影響が出た。")]
    public void A_hard_case_stays_out(string title, string summary)
    {
        var result = Classifier.Classify(title, summary);

        Assert.False(result.Relevant, ClassificationExplanation.Describe(new ClassifierInput("item", title, summary), result));
    }
}
