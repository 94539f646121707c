using NkWatch.Core.Digests;
using NkWatch.Core.Pipeline;

namespace NkWatch.Core.Tests.Digests;

public sealed class PeriodOrderTests
{
    [Theory]
    [InlineData("daily-2026-11-28", "daily-2026-11-27", true)]
    [InlineData("daily-2026-11-28", "daily-2026-11-28", false)]
    [InlineData("daily-2026-11-27", "daily-2026-11-28", false)]
    [InlineData("weekly-2026-W49", "weekly-2026-W48", true)]
    [InlineData("instant-202611280610", "instant-202611280605", true)]
    [InlineData("weekly-2026-W49", "daily-2026-11-27", false)]
    [InlineData(null, "daily-2026-11-27", false)]
    public void ALaterSentPeriodOfTheSameFrequencySupersedesAnEarlierOne(string? lastSent, string period, bool superseded) =>
        Assert.Equal(superseded, DigestSender.Supersedes(lastSent, period));
}

public sealed class DigestPeriodTests
{
    [Fact]
    public void PeriodsOrderByTheTimeTheyStandForNotByTheirText()
    {
        Assert.True(DigestPeriod.TryParse("instant-202611280605", out var minute));
        var later = DigestPeriod.Instant(new DateTimeOffset(2026, 11, 28, 6, 5, 30, TimeSpan.Zero));
        Assert.True(DigestPeriod.TryParse("weekly-2027-W01", out var newYear));

        Assert.True(minute.IsBefore(later));
        Assert.True(DigestPeriod.Weekly(2026, 53).IsBefore(newYear));
        Assert.False(DigestPeriod.Daily(new DateOnly(2026, 11, 28)).IsBefore(newYear));
        Assert.Equal("daily-2026-11-28", DigestPeriod.Daily(new DateOnly(2026, 11, 28)).Name);
        Assert.False(DigestPeriod.TryParse("instant-test", out _));
        Assert.False(DigestPeriod.TryParse("daily-2026-13-01", out _));
    }
}
