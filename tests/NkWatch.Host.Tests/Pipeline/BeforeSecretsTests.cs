using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NkWatch.Host.Tests.Host;
using Xunit.Abstractions;

namespace NkWatch.Host.Tests.Pipeline;

/// <summary>
/// The app as the Bicep template first deploys it: the two secrets are still unresolved Key Vault
/// references and the sender address is empty. The published worker must start, poll, classify and
/// store; signup must fail alone, and health must name what is missing.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class BeforeSecretsTests(HostFixture fixture, ITestOutputHelper output) : IDisposable
{
    private static string Unresolved(string secret) => $"@Microsoft.KeyVault(SecretUri=https://kv-nkwatch.vault.azure.net/secrets/{secret}/)";

    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    [Fact]
    public async Task TheWorkerPollsAndStoresWhileSignupWaitsForTheSecretsAndHealthNamesThem()
    {
        await fixture.ResetStorageAsync();
        await using var feeds = await FixtureFeeds.StartAsync();
        await using var sendGrid = await SendGridServer.StartAsync();
        var settings = AppSettings.WithFeedsAndSendGrid(fixture.StorageConnection, work, feeds.WriteCatalog(work), sendGrid);
        settings["App__TokenKey"] = Unresolved("app-token-key");
        settings["SendGrid__ApiKey"] = Unresolved("sendgrid-api-key");
        settings["SendGrid__From"] = string.Empty;
        await using var host = await FunctionsHost.StartAsync(fixture.App, new HostLog(output), settings);
        var queues = new QueueListener(host, fixture.StorageConnection, retryDelay: TimeSpan.Zero);

        await PipelineSteps.PollAndStoreAsync(host, queues);

        using var signup = await host.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri("/api/subscriptions", UriKind.Relative))
        {
            Content = JsonContent.Create(new { email = "desk@example.org", frequency = "instant" }),
        });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, signup.StatusCode);

        // Stored, not only invoked: the archive shows the story and none of the off-topic items.
        using var page = await host.GetAsync("/api/matches");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var archive = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains(FixtureFeeds.SharedHeadline, archive, StringComparison.Ordinal);
        Assert.All(FixtureFeeds.OffTopic, title => Assert.DoesNotContain(title, archive, StringComparison.Ordinal));

        using var health = await host.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var answer = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("degraded", answer.RootElement.GetProperty("status").GetString());
        var missing = answer.RootElement.GetProperty("missingSettings").EnumerateArray()
            .Select(m => m.GetProperty("setting").GetString()).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string?>(["App__TokenKey", "SendGrid__ApiKey", "SendGrid__From"], StringComparer.Ordinal), missing);
        Assert.DoesNotContain("@Microsoft.KeyVault", host.Log.Tail(int.MaxValue), StringComparison.Ordinal);

        // Signup emails go out after the answer: only a worker that has stopped (and so finished
        // what it had begun) proves none was sent.
        await host.DisposeAsync();
        Assert.Empty(sendGrid.Requests);
    }
}
