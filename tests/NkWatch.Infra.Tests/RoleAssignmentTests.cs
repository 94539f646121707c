using System.Text.Json;
using NkWatch.Infra.Tests.Support;

namespace NkWatch.Infra.Tests;

[Collection(CompiledTemplateGroup.Name)]
public sealed class RoleAssignmentTests(CompiledTemplateFixture compiled)
{
    // Built-in role definition ids, the same in every tenant.
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    [Fact]
    public void IdentityGetsTheDataRolesOnStorage()
    {
        var rbac = compiled.Template.ModuleTemplate("rbac");
        var roles = rbac.At("variables", "roles");
        var storageRoles = rbac.At("variables", "identityStorageRoles").EnumerateArray().Select(r => ResolveRole(roles, r.GetString()));

        Assert.Equal([StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor], storageRoles);

        var assignment = Assert.Single(IdentityAssignments(), a => a.Text("scope").Contains("Microsoft.Storage/storageAccounts", StringComparison.Ordinal));
        Assert.Equal("[length(variables('identityStorageRoles'))]", assignment.Text("copy", "count"));
        Assert.Equal("variables('identityStorageRoles')[copyIndex()]", RoleExpressionArgument(assignment.Text("properties", "roleDefinitionId")));
        Assert.Equal("ServicePrincipal", assignment.Text("properties", "principalType"));
    }

    [Theory]
    [InlineData(KeyVaultSecretsUser, "Microsoft.KeyVault/vaults")]
    [InlineData(MonitoringMetricsPublisher, "Microsoft.Insights/components")]
    public void IdentityGetsTheRoleOnExactlyThatResource(string roleId, string scopeType)
    {
        var roles = compiled.Template.ModuleTemplate("rbac").At("variables", "roles");

        var assignment = Assert.Single(IdentityAssignments(), a => a.Text("scope").Contains(scopeType, StringComparison.Ordinal));
        Assert.Equal(roleId, ResolveRole(roles, RoleExpressionArgument(assignment.Text("properties", "roleDefinitionId"))));
        Assert.Equal("ServicePrincipal", assignment.Text("properties", "principalType"));
    }

    [Fact]
    public void OperatorAssignmentsExistOnlyWhenAPrincipalIsGiven()
    {
        var operatorAssignments = compiled.Template.ResourcesOfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a.Text("properties", "principalId") == "[parameters('operatorPrincipalId')]")
            .ToList();

        Assert.Equal(2, operatorAssignments.Count);
        Assert.All(operatorAssignments, a => Assert.Equal("[variables('assignOperator')]", a.Text("condition")));
        Assert.Equal("", compiled.Template.Root.Text("parameters", "principalId", "defaultValue"));
    }

    private IEnumerable<JsonElement> IdentityAssignments() =>
        compiled.Template.ResourcesOfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a.Text("properties", "principalId") == "[parameters('identityPrincipalId')]");

    // roleDefinitionId compiles to "[subscriptionResourceId('...roleDefinitions', <argument>)]".
    private static string RoleExpressionArgument(string roleDefinitionId)
    {
        const string prefix = "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ";
        Assert.StartsWith(prefix, roleDefinitionId, StringComparison.Ordinal);
        return roleDefinitionId[prefix.Length..^2];
    }

    // "variables('roles').keyVaultSecretsUser", bracketed or not, names an entry of the roles table.
    private static string ResolveRole(JsonElement roles, string? expression)
    {
        const string prefix = "variables('roles').";
        var bare = expression?.Trim('[', ']') ?? "";
        Assert.StartsWith(prefix, bare, StringComparison.Ordinal);
        return roles.Text(bare[prefix.Length..]);
    }
}
