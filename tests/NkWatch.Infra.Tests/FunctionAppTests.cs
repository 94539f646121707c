using System.Text.Json;
using NkWatch.Infra.Tests.Support;

namespace NkWatch.Infra.Tests;

[Collection(CompiledTemplateGroup.Name)]
public sealed class FunctionAppTests(CompiledTemplateFixture compiled)
{
    private JsonElement Site => compiled.Template.SingleOfType("Microsoft.Web/sites");

    [Fact]
    public void PlanIsFlexConsumptionOnLinux()
    {
        var plan = compiled.Template.SingleOfType("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.Text("sku", "name"));
        Assert.Equal("FlexConsumption", plan.Text("sku", "tier"));
        Assert.True(plan.At("properties", "reserved").GetBoolean());
        Assert.Equal("functionapp,linux", Site.Text("kind"));
    }

    [Fact]
    public void RuntimeIsDotnetIsolatedTenAsAString()
    {
        var runtime = Site.At("properties", "functionAppConfig", "runtime");

        Assert.Equal("dotnet-isolated", runtime.Text("name"));
        Assert.Equal(JsonValueKind.String, runtime.At("version").ValueKind);
        Assert.Equal("10.0", runtime.Text("version"));
    }

    [Fact]
    public void AppServesHttpsOnlyWithTls12()
    {
        var properties = Site.At("properties");

        Assert.True(properties.At("httpsOnly").GetBoolean());
        Assert.Equal("1.2", properties.Text("siteConfig", "minTlsVersion"));
        Assert.Equal("1.2", properties.Text("siteConfig", "scmMinTlsVersion"));
    }

    [Fact]
    public void FtpAndBasicAuthPublishingAreOff()
    {
        var policies = compiled.Template.ResourcesOfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal(2, policies.Count);
        Assert.Contains(policies, p => p.Text("name").EndsWith("'ftp')]", StringComparison.Ordinal));
        Assert.Contains(policies, p => p.Text("name").EndsWith("'scm')]", StringComparison.Ordinal));
        Assert.All(policies, p => Assert.False(p.At("properties", "allow").GetBoolean()));
        // Flex Consumption has no FTP endpoint and rejects siteConfig.ftpsState.
        Assert.Empty(compiled.Template.ValuesOfProperty("ftpsState"));
    }

    [Fact]
    public void DeploymentPackageIsReadFromBlobStorageAsTheUserAssignedIdentity()
    {
        var storage = Site.At("properties", "functionAppConfig", "deployment", "storage");

        Assert.Equal("blobContainer", storage.Text("type"));
        Assert.Equal("UserAssignedIdentity", storage.Text("authentication", "type"));
        Assert.Equal("[parameters('identityId')]", storage.Text("authentication", "userAssignedIdentityResourceId"));
    }

    [Fact]
    public void InstanceMemoryAndMaximumInstancesAreParameters()
    {
        var scale = Site.At("properties", "functionAppConfig", "scaleAndConcurrency");

        Assert.Equal("[parameters('instanceMemoryMB')]", scale.Text("instanceMemoryMB"));
        Assert.Equal("[parameters('maximumInstanceCount')]", scale.Text("maximumInstanceCount"));
        Assert.Equal(2048, compiled.Template.Root.At("parameters", "instanceMemoryMB", "defaultValue").GetInt32());
    }

    [Fact]
    public void AppRunsAsTheUserAssignedIdentityAndResolvesKeyVaultReferencesWithIt()
    {
        Assert.Equal("UserAssigned", Site.Text("identity", "type"));
        var identities = Site.At("identity", "userAssignedIdentities").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("parameters('identityId')", Assert.Single(identities), StringComparison.Ordinal);
        Assert.Equal("[parameters('identityId')]", Site.Text("properties", "keyVaultReferenceIdentity"));

        Assert.Contains("outputs.id.value", compiled.Template.ModuleParameter("functions", "identityId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void HostReachesStorageWithTheManagedIdentity()
    {
        Assert.Equal("managedidentity", SingleSetting("AzureWebJobsStorage__credential"));
        Assert.Equal("[parameters('identityClientId')]", SingleSetting("AzureWebJobsStorage__clientId"));
        Assert.Equal("[parameters('blobEndpoint')]", SingleSetting("AzureWebJobsStorage__blobServiceUri"));
        Assert.Equal("[parameters('queueEndpoint')]", SingleSetting("AzureWebJobsStorage__queueServiceUri"));
        Assert.Equal("[parameters('tableEndpoint')]", SingleSetting("AzureWebJobsStorage__tableServiceUri"));
    }

    [Fact]
    public void TelemetryIsSentWithEntraIdAuthentication()
    {
        var authentication = SingleSetting("APPLICATIONINSIGHTS_AUTHENTICATION_STRING");

        Assert.Contains("ClientId=", authentication, StringComparison.Ordinal);
        Assert.Contains("parameters('identityClientId')", authentication, StringComparison.Ordinal);
        Assert.Contains("Authorization=AAD", authentication, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SendGrid__ApiKey", "sendGridApiKey")]
    [InlineData("App__TokenKey", "tokenKey")]
    public void SecretsAreKeyVaultReferences(string setting, string secretName)
    {
        var value = SingleSetting(setting);

        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0}secrets/{1})'", value, StringComparison.Ordinal);
        Assert.Contains($"variables('secretNames').{secretName}", value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PollSchedule", "pollSchedule", "0 */15 * * * *")]
    [InlineData("DigestSchedule", "digestSchedule", "0 7-59/15 * * * *")]
    [InlineData("SendGrid__From", "sendGridFrom", "")]
    [InlineData("SendGrid__WebhookPublicKey", "sendGridWebhookPublicKey", "")]
    [InlineData("App__OperatorAddress", "operatorPostalAddress", "")]
    [InlineData("Feeds__Source", "feedsSource", "")]
    [InlineData("Rules__Source", "rulesSource", "")]
    [InlineData("ReliefWeb__AppName", "reliefWebAppName", "")]
    public void AppSettingComesFromItsParameter(string setting, string parameter, string defaultValue)
    {
        Assert.Equal($"[parameters('{parameter}')]", SingleSetting(setting));
        Assert.Equal(defaultValue, compiled.Template.Root.Text("parameters", parameter, "defaultValue"));
    }

    [Fact]
    public void AppSettingsResourceAppliesTheAppAndIdentitySettings()
    {
        var settings = SettingsResource();

        Assert.EndsWith("'appsettings')]", settings.Text("name"), StringComparison.Ordinal);
        Assert.StartsWith("[union(parameters('appSettings'), variables('identitySettings'), ", settings.Text("properties"), StringComparison.Ordinal);
    }

    [Fact]
    public void PublicBaseUrlDefaultsToTheAppsOwnHostName()
    {
        var value = SettingsResource().Text("properties");

        Assert.Contains("'App__PublicBaseUrl', if(empty(parameters('publicBaseUrl')), format('https://{0}', reference('site').defaultHostName)", value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    public void SettingsThatFlexConsumptionReplacesAreAbsent(string setting)
    {
        Assert.Empty(compiled.Template.ValuesOfProperty(setting));
    }

    [Fact]
    public void AppCarriesTheTagAzdDeploysTo()
    {
        Assert.Contains("'azd-service-name', 'functions'", Site.Text("tags"), StringComparison.Ordinal);
    }

    private JsonElement SettingsResource() => compiled.Template.SingleOfType("Microsoft.Web/sites/config");

    private string SingleSetting(string name) =>
        Assert.Single(compiled.Template.ValuesOfProperty(name)).GetString()
        ?? throw new InvalidOperationException($"{name} is null.");
}
