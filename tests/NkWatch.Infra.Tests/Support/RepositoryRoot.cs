namespace NkWatch.Infra.Tests.Support;

/// <summary>The checkout the tests run in, found from the test assembly's folder upwards.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) =>
        System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "infra", "main.bicep")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No infra/main.bicep above {AppContext.BaseDirectory}: the tests must run inside the repository.");
    }
}
