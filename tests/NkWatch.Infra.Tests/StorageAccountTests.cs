using NkWatch.Infra.Tests.Support;

namespace NkWatch.Infra.Tests;

[Collection(CompiledTemplateGroup.Name)]
public sealed class StorageAccountTests(CompiledTemplateFixture compiled)
{
    [Fact]
    public void StorageAccountAcceptsOnlyEntraIdOverTls12Https()
    {
        var properties = compiled.Template.SingleOfType("Microsoft.Storage/storageAccounts").At("properties");

        Assert.False(properties.At("allowSharedKeyAccess").GetBoolean());
        Assert.True(properties.At("defaultToOAuthAuthentication").GetBoolean());
        Assert.Equal("TLS1_2", properties.Text("minimumTlsVersion"));
        Assert.True(properties.At("supportsHttpsTrafficOnly").GetBoolean());
    }

    [Fact]
    public void NoBlobOrContainerIsPublic()
    {
        var properties = compiled.Template.SingleOfType("Microsoft.Storage/storageAccounts").At("properties");
        Assert.False(properties.At("allowBlobPublicAccess").GetBoolean());

        var container = compiled.Template.SingleOfType("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Equal("None", container.Text("properties", "publicAccess"));
    }

    [Fact]
    public void EveryWorkQueueAndItsPoisonQueueIsCreated()
    {
        string[] expected =
        [
            "feed-poll", "matches", "digests",
            "feed-poll-poison", "matches-poison", "digests-poison",
        ];

        Assert.Equal(expected, compiled.Template.Root.At("variables", "queues").EnumerateArray().Select(q => q.GetString()));
        Assert.Equal("[variables('queues')]", compiled.Template.ModuleParameter("storage", "queues").GetString());
        Assert.Single(compiled.Template.ResourcesOfType("Microsoft.Storage/storageAccounts/queueServices/queues"));
    }

    [Fact]
    public void EveryTableTheAppUsesIsCreated()
    {
        string[] expected = ["feedstate", "items", "matches", "stories", "subscribers", "digestlog", "ratelimits", "webhookevents"];

        Assert.Equal(expected, compiled.Template.Root.At("variables", "tables").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("[variables('tables')]", compiled.Template.ModuleParameter("storage", "tables").GetString());
        Assert.Single(compiled.Template.ResourcesOfType("Microsoft.Storage/storageAccounts/tableServices/tables"));
    }

    [Fact]
    public void DeploymentPackageAndConfigContainersAreCreated()
    {
        var variables = compiled.Template.Root.At("variables");
        Assert.Equal("config", variables.Text("configContainerName"));

        var containers = compiled.Template.ModuleParameter("storage", "containers").EnumerateArray().Select(c => c.GetString());
        Assert.Equal(["[variables('deploymentContainerName')]", "[variables('configContainerName')]"], containers);
        Assert.Equal(
            "[variables('deploymentContainerName')]",
            compiled.Template.ModuleParameter("functions", "deploymentContainerName").GetString());
    }
}
