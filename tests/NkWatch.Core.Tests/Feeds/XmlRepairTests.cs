using NkWatch.Core.Feeds;

namespace NkWatch.Core.Tests.Feeds;

/// <summary>The attribute repairs, on the cases where a guess would be needed: those are left as they are.</summary>
public sealed class XmlRepairTests
{
    [Theory]
    [InlineData("<guid isPermaLink=false>g</guid>", "<guid isPermaLink=\"false\">g</guid>")]
    [InlineData("<a x=1 y='2' x=3>t</a>", "<a x=\"1\" y='2'>t</a>")]
    [InlineData("<link href=https://a.example.org/?p=1&q=2 />", "<link href=\"https://a.example.org/?p=1&amp;q=2\" />")]
    public void UnambiguousDamageIsRepaired(string damaged, string repaired) => Assert.Equal(repaired, XmlRepair.Repair(damaged));

    [Theory]
    [InlineData("<script async>x</script>")]
    [InlineData("<link href=https://a.example.org/feed/>")]
    [InlineData("<a title=\"open>t</a>")]
    [InlineData("<a b=c\"d>t</a>")]
    public void AmbiguousTagsAreLeftAsTheyAre(string damaged) => Assert.Equal(damaged, XmlRepair.Repair(damaged));
}
