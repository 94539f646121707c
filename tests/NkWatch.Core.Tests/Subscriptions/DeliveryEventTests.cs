using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Tests.Subscriptions;

public sealed class DeliveryEventTests
{
    [Theory]
    [InlineData("bounce", null, true)]
    [InlineData("bounce", "bounce", true)]
    [InlineData("bounce", "blocked", false)]
    [InlineData("dropped", null, true)]
    [InlineData("spamreport", null, true)]
    [InlineData("unsubscribe", null, true)]
    [InlineData("group_unsubscribe", null, true)]
    [InlineData("delivered", null, false)]
    [InlineData("deferred", null, false)]
    [InlineData("open", null, false)]
    [InlineData("", null, false)]
    public void OnlyEventsThatMeanStopSuppress(string kind, string? bounceType, bool suppresses)
    {
        Assert.Equal(suppresses, new DeliveryEvent("id", kind, "a@example.org", null, bounceType).Suppresses);
    }
}
