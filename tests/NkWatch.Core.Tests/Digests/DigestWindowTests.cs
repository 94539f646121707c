using NkWatch.Core.Digests;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Tests.Digests;

public sealed class DigestWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);

    private static readonly Subscriber Reader = new() { Id = "s1", Email = "analyst@example.org", Watermark = T0.AddHours(-5) };

    [Fact]
    public void AWindowStartsAtTheLaterWatermarkAndCoversWhatWasStoredAfterItUpToTheCutoff()
    {
        var cursor = new DigestCursor { SubscriberId = "s1", Watermark = T0.AddHours(-2) };

        var window = DigestWindow.Next(Reader, cursor, T0);

        Assert.Equal(T0.AddHours(-2), window.Start);
        Assert.False(window.Contains(T0.AddHours(-2)));
        Assert.True(window.Contains(T0));
        Assert.False(window.Contains(T0.AddTicks(1)));
        Assert.Equal(T0.AddHours(-5), DigestWindow.Next(Reader, cursor with { Watermark = T0.AddDays(-1) }, T0).Start);
    }

    [Fact]
    public void AWindowReachesBackNoFurtherThanTheLookBackAndNeverEndsBeforeItStarts()
    {
        Assert.Equal(T0 - DigestWindow.MaxLookBack, new DigestWindow(T0.AddDays(-400), T0).Start);
        var ahead = new DigestWindow(T0.AddMinutes(1), T0);
        Assert.Equal(ahead.Start, ahead.End);
        Assert.True(ahead.IsEmpty);
    }

    [Fact]
    public void AnUnfinishedClaimKeepsItsWindow()
    {
        var claim = new DigestClaim("instant-1", "d1", T0.AddHours(-3), T0.AddHours(-1), T0, 1);

        Assert.Equal(claim.Window, DigestWindow.ToSend(Reader, new DigestCursor { SubscriberId = "s1", Claim = claim }, T0));
    }

    [Theory]
    [InlineData(DigestOutcome.Sent, true)]
    [InlineData(DigestOutcome.Empty, true)]
    [InlineData(DigestOutcome.Rejected, false)]
    public void AFinishedPeriodMovesTheWatermarkUnlessItWasRejected(DigestOutcome outcome, bool moved)
    {
        var claim = new DigestClaim("daily-2026-11-28", "d1", T0.AddDays(-1), T0, T0.AddMinutes(10), 1);
        var cursor = new DigestCursor { SubscriberId = "s1", Watermark = T0.AddDays(-1), Claim = claim };

        var after = DigestWindow.Advance(cursor, claim, outcome);

        Assert.Equal(moved ? T0 : T0.AddDays(-1), after.Watermark);
        Assert.Equal("daily-2026-11-28", after.LastPeriod);
        Assert.Null(after.Claim);
    }
}

public sealed class DigestOutcomeTests
{
    [Theory]
    [InlineData(DigestOutcome.Sent, "sent")]
    [InlineData(DigestOutcome.Rejected, "rejected")]
    [InlineData(DigestOutcome.AlreadySent, "already-sent")]
    public void OutcomesKeepTheNamesStoredRecordsAndTheCommandLineUse(DigestOutcome outcome, string name)
    {
        Assert.Equal(name, outcome.Name());
        Assert.Equal("\"" + name + "\"", System.Text.Json.JsonSerializer.Serialize(outcome));
        Assert.Equal(outcome, System.Text.Json.JsonSerializer.Deserialize<DigestOutcome>("\"" + name + "\""));
    }

    [Fact]
    public void ARedeliveryAnswersWithHowThePeriodEnded() =>
        Assert.Equal(
            [DigestOutcome.AlreadySent, DigestOutcome.AlreadyEmpty, DigestOutcome.AlreadyRejected],
            new[] { DigestOutcome.Sent, DigestOutcome.Empty, DigestOutcome.Rejected }.Select(DigestOutcomes.Already));
}
