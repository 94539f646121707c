using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Tests.Subscriptions;

public sealed class TokenKeyTests
{
    private const string Reference = "@Microsoft.KeyVault(SecretUri=https://kv-abc.vault.azure.net/secrets/app-token-key/)";

    [Fact]
    public void AnUnresolvedKeyVaultReferenceNamesTheSecretToPutIntoTheVault()
    {
        var missing = TokenKey.Check(Reference);

        Assert.NotNull(missing);
        Assert.Equal("App__TokenKey", missing.Setting);
        Assert.Equal(SecretWork.Links, missing.Blocks);
        Assert.StartsWith("App__TokenKey is an unresolved Key Vault reference: put the secret app-token-key into the vault", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "is not set")]
    [InlineData("   ", "is not set")]
    [InlineData("short", "is shorter than 32 characters")]
    public void AnEmptyOrShortKeyIsMissing(string key, string problem) =>
        Assert.StartsWith(problem, TokenKey.Check(key)!.Problem, StringComparison.Ordinal);

    [Fact]
    public void AGoodKeyIsNotMissing() => Assert.Null(TokenKey.Check(new string('k', 40)));

    /// <summary>The reference text is 80 characters, long enough to pass a length check: it must still never sign anything.</summary>
    [Fact]
    public void TokensAreNeitherMadeNorCheckedWithAReference()
    {
        var tokens = new TokenService(Options.Create(new AppOptions { TokenKey = Reference }), TimeProvider.System);

        var making = Assert.Throws<MissingSettingException>(() => tokens.Create(TokenPurpose.Unsubscribe, "s1"));
        var checking = Assert.Throws<MissingSettingException>(() => tokens.Validate("eyJ4IjoxfQ.c2ln", TokenPurpose.Unsubscribe));

        Assert.Equal("App__TokenKey", making.Missing.Setting);
        Assert.Equal("App__TokenKey", checking.Missing.Setting);
        Assert.Throws<MissingSettingException>(() => new RateLimitKeys(Options.Create(new AppOptions { TokenKey = Reference })).ForAddress("a@example.org"));
    }

    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/sendgrid-api-key/0123abcd)", "sendgrid-api-key")]
    [InlineData("@Microsoft.KeyVault(VaultName=kv;SecretName=app-token-key)", "app-token-key")]
    [InlineData("@Microsoft.KeyVault(garbled", null)]
    public void TheSecretNameIsReadFromEitherReferenceForm(string reference, string? name)
    {
        Assert.True(SecretSetting.IsKeyVaultReference(reference));
        Assert.Equal(name, SecretSetting.SecretName(reference));
    }
}
