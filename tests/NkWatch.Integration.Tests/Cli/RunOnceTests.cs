using MimeKit;
using NkWatch.Cli;
using NkWatch.Integration.Tests.Infrastructure;

namespace NkWatch.Integration.Tests.Cli;

/// <summary>
/// The walking skeleton's promise on the embedded default: feeds served on loopback, an instant
/// subscriber, one `nkwatch run --once`, and exactly one email in the outbox with the stories about
/// North Korean human rights and none of the others.
/// </summary>
public sealed class RunOnceTests : IDisposable
{
    private readonly TempDirectory temp = new();

    private string Work => temp.Path;

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task OneRunSendsOneDigestWithOnlyTheRelevantStories()
    {
        await using var server = await FeedServer.StartAsync(("/wire.xml", "wire.xml", "application/rss+xml"), ("/un.atom", "un.xml", "application/atom+xml"));
        var feeds = FeedServer.WriteCatalog(Work, server, ("wire", "/wire.xml"), ("un-press", "/un.atom"));
        var data = Path.Combine(Work, "data");

        var (addCode, addOut, _) = await NkWatchAsync("subscribers", "add", "analyst@example.org", "--frequency", "instant", "--data", data, "--feeds", feeds);
        var (runCode, runOut, runErr) = await NkWatchAsync("run", "--once", "--data", data, "--feeds", feeds);

        Assert.Equal(0, addCode);
        Assert.Contains("subscribed analyst@example.org", addOut, StringComparison.Ordinal);
        Assert.Equal(0, runCode);
        Assert.Contains("data: " + data, runErr, StringComparison.Ordinal);
        Assert.Contains("feed wire: ok, 5 items, 5 new, 2 matches", runOut, StringComparison.Ordinal);
        Assert.Contains("feed un-press: ok, 3 items, 3 new, 1 matches", runOut, StringComparison.Ordinal);

        var email = Assert.Single(Directory.GetFiles(Path.Combine(data, "outbox"), "*.eml"));
        Assert.Single(Directory.GetFiles(Path.Combine(data, "outbox"), "*.html"));
        var message = await MimeMessage.LoadAsync(email);
        Assert.Equal("analyst@example.org", message.To.Mailboxes.Single().Address);
        Assert.StartsWith("3 new: ", message.Subject, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.StartsWith("<http://localhost:5080/api/subscriptions/unsubscribe?token=", message.Headers["List-Unsubscribe"], StringComparison.Ordinal);

        foreach (var body in new[] { message.TextBody, message.HtmlBody })
        {
            Assert.Contains("UN rights experts urge ICC referral of North Korea", body, StringComparison.Ordinal);
            Assert.Contains("North Korean defectors describe forced repatriation from China", body, StringComparison.Ordinal);
            Assert.Contains("Special Rapporteur warns Security Council of forced labour in DPRK", body, StringComparison.Ordinal);
            foreach (var other in new[] { "ballistic missile", "KOSPI", "Myanmar", "Iran" })
            {
                Assert.DoesNotContain(other, body, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task SecondRunFindsNothingNewAndSendsNothing()
    {
        await using var server = await FeedServer.StartAsync(("/wire.xml", "wire.xml", "application/rss+xml"));
        var feeds = FeedServer.WriteCatalog(Work, server, ("wire", "/wire.xml"));
        var data = Path.Combine(Work, "data");
        await NkWatchAsync("subscribers", "add", "analyst@example.org", "--frequency", "instant", "--data", data, "--feeds", feeds);

        await NkWatchAsync("run", "--once", "--data", data, "--feeds", feeds);
        var (code, output, _) = await NkWatchAsync("run", "--once", "--data", data, "--feeds", feeds);

        Assert.Equal(0, code);
        Assert.Contains("0 digests sent", output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(data, "outbox"), "*.eml"));
    }

    private static async Task<(int Code, string Out, string Err)> NkWatchAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, TextReader.Null, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
