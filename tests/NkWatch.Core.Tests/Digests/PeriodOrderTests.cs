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
