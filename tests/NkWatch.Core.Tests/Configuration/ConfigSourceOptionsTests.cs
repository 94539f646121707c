using System.ComponentModel.DataAnnotations;
using NkWatch.Core.Configuration;

namespace NkWatch.Core.Tests.Configuration;

public sealed class ConfigSourceOptionsTests
{
    private static List<ValidationResult> Validate(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void NoSourceMeansTheCopyShippedBesideTheApp()
    {
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "config", "feeds.json"), new FeedsOptions().Location());
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "config", "rules.json"), new RulesOptions { Source = "  " }.Location());
    }

    [Fact]
    public void ABlobUrlIsKeptAsGivenAndAFileBecomesAFullPath()
    {
        const string blob = "https://account.blob.core.windows.net/config/rules.json";
        Assert.Equal(blob, new RulesOptions { Source = blob }.Location());
        Assert.Equal(Path.GetFullPath("my/feeds.json"), new FeedsOptions { Source = "my/feeds.json" }.Location());
        Assert.Equal("/srv/nkwatch/feeds.json", new FeedsOptions { Source = "file:///srv/nkwatch/feeds.json" }.Location());
    }

    [Theory]
    [InlineData("ftp://example.org/feeds.json", "Feeds__Source must be a file path or an http(s) blob URL, not a ftp: address.")]
    [InlineData("mailto:ops@example.org", "Feeds__Source must be a file path or an http(s) blob URL, not a mailto: address.")]
    public void OtherSchemesAreRefusedNamingTheSetting(string source, string message) =>
        Assert.Equal(message, Assert.Single(Validate(new FeedsOptions { Source = source })).ErrorMessage);

    [Theory]
    [InlineData("https://account.blob.core.windows.net/config/rules.json?sv=2024-05-04&sig=abc")]
    [InlineData("https://account.blob.core.windows.net/config/rules.json#v2")]
    public void ABlobUrlWithAQueryIsRefusedSoNoSasTokenIsEverLogged(string source) =>
        Assert.Equal(
            "Rules__Source must be a blob URL without a query (no SAS token): the app reads it with its own identity.",
            Assert.Single(Validate(new RulesOptions { Source = source })).ErrorMessage);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(86_401)]
    public void TheRulesCheckIntervalMustBeASensibleNumberOfSeconds(double seconds) =>
        Assert.Equal("Rules__CheckSeconds must be a number of seconds from 1 to 86400.", Assert.Single(Validate(new RulesOptions { CheckSeconds = seconds })).ErrorMessage);

    [Fact]
    public void TheRulesAreLookedAtEveryThirtySecondsUnlessSaidOtherwise()
    {
        Assert.Empty(Validate(new RulesOptions()));
        Assert.Equal(TimeSpan.FromSeconds(30), new RulesOptions().CheckInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), new RulesOptions { CheckSeconds = 5 }.CheckInterval);
    }
}
