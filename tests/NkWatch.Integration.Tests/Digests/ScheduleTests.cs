using Microsoft.Extensions.Time.Testing;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Integration.Tests.Digests;

/// <summary>The scheduler and sender on the test's clock across midnight and daylight-saving changes.</summary>
public sealed class ScheduleTests
{
    private const string Title = "Satellite images show expansion of North Korean prison camp";
    private const string Lead = "New imagery shows the political prison camp has grown, with torture reported by former inmates.";

    [Fact]
    public async Task ADailyDigestGoesOnceADayAtTheLocalHourAcrossSpringForward()
    {
        // New York, Saturday 7 March 2026 01:00 EST; clocks spring forward on Sunday the 8th at 02:00.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 7, 6, 0, 0, TimeSpan.Zero));
        using var host = new DigestTestHost(clock);
        await host.SubscribeAsync("ny@example.org", Frequency.Daily, change: s => s with { TimeZone = "America/New_York", DeliveryHour = 2 });
        var periods = new List<string>();

        // Every 15 minutes until just before 02:00 on Monday the 9th, a new match every hour, as the timers would run.
        for (var tick = 0; tick < (2 * 24 * 4) - 1; tick++)
        {
            if (tick % 4 == 0)
            {
                await host.StoreAsync($"camp-{tick}", DigestTestHost.UnFeed, $"{Title} ({tick})", Lead);
            }

            clock.Advance(TimeSpan.FromMinutes(15));
            periods.AddRange((await host.RunDigestsAsync()).Where(r => r.Outcome == DigestOutcome.Sent).Select(r => r.Period));
        }

        Assert.Equal(["daily-2026-03-07", "daily-2026-03-08"], periods);
        Assert.Equal(2, Directory.GetFiles(host.Outbox, "*.eml").Length);
    }

    [Fact]
    public async Task AWeeklyDigestInSeoulGoesOnItsLocalMondayWhileUtcIsStillSunday()
    {
        // Sunday 29 November 2026, 22:00 UTC = Monday 07:00 in Seoul.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 22, 0, 0, TimeSpan.Zero));
        using var host = new DigestTestHost(clock);
        await host.SubscribeAsync("seoul@example.org", Frequency.Weekly, change: s => s with { TimeZone = "Asia/Seoul", DeliveryHour = 8, WeeklyDay = DayOfWeek.Monday });
        await host.StoreAsync("camp", DigestTestHost.UnFeed, Title, Lead);

        clock.Advance(TimeSpan.FromMinutes(59));
        var before = await host.RunDigestsAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        var due = await host.RunDigestsAsync();
        clock.Advance(TimeSpan.FromHours(3));
        var later = await host.RunDigestsAsync();

        Assert.Empty(before);
        Assert.Equal("weekly-2026-W49", Assert.Single(due, r => r.Outcome == DigestOutcome.Sent).Period);
        Assert.Empty(later);
    }
}
