using System.Text.Json;
using System.Text.RegularExpressions;
using NkWatch.Infra.Tests.Support;

namespace NkWatch.Infra.Tests;

/// <summary>docs/deploy.md lists every parameter and output; these tests keep it, and the README's deploy section, from drifting.</summary>
[Collection(CompiledTemplateGroup.Name)]
public sealed partial class DeployGuideTests(CompiledTemplateFixture compiled)
{
    private static readonly string Guide = File.ReadAllText(RepositoryRoot.Combine("docs", "deploy.md"));
    private static readonly string ReadmeDeploy = Section(File.ReadAllText(RepositoryRoot.Combine("README.md")), "## Deploy to Azure");

    public static TheoryData<string> Documents() => ["guide", "readme"];

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
    [InlineData("az keyvault secret set --vault-name \"$KV\" --name app-token-key --file token.key")]
    [InlineData("az keyvault secret set --vault-name \"$KV\" --name sendgrid-api-key --file sendgrid.key")]
    [InlineData("azd env get-value AZURE_RESOURCE_GROUP")]
    [InlineData("azd env get-value AZURE_FUNCTION_APP_NAME")]
    [InlineData("func azure functionapp publish \"$APP\"")]
    [InlineData("az functionapp list-flexconsumption-runtimes --location swedencentral --runtime dotnet-isolated --query \"[].version\" -o tsv")]
    [InlineData("/config/configreferences/appsettings/refresh?api-version=2022-03-01")]
    [InlineData("az functionapp restart -g \"$RG\" -n \"$APP\"")]
    public void GuideShowsTheStep(string step)
    {
        Assert.Contains(step, Guide, StringComparison.Ordinal);
    }

    /// <summary>azd users get the template's own output names: every name read from azd's environment or the deployment is an output.</summary>
    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryOutputReadIsOneTheTemplateDefines(string document)
    {
        var text = Text(document);
        var outputs = compiled.Template.Root.At("outputs").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        var read = OutputReads().Matches(text).Select(m => m.Groups["name"].Value).ToList();

        Assert.NotEmpty(read);
        Assert.All(read, name => Assert.Contains(name, outputs));
    }

    /// <summary>A secret on the command line shows in the process list and the shell history: every secret is set from a file.</summary>
    [Theory]
    [MemberData(nameof(Documents))]
    public void EverySecretIsSetFromAFile(string document)
    {
        var sets = Text(document).Split('\n').Where(l => l.TrimStart().StartsWith("az keyvault secret set", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, sets.Count(l => l.Contains("--name app-token-key", StringComparison.Ordinal) || l.Contains("--name sendgrid-api-key", StringComparison.Ordinal)));
        Assert.All(sets, l => Assert.Contains(" --file ", l, StringComparison.Ordinal));
        Assert.All(sets, l => Assert.DoesNotContain("--value", l, StringComparison.Ordinal));
    }

    /// <summary>Flex Consumption does not support zip deployment; the guides publish with Core Tools or azd.</summary>
    [Theory]
    [MemberData(nameof(Documents))]
    public void NoGuideZipDeploys(string document)
    {
        var text = Text(document);

        Assert.DoesNotContain("deployment source config-zip", text, StringComparison.Ordinal);
        Assert.Contains("func azure functionapp publish", text, StringComparison.Ordinal);
    }

    /// <summary>The service principal section names every role the template assigns (rbac.bicep's role table).</summary>
    [Fact]
    public void TheServicePrincipalSectionNamesEveryRoleTheTemplateAssigns()
    {
        var section = Words(Section(Guide, "## Deploying with a service principal"));
        var roles = compiled.Template.ModuleTemplate("rbac").At("variables", "roles").EnumerateObject().Select(r => RoleName(r.Name)).ToList();

        Assert.Contains("Key Vault Secrets Officer", roles);
        Assert.All(roles, role => Assert.Contains(role, section, StringComparison.Ordinal));
        Assert.Contains("AZURE_PRINCIPAL_TYPE ServicePrincipal", section, StringComparison.Ordinal);
    }

    [Fact]
    public void TheGuideDescribesTheAppBeforeTheSecretsExist()
    {
        var section = Words(Section(Guide, "## Before the secrets are set"));

        Assert.Contains("App__TokenKey is an unresolved Key Vault reference: put the secret app-token-key into the vault", section, StringComparison.Ordinal);
        Assert.Contains("\"missingSettings\"", section, StringComparison.Ordinal);
        Assert.Contains("digests-poison", section, StringComparison.Ordinal);
    }

    [Fact]
    public void GuideDocumentsEveryHostJsonSetting()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")));

        Assert.All(LeafPaths(host.RootElement, ""), path => Assert.Contains($"`{path}`", Guide, StringComparison.Ordinal));
    }

    private static string Text(string document) => document == "guide" ? Guide : ReadmeDeploy;

    /// <summary>From the heading to the next heading of the same level.</summary>
    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {heading}");
        var end = markdown.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }

    /// <summary>The text with its line breaks and indents as single spaces, as a reader sees it.</summary>
    private static string Words(string markdown) => Whitespace().Replace(markdown, " ");

    /// <summary>"keyVaultSecretsOfficer" to "Key Vault Secrets Officer", the built-in role's display name.</summary>
    private static string RoleName(string variable) =>
        string.Join(' ', CamelWords().Matches(variable).Select(m => char.ToUpperInvariant(m.Value[0]) + m.Value[1..]));

    [GeneratedRegex(@"(?:azd env get-value |properties\.outputs\.)(?<name>[A-Z][A-Z0-9_]+)")]
    private static partial Regex OutputReads();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[a-z]+|[A-Z][a-z]*")]
    private static partial Regex CamelWords();

    private static IEnumerable<string> LeafPaths(JsonElement element, string prefix) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().SelectMany(p => LeafPaths(p.Value, prefix.Length == 0 ? p.Name : $"{prefix}.{p.Name}"))
            : [prefix];
}
