using Azure.Storage.Blobs;
using NkWatch.Core;
using NkWatch.Core.Configuration;
using NkWatch.Integration.Tests.Infrastructure;
using NkWatch.Storage.Azure;

namespace NkWatch.Integration.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobConfigDocumentReaderTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ReadsABlobOfTheAppsAccountAndTagsItsVersion()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("rules.json");
        await blob.UploadAsync(BinaryData.FromString("""{"version":"1"}"""), overwrite: true);
        var reader = Reader();

        Assert.True(reader.CanRead(blob.Uri.AbsoluteUri));
        var first = await reader.ReadAsync(blob.Uri.AbsoluteUri, default);
        await blob.UploadAsync(BinaryData.FromString("""{"version":"2"}"""), overwrite: true);
        var second = await reader.ReadAsync(blob.Uri.AbsoluteUri, default);

        Assert.Equal("""{"version":"1"}""", System.Text.Encoding.UTF8.GetString(first.Content));
        Assert.Equal("""{"version":"2"}""", System.Text.Encoding.UTF8.GetString(second.Content));
        Assert.NotEqual(first.Version, second.Version);
    }

    [Theory]
    [InlineData("https://attacker.example.org/devstoreaccount1/config/rules.json")]
    [InlineData("config/rules.json")]
    public void RefusesLocationsOutsideTheAccount(string source) =>
        Assert.False(Reader().CanRead(source));

    [Fact]
    public async Task AMissingBlobIsAConfigurationError()
    {
        var reader = Reader();
        var service = new BlobServiceClient(azurite.ConnectionString);
        var missing = service.GetBlobContainerClient("nothere").GetBlobClient("rules.json").Uri.AbsoluteUri;

        var error = await Assert.ThrowsAsync<ConfigurationFileException>(() => reader.ReadAsync(missing, default));

        Assert.Contains("404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedCatalogueIsReadFromABlobOfTheAppsAccount()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("feeds.json");
        await blob.UploadAsync(BinaryData.FromString("""{"feeds":[{"id":"ohchr","name":"OHCHR","url":"https://www.ohchr.org/feed","language":"en"}]}"""));
        var documents = new ConfigDocuments([new FileConfigDocumentReader(), Reader()]);

        var catalog = await new DocumentFeedCatalogProvider(blob.Uri.AbsoluteUri, documents).GetCatalogAsync(CancellationToken.None);

        Assert.Equal("ohchr", Assert.Single(catalog.Feeds).Id);
    }

    /// <summary>The app may start before the operator uploads the catalogue: the next use after the upload finds it.</summary>
    [Fact]
    public async Task ACatalogueBlobUploadedAfterAFailedReadIsFoundOnTheNextUse()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("feeds.json");
        var documents = BlobDocuments();
        var provider = new DocumentFeedCatalogProvider(blob.Uri.AbsoluteUri, documents);

        var missing = await Assert.ThrowsAsync<ConfigurationFileException>(() => provider.GetCatalogAsync(CancellationToken.None).AsTask());
        await blob.UploadAsync(BinaryData.FromString("""{"feeds":[{"id":"ohchr","name":"OHCHR","url":"https://www.ohchr.org/feed","language":"en"}]}"""));

        Assert.Contains("404", missing.Message, StringComparison.Ordinal);
        Assert.Equal("ohchr", Assert.Single((await provider.GetCatalogAsync(CancellationToken.None)).Feeds).Id);
    }

    [Fact]
    public async Task RulesUploadedAfterAFailedFirstLoadAreLoadedOnTheNextUse()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("rules.json");
        var documents = BlobDocuments();
        var provider = new ReloadingRulesProvider(blob.Uri.AbsoluteUri, documents, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ReloadingRulesProvider>.Instance, new RulesOptions().CheckInterval);

        await Assert.ThrowsAsync<ConfigurationFileException>(() => provider.GetRulesAsync(CancellationToken.None).AsTask());
        await blob.UploadAsync(BinaryData.FromBytes(await File.ReadAllBytesAsync(RepositoryRoot.Combine("config", "rules.json"))));

        Assert.NotEmpty((await provider.GetRulesAsync(CancellationToken.None)).Topics);
    }

    [Fact]
    public async Task ABadCatalogueBlobIsRefusedWithItsLocation()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("feeds.json");
        await blob.UploadAsync(BinaryData.FromString("""{"feeds":[{"id":"Bad Id","name":"x","url":"ftp://x"}]}"""));
        var documents = BlobDocuments();

        var error = await Assert.ThrowsAsync<ConfigurationFileException>(() => new DocumentFeedCatalogProvider(blob.Uri.AbsoluteUri, documents).GetCatalogAsync(CancellationToken.None).AsTask());

        Assert.Equal(blob.Uri.AbsoluteUri, error.Path);
    }

    private async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("config" + Guid.NewGuid().ToString("N")[..8]);
        await container.CreateIfNotExistsAsync();
        return container;
    }

    private ConfigDocuments BlobDocuments() => new([Reader()]);

    private BlobConfigDocumentReader Reader() => new(new BlobServiceClient(azurite.ConnectionString));
}
