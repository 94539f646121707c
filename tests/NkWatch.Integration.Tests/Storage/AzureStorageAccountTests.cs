using System.Reflection;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core;
using NkWatch.Core.Configuration;
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

    [Fact]
    public void IdentityBasedSettingsWithoutTheQueueEndpointAreRefusedNamingTheSettings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://nkwatch.table.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
        }).Build();

        var refused = Assert.Throws<InvalidOperationException>(() => AzureStorageAccount.FromConfiguration(configuration));

        Assert.Contains("AzureWebJobsStorage__queueServiceUri and AzureWebJobsStorage__tableServiceUri", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage:tableServiceUri", "nkwatch.table.core.windows.net")]
    [InlineData("AzureWebJobsStorage:queueServiceUri", "http://nkwatch.queue.core.windows.net")]
    [InlineData("AzureWebJobsStorage:blobServiceUri", "https//nkwatch.blob.core.windows.net")]
    public void AnEndpointThatIsNotAnHttpsUrlIsRefusedNamingTheSetting(string key, string value)
    {
        var configuration = Configuration(("AzureWebJobsStorage:credential", "managedidentity"), (key, value));

        var refused = Assert.Throws<InvalidOperationException>(() => AzureStorageAccount.FromConfiguration(configuration));

        Assert.Contains(key.Replace(":", "__", StringComparison.Ordinal) + " to the storage service's https URL", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("5f0c7e4e-8d1a-4c34-9a55-3c1f2e7d9b10")]
    public void TheRegisteredClientsReachTheServiceUrisWithTheManagedIdentity(string? clientId)
    {
        var account = AzureStorageAccount.FromConfiguration(Configuration(
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", clientId),
            ("AzureWebJobsStorage:blobServiceUri", "https://nkwatch.blob.core.windows.net")));

        using var services = new ServiceCollection().AddNkWatchAzureStorage(account).BuildServiceProvider();
        var queues = services.GetRequiredService<QueueServiceClient>();
        var blobs = services.GetRequiredService<BlobServiceClient>();

        Assert.Equal("https://nkwatch.table.core.windows.net/", services.GetRequiredService<TableServiceClient>().Uri.ToString());
        Assert.Equal("https://nkwatch.queue.core.windows.net/", queues.Uri.ToString());
        Assert.Equal("https://nkwatch.blob.core.windows.net/", blobs.Uri.ToString());

        // A client holding an account key could sign SAS URIs: these sign requests with the token only.
        Assert.False(queues.CanGenerateAccountSasUri);
        Assert.False(blobs.CanGenerateAccountSasUri);
        var credential = Assert.IsType<ManagedIdentityCredential>(CredentialOf(queues));
        Assert.Same(credential, CredentialOf(blobs));
    }

    /// <summary>Without a blob endpoint there is no blob client, and a blob source is refused as a location nothing can read.</summary>
    [Fact]
    public async Task WithoutABlobEndpointConfigurationIsNotReadFromBlobs()
    {
        var account = AzureStorageAccount.FromConfiguration(Configuration(("AzureWebJobsStorage:credential", "managedidentity")));

        using var services = new ServiceCollection().AddNkWatchAzureStorage(account).BuildServiceProvider();
        var documents = new ConfigDocuments(services.GetServices<IConfigDocumentReader>());
        var refused = await Assert.ThrowsAsync<ConfigurationFileException>(() => documents.ReadAsync("https://nkwatch.blob.core.windows.net/config/rules.json", default));

        Assert.Null(services.GetService<BlobServiceClient>());
        Assert.Contains("no reader for this location", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The token credential a storage client signs with. The clients expose it only in their
    /// internal configuration: this reads it there, and fails loudly if a new SDK moves it.
    /// </summary>
    private static object? CredentialOf(object client)
    {
        var configuration = client.GetType().GetProperty("ClientConfiguration", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(client)
            ?? throw new InvalidOperationException($"{client.GetType().Name} has no ClientConfiguration any more");
        var credential = configuration.GetType().GetProperty("TokenCredential", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"{configuration.GetType().Name} has no TokenCredential any more");
        return credential.GetValue(configuration);
    }

    /// <summary>The identity-based endpoints, with <paramref name="extra"/> added or replacing them.</summary>
    private static IConfiguration Configuration(params (string Key, string? Value)[] extra) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(IdentityBased)
            .AddInMemoryCollection(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)))
            .Build();
}
