using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;
using NkWatch.Functions.Triggers;
using NkWatch.Integration.Tests.Functions;
using NkWatch.Integration.Tests.Infrastructure;

namespace NkWatch.Integration.Tests.Web;

/// <summary>
/// The function app's HTTP triggers, called as the Functions host calls them (an ASP.NET Core
/// HttpRequest in, an IActionResult executed into the response), over Azurite's tables.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FunctionHttpTests(AzuriteFixture azurite) : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task SubscribeThenConfirmThroughTheFunctionsStoresAConfirmedSubscriberInTables()
    {
        var outbox = temp.Combine("outbox");
        await using var services = FunctionTestHost.Services(azurite.ConnectionString, new Dictionary<string, string?> { ["Outbox:Directory"] = outbox });
        var address = $"reader-{Guid.NewGuid():N}@example.org";

        var subscribe = FunctionHttp.NewContext(services, "POST", "/api/subscriptions", "email=" + Uri.EscapeDataString(address) + "&frequency=weekly&topics=refugees", "application/x-www-form-urlencoded");
        subscribe.Request.Headers["X-Forwarded-For"] = "198.51.100.7:50123";
        var (status, body) = await FunctionHttp.RunAsync(subscribe, ActivatorUtilities.CreateInstance<Subscribe>(services).Run(subscribe.Request));

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Contains("Check your inbox", body, StringComparison.Ordinal);
        var store = services.GetRequiredService<ISubscriberStore>();
        var pending = await store.FindByEmailAsync(address, default);
        Assert.Equal(SubscriberStatus.Pending, pending!.Status);
        Assert.Equal(Frequency.Weekly, pending.Frequency);

        await services.GetRequiredService<SignupMail>().WhenIdleAsync();
        var email = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(outbox, "*.eml")));
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(email.TextBody ?? string.Empty, @"https://nkwatch\.example\.org/api/subscriptions/confirm\?token=\S+").Value);
        var confirm = FunctionHttp.NewContext(services, "POST", link.AbsolutePath, null, null, link.Query);
        var (confirmStatus, confirmBody) = await FunctionHttp.RunAsync(confirm, ActivatorUtilities.CreateInstance<ConfirmSubscription>(services).Run(confirm.Request));

        Assert.Equal(StatusCodes.Status200OK, confirmStatus);
        Assert.Contains("You are subscribed", confirmBody, StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Confirmed, (await store.GetAsync(pending.Id, default))!.Status);
    }

    [Fact]
    public async Task AForgedTokenGets400FromTheFunctionsToo()
    {
        await using var services = FunctionTestHost.Services(azurite.ConnectionString, new Dictionary<string, string?> { ["Outbox:Directory"] = temp.Combine("outbox") });
        var context = FunctionHttp.NewContext(services, "POST", "/api/subscriptions/unsubscribe", "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded", "?token=forged.token");

        var (status, _) = await FunctionHttp.RunAsync(context, ActivatorUtilities.CreateInstance<Unsubscribe>(services).Run(context.Request));

        Assert.Equal(StatusCodes.Status400BadRequest, status);
    }
}
