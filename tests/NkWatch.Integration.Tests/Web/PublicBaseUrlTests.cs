using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Integration.Tests.Web;

/// <summary>The links `nkwatch serve` puts in emails and feeds when it serves on port 0: the address Kestrel bound, unless App__PublicBaseUrl is set.</summary>
public sealed class PublicBaseUrlTests
{
    [Fact]
    public async Task OnPortZeroTheLinksFollowThePortTheServerBound()
    {
        await using var web = await WebApp.StartAsync();

        Assert.NotEqual(0, new Uri(web.BaseUrl).Port);
        Assert.Equal(web.BaseUrl + "/api/matches", web.Services.GetRequiredService<LinkBuilder>().Archive());
        using var signup = await web.SubscribeAsync("reader@example.org");
        Assert.Contains(web.BaseUrl + "/api/subscriptions/confirm?token=", web.Emails().Single().TextBody, StringComparison.Ordinal);
        Assert.Contains($"<id>{web.BaseUrl}/api/matches.atom</id>", await web.Http.GetStringAsync("/api/matches.atom"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASetPublicBaseUrlWinsOverTheServedAddress()
    {
        await using var web = await WebApp.StartAsync(new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "https://nkwatch.example.org" });

        using var signup = await web.SubscribeAsync("reader@example.org");

        Assert.Contains("https://nkwatch.example.org/api/subscriptions/confirm?token=", web.Emails().Single().TextBody, StringComparison.Ordinal);
        Assert.Equal("https://nkwatch.example.org/api/matches", web.Services.GetRequiredService<LinkBuilder>().Archive());
    }
}
