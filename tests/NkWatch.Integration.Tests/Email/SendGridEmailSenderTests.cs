using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NkWatch.Core.Email;
using NkWatch.Integration.Tests.Digests;

namespace NkWatch.Integration.Tests.Email;

/// <summary>
/// The SendGrid sender against a SendGrid-compatible server on loopback, on a fake clock: a send
/// that needs no waiting gets no time at all (no timeout can fire while the machine is slow), and
/// one that waits is driven by <see cref="DigestTestHost.DriveAsync"/>.
/// </summary>
public sealed class SendGridEmailSenderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero));
    private SendGridServer server = null!;

    public async Task InitializeAsync() => server = await SendGridServer.StartAsync(clock);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task EachRecipientIsAPersonalizationOfTheirOwnWithTheirOwnLinksAndHeaders()
    {
        using var host = new DigestTestHost(clock, server);
        var batch = Batch("a@example.org", "b@example.org", "c@example.org");

        var results = await SendAsync(host, batch);

        Assert.All(results, r => Assert.Equal(SendStatus.Sent, r.Status));
        var request = Assert.Single(server.Requests);
        Assert.Equal(202, request.Status);
        Assert.Equal(["digest", "instant"], request.Body!["categories"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("Hello %%NKW_UNSUBSCRIBE%%", (string)request.Body["content"]![0]!["value"]!);
        var personalizations = request.Personalizations;
        Assert.Equal(3, personalizations.Count);
        for (var i = 0; i < 3; i++)
        {
            var p = personalizations[i]!;
            var address = batch.Recipients[i].To;
            Assert.Equal(address, (string)Assert.Single(p["to"]!.AsArray())!["email"]!);
            Assert.Equal($"<https://nkwatch.example.org/u/{i}>", (string)p["headers"]!["List-Unsubscribe"]!);
            Assert.Equal("List-Unsubscribe=One-Click", (string)p["headers"]!["List-Unsubscribe-Post"]!);
            Assert.Equal($"https://nkwatch.example.org/u/{i}", (string)p["substitutions"]!["%%NKW_UNSUBSCRIBE%%"]!);
            Assert.Equal($"digest-{i}", (string)p["custom_args"]!["digest_id"]!);
        }
    }

    [Fact]
    public async Task TooManyRequestsIsRetriedNoSoonerThanItsRetryAfter()
    {
        using var host = new DigestTestHost(clock, server, settings: new Dictionary<string, string?> { ["SendGrid:TimeoutSeconds"] = "120" });
        server.FailNext(new SendGridFailure.TooManyRequests(RetryAfterSeconds: 7));

        var result = Assert.Single(await host.DriveAsync(SendAsync(host, Batch("a@example.org"))));

        Assert.Equal(SendStatus.Sent, result.Status);
        Assert.Equal([429, 202], server.Requests.Select(r => r.Status));
        Assert.True(server.Requests[1].At - server.Requests[0].At >= TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task ServerErrorsAndAHangPastTheTimeoutAreRetriedUntilSendGridAccepts()
    {
        using var host = new DigestTestHost(clock, server);
        server.FailNext(new SendGridFailure.ServerError(500), new SendGridFailure.Hang(), new SendGridFailure.ServerError(503));

        var results = await host.DriveAsync(SendAsync(host, Batch("a@example.org")));

        Assert.Equal(SendStatus.Sent, Assert.Single(results).Status);
        Assert.Equal([500, 0, 503, 202], server.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task RetriesAreBoundedAndEndAsRetryLater()
    {
        using var host = new DigestTestHost(clock, server, settings: new Dictionary<string, string?> { ["SendGrid:MaxAttempts"] = "3" });
        server.FailNext(Enumerable.Repeat<SendGridFailure>(new SendGridFailure.ServerError(502), 5).ToArray());

        var result = Assert.Single(await host.DriveAsync(SendAsync(host, Batch("a@example.org"))));

        Assert.Equal(SendStatus.RetryLater, result.Status);
        Assert.Contains("gave up after 3 attempts", result.Detail, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task ARetryAfterLongerThanTheBudgetIsLeftToTheQueue()
    {
        using var host = new DigestTestHost(clock, server, settings: new Dictionary<string, string?> { ["SendGrid:RetryBudgetSeconds"] = "60" });
        server.FailNext(new SendGridFailure.TooManyRequests(RetryAfterSeconds: 3600));

        // The clock never moves: only the Retry-After itself can end the send.
        var result = Assert.Single(await SendAsync(host, Batch("a@example.org")));

        Assert.Equal(SendStatus.RetryLater, result.Status);
        Assert.Contains("its Retry-After is past the retry budget", result.Detail, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task AWrongKeyIsAPermanentFailureAndIsNotRetried()
    {
        using var host = new DigestTestHost(clock, server, settings: new Dictionary<string, string?> { ["SendGrid:ApiKey"] = "SG.wrong" });

        var results = await SendAsync(host, Batch("a@example.org", "b@example.org"));

        Assert.All(results, r => Assert.Equal(SendStatus.Rejected, r.Status));
        Assert.Equal([401], server.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task OneRefusedAddressDoesNotFailTheRestOfItsBatchAndIsNeverLoggedInFull()
    {
        using var host = new DigestTestHost(clock, server);
        server.Refuse("bounce@example.org");

        var results = await SendAsync(host, Batch("a@example.org", "b@example.org", "bounce@example.org", "d@example.org"));

        Assert.Equal([SendStatus.Sent, SendStatus.Sent, SendStatus.Rejected, SendStatus.Sent], results.Select(r => r.Status));
        Assert.Contains("b***@example.org", results[2].Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("bounce@example.org", results[2].Detail, StringComparison.Ordinal);
        Assert.Equal(["a@example.org", "b@example.org", "d@example.org"], server.Delivered.Select(d => (string)d.Personalization["to"]![0]!["email"]!).Order());
    }

    [Fact]
    public async Task LargeBatchesAreCutAtAThousandPersonalizationsPerRequest()
    {
        using var host = new DigestTestHost(clock, server);

        var results = await SendAsync(host, Batch([.. Enumerable.Range(0, 2500).Select(i => $"r{i}@example.org")]));

        Assert.Equal(2500, results.Count(r => r.Status == SendStatus.Sent));
        Assert.Equal([1000, 1000, 500], server.Requests.Select(r => r.Personalizations.Count));
    }

    /// <summary>
    /// Sends the batch as the digest sender does, and checks that every recipient's result was
    /// told once, by its index, and is the result returned for it.
    /// </summary>
    private static async Task<IReadOnlyList<SendResult>> SendAsync(DigestTestHost host, EmailBatch batch)
    {
        var told = new List<(int Index, SendResult Result)>();
        var results = await host.Get<IEmailSender>().SendBatchAsync(
            batch,
            (index, result) =>
            {
                lock (told)
                {
                    told.Add((index, result));
                }

                return Task.CompletedTask;
            },
            default);

        Assert.Equal(Enumerable.Range(0, batch.Recipients.Count), told.Select(t => t.Index).Order());
        Assert.Equal(results, told.OrderBy(t => t.Index).Select(t => t.Result));
        return results;
    }

    private static EmailBatch Batch(params string[] addresses) => new()
    {
        Subject = "1 new: test",
        Html = "<p>Hello <a href=\"%%NKW_UNSUBSCRIBE%%\">unsubscribe</a></p>",
        Text = "Hello %%NKW_UNSUBSCRIBE%%",
        Categories = ["digest", "instant"],
        Recipients =
        [
            .. addresses.Select((address, i) => new EmailRecipient
            {
                To = address,
                MessageId = $"digest-{i}",
                Headers = new Dictionary<string, string>
                {
                    ["List-Unsubscribe"] = $"<https://nkwatch.example.org/u/{i}>",
                    ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
                },
                CustomArgs = new Dictionary<string, string> { ["digest_id"] = $"digest-{i}", ["subscriber_id"] = $"s{i}" },
                Substitutions = new Dictionary<string, string> { ["%%NKW_UNSUBSCRIBE%%"] = $"https://nkwatch.example.org/u/{i}" },
            }),
        ],
    };
}
