using NkWatch.Infra.Tests.Support;

namespace NkWatch.Infra.Tests;

[Collection(CompiledTemplateGroup.Name)]
public sealed class KeyVaultTests(CompiledTemplateFixture compiled)
{
    [Fact]
    public void VaultUsesRbacAndCannotLoseSecretsToADeleteOrPurge()
    {
        var properties = compiled.Template.SingleOfType("Microsoft.KeyVault/vaults").At("properties");

        Assert.True(properties.At("enableRbacAuthorization").GetBoolean());
        Assert.True(properties.At("enableSoftDelete").GetBoolean());
        Assert.True(properties.At("enablePurgeProtection").GetBoolean());
        Assert.False(properties.TryGetProperty("accessPolicies", out _));
    }

    [Fact]
    public void SecretsAreWrittenOnlyWhenTheirValueIsGiven()
    {
        var secrets = compiled.Template.ResourcesOfType("Microsoft.KeyVault/vaults/secrets").ToList();

        Assert.Equal(2, secrets.Count);
        Assert.All(secrets, s => Assert.StartsWith("[not(empty(parameters(", s.Text("condition"), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sendGridApiKey")]
    [InlineData("tokenKey")]
    public void SecretParametersAreSecureAndOptional(string parameter)
    {
        var definition = compiled.Template.Root.At("parameters", parameter);

        Assert.Equal("securestring", definition.Text("type"));
        Assert.Equal("", definition.Text("defaultValue"));
    }

    [Fact]
    public void SecretNamesMatchTheDeployGuide()
    {
        var names = compiled.Template.Root.At("variables", "secretNames");

        Assert.Equal("sendgrid-api-key", names.Text("sendGridApiKey"));
        Assert.Equal("app-token-key", names.Text("tokenKey"));
    }
}
