using System.Text.Json;
using NkWatch.Infra.Tests.Support;

namespace NkWatch.Infra.Tests;

/// <summary>docs/deploy.md lists every parameter and output; these tests keep it from drifting.</summary>
[Collection(CompiledTemplateGroup.Name)]
public sealed class DeployGuideTests(CompiledTemplateFixture compiled)
{
    private static readonly string Guide = File.ReadAllText(RepositoryRoot.Combine("docs", "deploy.md"));

    [Fact]
    public void GuideDocumentsExactlyTheTemplatesParameters()
    {
        var documented = MarkdownTable.FirstColumnNames(Guide, "## Parameters").Order(StringComparer.Ordinal);
        var declared = compiled.Template.Root.At("parameters").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(declared, documented);
    }

    [Fact]
    public void GuideDocumentsExactlyTheTemplatesOutputs()
    {
        var documented = MarkdownTable.FirstColumnNames(Guide, "## Outputs").Order(StringComparer.Ordinal);
        var declared = compiled.Template.Root.At("outputs").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(declared, documented);
    }

    [Theory]
    [InlineData("az deployment sub create")]
    [InlineData("azd up")]
    [InlineData("az keyvault secret set")]
    [InlineData("openssl rand -base64 48")]
    [InlineData("/api/sendgrid/events")]
    public void GuideShowsTheStep(string step)
    {
        Assert.Contains(step, Guide, StringComparison.Ordinal);
    }

    [Fact]
    public void GuideDocumentsEveryHostJsonSetting()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")));

        Assert.All(LeafPaths(host.RootElement, ""), path => Assert.Contains($"`{path}`", Guide, StringComparison.Ordinal));
    }

    private static IEnumerable<string> LeafPaths(JsonElement element, string prefix) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().SelectMany(p => LeafPaths(p.Value, prefix.Length == 0 ? p.Name : $"{prefix}.{p.Name}"))
            : [prefix];
}
