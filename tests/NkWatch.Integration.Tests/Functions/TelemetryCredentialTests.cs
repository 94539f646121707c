using Azure.Identity;
using NkWatch.Functions;

namespace NkWatch.Integration.Tests.Functions;

public sealed class TelemetryCredentialTests
{
    [Fact]
    public void EntraAuthenticationStringGivesAManagedIdentityCredential() =>
        Assert.IsType<ManagedIdentityCredential>(TelemetryCredential.From("ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ClientId=abc")]
    [InlineData("Authorization=Key")]
    public void WithoutEntraAuthorizationTheKeylessDefaultIsKept(string? setting) =>
        Assert.Null(TelemetryCredential.From(setting));
}
