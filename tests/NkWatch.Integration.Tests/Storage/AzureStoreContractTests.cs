using Microsoft.Extensions.DependencyInjection;
using NkWatch.Integration.Tests.Infrastructure;
using NkWatch.Storage.Azure;

namespace NkWatch.Integration.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class AzureStoreContractTests(AzuriteFixture azurite) : StoreContract
{
    protected override void AddStorage(IServiceCollection services) => services.AddNkWatchAzureStorage(azurite.IsolatedAccount());
}
