using NkWatch.Testing;

namespace NkWatch.Integration.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
