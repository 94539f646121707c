using Microsoft.Extensions.Configuration;
using NkWatch.Storage.Azure;

namespace NkWatch.Integration.Tests.Storage;

/// <summary>Identity-based storage settings name the managed identity, as the Functions host reads them; nothing falls back to whatever credential the machine has.</summary>
public sealed class AzureStorageAccountTests
{
    private static readonly Dictionary<string, string?> IdentityBased = new()
    {
        ["AzureWebJobsStorage:queueServiceUri"] = "https://nkwatch.queue.core.windows.net",
        ["AzureWebJobsStorage:tableServiceUri"] = "https://nkwatch.table.core.windows.net",
    };

    [Theory]
    [InlineData(null)]
    [InlineData("azurecli")]
    public void IdentityBasedSettingsWithoutTheManagedIdentityAreRefusedNamingTheSetting(string? credential)
    {
        var configuration = Configuration(("AzureWebJobsStorage:credential", credential));

        var refused = Assert.Throws<InvalidOperationException>(() => AzureStorageAccount.FromConfiguration(configuration));

        Assert.Contains("AzureWebJobsStorage__credential to managedidentity", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("5f0c7e4e-8d1a-4c34-9a55-3c1f2e7d9b10")]
    public void TheManagedIdentityReachesTheServiceUris(string? clientId)
    {
        var configuration = Configuration(("AzureWebJobsStorage:credential", "managedidentity"), ("AzureWebJobsStorage:clientId", clientId));

        var account = AzureStorageAccount.FromConfiguration(configuration);

        Assert.Equal("https://nkwatch.table.core.windows.net/", account.Tables().Uri.ToString());
        Assert.Equal("https://nkwatch.queue.core.windows.net/", account.Queues().Uri.ToString());
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] extra) =>
        new ConfigurationBuilder().AddInMemoryCollection(IdentityBased.Concat(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)))).Build();
}
