namespace NkWatch.Cli.Hosting;

/// <summary>Where the command line finds its files when the user does not say.</summary>
internal static class LocalPaths
{
    public static string Feeds(string? option) => Resolve(option, "Feeds__Source", "feeds.json");

    public static string Rules(string? option) => Resolve(option, "Rules__Source", "rules.json");

    /// <summary>The data folder: --data, else NKWATCH_DATA, else a folder in the user's profile.</summary>
    public static string Data(string? option)
    {
        var chosen = option ?? Environment.GetEnvironmentVariable("NKWATCH_DATA");
        if (!string.IsNullOrWhiteSpace(chosen))
        {
            return Path.GetFullPath(chosen);
        }

        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        return Path.Combine(string.IsNullOrEmpty(root) ? Path.GetTempPath() : root, "nkwatch");
    }

    /// <summary>The option, else the setting, else ./config/NAME in a checkout, else the copy shipped with the program.</summary>
    private static string Resolve(string? option, string setting, string fileName)
    {
        var chosen = option ?? Environment.GetEnvironmentVariable(setting);
        if (!string.IsNullOrWhiteSpace(chosen))
        {
            return Path.GetFullPath(chosen);
        }

        var local = Path.GetFullPath(Path.Combine("config", fileName));
        return File.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, "config", fileName);
    }
}
