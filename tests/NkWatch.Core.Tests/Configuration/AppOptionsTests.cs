using System.ComponentModel.DataAnnotations;
using NkWatch.Core.Configuration;

namespace NkWatch.Core.Tests.Configuration;

public sealed class AppOptionsTests
{
    private static List<ValidationResult> Validate(AppOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void AGoodConfigurationValidates() =>
        Assert.Empty(Validate(new AppOptions { TokenKey = new string('k', 40), PublicBaseUrl = "https://alerts.example.org" }));

    [Fact]
    public void AnUnresolvedKeyVaultReferenceIsNotTakenForAKey()
    {
        var results = Validate(new AppOptions { TokenKey = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/app-token-key/)" });

        Assert.Contains(results, r => r.ErrorMessage!.Contains("unresolved Key Vault reference", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    public void ATokenKeyShorterThan32CharactersIsRefused(string key) =>
        Assert.Contains(Validate(new AppOptions { TokenKey = key }), r => r.MemberNames.Contains(nameof(AppOptions.TokenKey)));

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.org")]
    public void PublicBaseUrlMustBeHttpOrHttps(string url) =>
        Assert.Contains(Validate(new AppOptions { TokenKey = new string('k', 40), PublicBaseUrl = url }), r => r.MemberNames.Contains(nameof(AppOptions.PublicBaseUrl)));
}
