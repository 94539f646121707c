using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Tests.Subscriptions;

public sealed class SubscriberConfirmationTests
{
    [Fact]
    public void AReturningSubscriberStartsAfreshRatherThanWithEverythingSinceTheyLeft()
    {
        var now = new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
        var left = new Subscriber
        {
            Id = "s",
            Email = "a@example.org",
            Status = SubscriberStatus.Unsubscribed,
            ConfirmedAt = now.AddYears(-1),
            Watermark = now.AddMonths(-10),
        };

        var back = left.ConfirmedNow(now, "added by the operator");

        Assert.Equal(SubscriberStatus.Confirmed, back.Status);
        Assert.Equal(now, back.ConfirmedAt);
        Assert.Equal(now - Subscriber.FirstDigestLookBack, back.Watermark);
        Assert.Equal("added by the operator", back.StatusReason);
    }
}
