namespace NkWatch.Core.Tests;

/// <summary>Files the tests read, copied beside the test assembly.</summary>
internal static class TestPaths
{
    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    public static string Config(string fileName) => Path.Combine(AppContext.BaseDirectory, "config", fileName);

    public static string Docs(string fileName) => Path.Combine(AppContext.BaseDirectory, "docs", fileName);
}
