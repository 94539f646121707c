using System.Reflection;
using NkWatch.Core.Messaging;
using NkWatch.Infra.Tests.Support;
using NkWatch.Storage.Azure;

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
        // The names the app uses, read from its own constants, so the template cannot drift from them.
        string[] work = [.. Constants(typeof(QueueNames))];
        string[] expected = [.. work, .. work.Select(q => q + "-poison")];

        Assert.Equal(expected.Order(), compiled.Template.Root.At("variables", "queues").EnumerateArray().Select(q => q.GetString()!).Order());
        Assert.Equal("[variables('queues')]", compiled.Template.ModuleParameter("storage", "queues").GetString());
        Assert.Single(compiled.Template.ResourcesOfType("Microsoft.Storage/storageAccounts/queueServices/queues"));
    }

    [Fact]
    public void EveryTableTheAppUsesIsCreated()
    {
        var expected = Constants(typeof(TableNames)).Order();

        Assert.Equal(expected, compiled.Template.Root.At("variables", "tables").EnumerateArray().Select(t => t.GetString()!).Order());
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

    private static IEnumerable<string> Constants(Type names) =>
        names.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);
}
