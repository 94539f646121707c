using NkWatch.Infra.Tests.Support;

namespace NkWatch.Infra.Tests;

[Collection(CompiledTemplateGroup.Name)]
public sealed class NoSharedSecretsTests(CompiledTemplateFixture compiled)
{
    [Theory]
    [InlineData("listKeys")]
    [InlineData("listAccountSas")]
    [InlineData("listServiceSas")]
    [InlineData("AccountKey")]
    [InlineData("DefaultEndpointsProtocol")]
    [InlineData("SharedAccessKey")]
    [InlineData("SharedAccessSignature")]
    public void TemplateNeverReadsOrWritesAKey(string forbidden)
    {
        Assert.DoesNotContain(forbidden, compiled.Template.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void OnlyConnectionStringIsApplicationInsightsWhichHoldsNoSecret()
    {
        // With local authentication off, the instrumentation key in Application Insights'
        // connection string admits nothing without an Entra token; no other connection string may exist.
        var offenders = compiled.Template.Words()
            .Where(w => w.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase)
                || w.Contains("CONNECTION_STRING", StringComparison.OrdinalIgnoreCase))
            .Where(w => !w.Contains("applicationInsights", StringComparison.OrdinalIgnoreCase)
                && !w.Contains("Microsoft.Insights/components", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void NoSecretLeavesTheDeploymentAsAnOutput()
    {
        var outputs = compiled.Template.Root.At("outputs").EnumerateObject().ToList();

        Assert.All(outputs, o => Assert.NotEqual("securestring", o.Value.Text("type")));
        Assert.DoesNotContain(outputs, o => o.Value.Text("value").Contains("sendGridApiKey", StringComparison.Ordinal)
            || o.Value.Text("value").Contains("tokenKey", StringComparison.Ordinal));
    }
}
