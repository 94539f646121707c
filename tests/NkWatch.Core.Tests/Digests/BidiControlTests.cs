using NkWatch.Core.Digests;
using NkWatch.Core.Email;

namespace NkWatch.Core.Tests.Digests;

public sealed class BidiControlTests
{
    private const string Override = "Invoice \u202Egpj.exe\u202C from \u2067UN\u2069 \u200Fdesk\u200E \u061C";

    [Fact]
    public void FeedTextLosesItsBidiControls() =>
        Assert.Equal("Invoice gpj.exe from UN desk", FeedTextCleaner.SingleLine(Override, 200));

    [Fact]
    public void SubjectsAndRecipientsLoseTheirBidiControls()
    {
        var batch = new EmailBatch
        {
            Subject = Override,
            Html = "<p>x</p>",
            Text = "x",
            Recipients = [new EmailRecipient { To = "reader@example.org", MessageId = "m" }],
        };
        var message = batch.For(batch.Recipients[0]) with { To = "rea\u202Eder@example.org" };

        Assert.Equal("Invoice gpj.exe from UN desk ", batch.Subject);
        Assert.Equal(batch.Subject, message.Subject);
        Assert.Equal("reader@example.org", message.To);
    }
}
