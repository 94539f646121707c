using NkWatch.Infra.Tests.Support;

namespace NkWatch.Infra.Tests;

[Collection(CompiledTemplateGroup.Name)]
public sealed class BicepBuildTests(CompiledTemplateFixture compiled)
{
    [Fact]
    public void BicepCliComesFromItsNuGetPackage()
    {
        Assert.Contains("azure.bicep.commandline.linux-x64", BicepCli.ExecutablePath, StringComparison.OrdinalIgnoreCase);
        Assert.True(File.Exists(BicepCli.ExecutablePath));
    }

    [Fact]
    public void MainTemplateBuildsWithoutWarnings()
    {
        Assert.True(compiled.Build.ExitCode == 0, compiled.Build.Describe());
        Assert.True(string.IsNullOrWhiteSpace(compiled.Build.StandardError), compiled.Build.Describe());
        Assert.StartsWith("{", compiled.Build.StandardOutput.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MainTemplateAndItsModulesLintWithoutFindings()
    {
        var lint = await BicepCli.RunAsync("lint", RepositoryRoot.Combine("infra", "main.bicep"));

        Assert.True(lint.ExitCode == 0, lint.Describe());
        Assert.True(string.IsNullOrWhiteSpace(lint.StandardOutput + lint.StandardError), lint.Describe());
    }

    [Fact]
    public void TemplateDeploysAtSubscriptionScopeAndCreatesATaggedResourceGroup()
    {
        var root = compiled.Template.Root;
        Assert.Contains("subscriptionDeploymentTemplate", root.Text("$schema"), StringComparison.Ordinal);

        var group = compiled.Template.SingleOfType("Microsoft.Resources/resourceGroups");
        Assert.Equal("[variables('tags')]", group.Text("tags"));
        Assert.Equal("[parameters('environmentName')]", root.Text("variables", "tags", "azd-env-name"));
    }

    [Fact]
    public void EveryModuleIsALocalFile()
    {
        var modules = compiled.Template.ResourcesOfType("Microsoft.Resources/deployments").ToList();

        Assert.NotEmpty(modules);
        Assert.All(modules, m => Assert.True(
            m.At("properties").TryGetProperty("template", out _),
            $"Module {m.Text("name")} is not compiled in: only local modules compile offline."));
    }
}
