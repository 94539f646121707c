using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NkWatch.Core.Configuration;
using NkWatch.Core.Messaging;
using NkWatch.Integration.Tests.Infrastructure;
using NkWatch.Storage.Azure;

namespace NkWatch.Integration.Tests.Storage;

/// <summary>The clients Microsoft.Extensions.Azure registers from a connection string, over Azurite, and what the SDK's log forwarding lets through.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureClientRegistrationTests(AzuriteFixture azurite)
{
    private readonly AzureStorageAccount account = azurite.IsolatedAccount();

    [Fact]
    public async Task QueueMessagesAreWrittenInTheBase64TheFunctionsTriggerReads()
    {
        using var services = Services(new FakeLoggerProvider());
        const string body = """{"id":"북한 인권"}""";

        await services.GetRequiredService<IMessageQueues>().Get("work").SendAsync(body, default);
        var plain = new QueueClient(azurite.ConnectionString, account.NamePrefix + "work");
        var stored = await plain.PeekMessageAsync();

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(body)), stored.Value.Body.ToString());
    }

    [Fact]
    public async Task TheRegisteredBlobReaderReadsTheAccountsBlobs()
    {
        using var services = Services(new FakeLoggerProvider());
        var container = services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(account.NamePrefix + "config");
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("rules.json");
        await blob.UploadAsync(BinaryData.FromString("""{"version":"1"}"""));

        var document = await new ConfigDocuments(services.GetServices<IConfigDocumentReader>()).ReadAsync(blob.Uri.AbsoluteUri, default);

        Assert.Equal("""{"version":"1"}""", Encoding.UTF8.GetString(document.Content));
    }

    /// <summary>
    /// The SDK logs each request at Information and each 4xx answer (expected conflicts and
    /// lookups included) at Warning: by default neither reaches the logs; a setting brings them back.
    /// </summary>
    [Fact]
    public async Task TheSdksRequestsAndRefusalsAreQuietByDefault()
    {
        var quiet = new FakeLoggerProvider();
        var told = new FakeLoggerProvider();
        var warnings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Azure.Core"] = "Warning" }).Build();
        foreach (var (log, configuration) in new[] { (quiet, (IConfiguration?)null), (told, warnings) })
        {
            using var services = Services(log, configuration);
            await services.GetRequiredService<IMessageQueues>().Get("work").SendAsync("ping", default);
            var missing = services.GetRequiredService<QueueServiceClient>().GetQueueClient(account.NamePrefix + "absent");
            await Assert.ThrowsAsync<RequestFailedException>(() => missing.GetPropertiesAsync());
        }

        Assert.DoesNotContain(SdkRecords(quiet), r => r.Level < LogLevel.Error);
        var refusals = SdkRecords(told);
        Assert.Contains(refusals, r => r.Level == LogLevel.Warning && r.Message.Contains("404", StringComparison.Ordinal));
        AssertNoSecrets(refusals);
    }

    /// <summary>A <c>Logging:LogLevel:Azure.Core</c> setting shows the requests, with the shared-key signature redacted.</summary>
    [Fact]
    public async Task ALoggingSettingShowsTheRequestsWithoutTheKey()
    {
        var log = new FakeLoggerProvider();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Azure.Core"] = "Information" }).Build();
        using var services = Services(log, configuration);

        await services.GetRequiredService<IMessageQueues>().Get("work").SendAsync("ping", default);

        var requests = SdkRecords(log).Where(r => r.Level == LogLevel.Information && r.Message.Contains(account.NamePrefix + "work", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(requests);
        Assert.Contains(requests, r => r.Message.Contains("Authorization:REDACTED", StringComparison.Ordinal));
        AssertNoSecrets(requests);
    }

    private ServiceProvider Services(FakeLoggerProvider log, IConfiguration? configuration = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging(logging =>
        {
            if (configuration is not null)
            {
                logging.AddConfiguration(configuration.GetSection("Logging"));
            }

            logging.AddProvider(log);
        });
        collection.AddNkWatchAzureStorage(account);
        return collection.BuildServiceProvider();
    }

    private static List<FakeLogRecord> SdkRecords(FakeLoggerProvider log) =>
        [.. log.Collector.GetSnapshot().Where(r => r.Category is { } category && category.StartsWith(AzureServiceCollectionExtensions.SdkLogCategory + ".", StringComparison.Ordinal))];

    private void AssertNoSecrets(IEnumerable<FakeLogRecord> records)
    {
        var key = azurite.ConnectionString.Split(';').Single(p => p.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];
        Assert.All(records, r =>
        {
            Assert.DoesNotContain(key, r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("SharedKey ", r.Message, StringComparison.Ordinal);
        });
    }
}
