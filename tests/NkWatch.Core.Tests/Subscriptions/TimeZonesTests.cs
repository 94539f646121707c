using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Tests.Subscriptions;

public sealed class TimeZonesTests
{
    [Theory]
    [InlineData("Asia/Seoul", "Asia/Seoul")]
    [InlineData("asia/seoul", "Asia/Seoul")]
    [InlineData(" Europe/London ", "Europe/London")]
    [InlineData("UTC", "UTC")]
    public void KnownZonesAreAcceptedInTheirCanonicalSpelling(string given, string expected)
    {
        Assert.True(TimeZones.TryNormalize(given, out var zone));
        Assert.Equal(expected, zone);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("<script>")]
    [InlineData("Korea Standard Time")]
    public void AnythingElseIsRefused(string? given)
    {
        Assert.False(TimeZones.TryNormalize(given, out _));
    }

    [Fact]
    public void EveryChoiceIsAnIanaIdTheScheduleCanUse()
    {
        Assert.Contains("Asia/Seoul", TimeZones.All);
        Assert.All(TimeZones.All, id => Assert.True(TimeZoneInfo.TryFindSystemTimeZoneById(id, out _), id));
    }
}
