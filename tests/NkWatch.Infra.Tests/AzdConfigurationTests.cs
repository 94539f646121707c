using System.Text.Json;
using NkWatch.Infra.Tests.Support;

namespace NkWatch.Infra.Tests;

[Collection(CompiledTemplateGroup.Name)]
public sealed class AzdConfigurationTests(CompiledTemplateFixture compiled)
{
    private static readonly IReadOnlyDictionary<string, string> AzureYaml =
        SimpleYaml.Flatten(File.ReadAllText(RepositoryRoot.Combine("azure.yaml")));

    [Fact]
    public void AzureYamlDeploysTheFunctionProjectAsAFunctionsService()
    {
        Assert.Equal("./functions/NkWatch.Functions", AzureYaml["services.functions.project"]);
        Assert.Equal("dotnet", AzureYaml["services.functions.language"]);
        Assert.Equal("function", AzureYaml["services.functions.host"]);
        Assert.Equal("infra", AzureYaml["infra.path"]);
        Assert.Equal("main", AzureYaml["infra.module"]);
    }

    [Fact]
    public void AzureYamlProjectPathHoldsTheFunctionProject()
    {
        var project = RepositoryRoot.Combine(AzureYaml["services.functions.project"].Split('/'));
        Assert.True(File.Exists(Path.Combine(project, "NkWatch.Functions.csproj")), $"No NkWatch.Functions.csproj in {project}.");
    }

    [Fact]
    public void ParametersFileNamesOnlyTemplateParametersAndEveryRequiredOne()
    {
        using var file = ParametersFile();
        var given = file.RootElement.At("parameters").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var declared = compiled.Template.Root.At("parameters").EnumerateObject().ToList();

        Assert.Subset(declared.Select(p => p.Name).ToHashSet(StringComparer.Ordinal), given);
        Assert.All(
            declared.Where(p => !p.Value.TryGetProperty("defaultValue", out _)),
            p => Assert.Contains(p.Name, given));
    }

    [Theory]
    [InlineData("environmentName", "${AZURE_ENV_NAME}")]
    [InlineData("location", "${AZURE_LOCATION}")]
    [InlineData("principalId", "${AZURE_PRINCIPAL_ID}")]
    public void ParametersFileTakesAzdsEnvironmentValues(string parameter, string placeholder)
    {
        using var file = ParametersFile();

        Assert.Equal(placeholder, file.RootElement.Text("parameters", parameter, "value"));
    }

    [Fact]
    public void ParametersFileCarriesNoSecret()
    {
        using var file = ParametersFile();
        var secure = compiled.Template.Root.At("parameters").EnumerateObject()
            .Where(p => p.Value.Text("type") == "securestring")
            .Select(p => p.Name);

        Assert.All(secure, name => Assert.False(file.RootElement.At("parameters").TryGetProperty(name, out _)));
    }

    private static JsonDocument ParametersFile() =>
        JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("infra", "main.parameters.json")));
}
