namespace NkWatch.Cli.Hosting;

/// <summary>Where the command line finds its files when the user does not say.</summary>
internal static class LocalPaths
{
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

    /// <summary>./config/NAME when the command runs in a checkout (edits there take effect); null elsewhere, for the copy shipped with the program.</summary>
    public static string? CheckoutCopy(string fileName)
    {
        var local = Path.GetFullPath(Path.Combine("config", fileName));
        return File.Exists(local) ? local : null;
    }
}
