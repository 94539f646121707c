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

    /// <summary>The app starts before the operator puts the secret into the vault; <c>TokenKey</c> refuses the work that needs it.</summary>
    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/app-token-key/)")]
    [InlineData("")]
    public void AMissingTokenKeyDoesNotStopTheStart(string key) =>
        Assert.Empty(Validate(new AppOptions { TokenKey = key, PublicBaseUrl = "https://alerts.example.org" }));

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.org")]
    public void PublicBaseUrlMustBeHttpOrHttps(string url) =>
        Assert.Contains(Validate(new AppOptions { TokenKey = new string('k', 40), PublicBaseUrl = url }), r => r.MemberNames.Contains(nameof(AppOptions.PublicBaseUrl)));
}
