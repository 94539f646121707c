using System.Security.Cryptography;
using NkWatch.Core.Storage;

namespace NkWatch.Cli.Hosting;

/// <summary>
/// With no <c>App__TokenKey</c> set, the command line signs tokens with a key generated once and
/// kept in the data folder (readable by the user only), so links stay valid across runs.
/// </summary>
internal static class TokenKeyFile
{
    public static string LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "token.key");
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length >= 32)
            {
                return existing;
            }
        }

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        OwnerOnly.Folder(dataDirectory);
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(key);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }
}
