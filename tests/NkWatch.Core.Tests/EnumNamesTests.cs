using System.Text.Json;
using NkWatch.Core.Configuration;
using NkWatch.Core.Feeds;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Tests;

/// <summary>Every enum written as text has one name, the same in JSON, on pages and on the command line.</summary>
public sealed class EnumNamesTests
{
    [Fact]
    public void OutcomesAreNamedAsTheirJsonSpellsThem()
    {
        Assert.All(Enum.GetValues<PollOutcome>(), o => Assert.Equal(JsonSerializer.Serialize(o), "\"" + o.Name() + "\""));
        Assert.All(Enum.GetValues<DigestOutcome>(), o => Assert.Equal(JsonSerializer.Serialize(o), "\"" + o.Name() + "\""));
        Assert.Equal(["ok", "not-modified", "already-polled", "skipped", "failed", "unknown"], Enum.GetValues<PollOutcome>().Select(o => o.Name()));
    }

    [Fact]
    public void SubscriberAndFeedValuesAreNamedInLowerCase()
    {
        Assert.Equal(["instant", "daily", "weekly"], Enum.GetValues<Frequency>().Select(f => f.Name()));
        Assert.Equal(["pending", "confirmed", "unsubscribed", "suppressed"], Enum.GetValues<SubscriberStatus>().Select(s => s.Name()));
        Assert.Equal(["new", "ok", "stale", "failing", "skipped"], Enum.GetValues<FeedCondition>().Select(c => c.Name()));
        Assert.Equal(["links", "sending"], Enum.GetValues<SecretWork>().Select(w => w.Name()));
        Assert.Equal("friday", DayOfWeek.Friday.Name());
    }
}
