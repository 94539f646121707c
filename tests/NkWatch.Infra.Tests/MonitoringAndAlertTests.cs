using System.Text.Json;
using NkWatch.Infra.Tests.Support;

namespace NkWatch.Infra.Tests;

[Collection(CompiledTemplateGroup.Name)]
public sealed class MonitoringAndAlertTests(CompiledTemplateFixture compiled)
{
    [Fact]
    public void ApplicationInsightsAcceptsOnlyEntraIdAndStoresInLogAnalytics()
    {
        var properties = compiled.Template.SingleOfType("Microsoft.Insights/components").At("properties");

        Assert.True(properties.At("DisableLocalAuth").GetBoolean());
        Assert.Equal("LogAnalytics", properties.Text("IngestionMode"));
        Assert.Contains("Microsoft.OperationalInsights/workspaces", properties.Text("WorkspaceResourceId"), StringComparison.Ordinal);

        var workspace = compiled.Template.SingleOfType("Microsoft.OperationalInsights/workspaces");
        Assert.True(workspace.At("properties", "features", "disableLocalAuth").GetBoolean());
    }

    [Fact]
    public void ActionGroupEmailsTheOperator()
    {
        var group = compiled.Template.SingleOfType("Microsoft.Insights/actionGroups");
        var receiver = Assert.Single(group.At("properties", "emailReceivers").EnumerateArray());

        Assert.Equal("[parameters('alertEmail')]", receiver.Text("emailAddress"));
        Assert.False(compiled.Template.Root.At("parameters", "alertEmail").TryGetProperty("defaultValue", out _));
    }

    [Theory]
    [InlineData("Message has reached MaxDequeueCount")]
    [InlineData("Feed poll failed")]
    public void LogAlertWatchesForTheMessage(string logged)
    {
        var rule = RuleWhoseQueryContains(logged);

        Assert.Equal("LogAlert", rule.Text("kind"));
        Assert.True(rule.At("properties", "enabled").GetBoolean());
        Assert.Contains("Microsoft.Insights/actionGroups", rule.At("properties", "actions", "actionGroups")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("[parameters('applicationInsightsId')]", rule.At("properties", "scopes")[0].GetString());
    }

    [Fact]
    public void FeedFailureAlertCountsDistinctFeeds()
    {
        var criterion = RuleWhoseQueryContains("Feed poll failed").At("properties", "criteria", "allOf")[0];

        Assert.Contains("by FeedId", Query(criterion), StringComparison.Ordinal);
        Assert.Equal("[parameters('failingFeedsThreshold')]", criterion.Text("threshold"));
    }

    private JsonElement RuleWhoseQueryContains(string text) =>
        compiled.Template.ResourcesOfType("Microsoft.Insights/scheduledQueryRules")
            .Single(r => Query(r.At("properties", "criteria", "allOf")[0]).Contains(text, StringComparison.Ordinal));

    // The queries live in .kql files that loadTextContent turns into variables of the alerts module.
    private string Query(JsonElement criterion)
    {
        var expression = criterion.Text("query");
        var variable = expression.TrimStart('[').Replace("variables('", "", StringComparison.Ordinal).Split('\'')[0];
        return compiled.Template.ModuleTemplate("alerts").Text("variables", variable);
    }
}
