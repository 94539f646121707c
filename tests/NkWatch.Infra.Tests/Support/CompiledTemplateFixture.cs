namespace NkWatch.Infra.Tests.Support;

/// <summary>Builds infra/main.bicep once for all the tests that read the compiled template.</summary>
public sealed class CompiledTemplateFixture : IAsyncLifetime
{
    private CompiledTemplate? template;

    internal BicepResult Build { get; private set; } = new(-1, "", "");

    internal CompiledTemplate Template =>
        template ?? throw new InvalidOperationException($"bicep build failed: {Build.Describe()}");

    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunAsync("build", RepositoryRoot.Combine("infra", "main.bicep"), "--stdout");
        if (Build.ExitCode == 0)
        {
            template = CompiledTemplate.Parse(Build.StandardOutput);
        }
    }

    public Task DisposeAsync()
    {
        template?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class CompiledTemplateGroup : ICollectionFixture<CompiledTemplateFixture>
{
    public const string Name = "compiled template";
}
