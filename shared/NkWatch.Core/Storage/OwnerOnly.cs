namespace NkWatch.Core.Storage;

/// <summary>
/// The data folder holds live tokens (in the outbox's emails), the token key and every address:
/// on Unix its folders are made 700 and its files 600, readable by their owner only.
/// </summary>
public static class OwnerOnly
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Creates the folder, the owner's only, when it does not exist. An existing folder keeps its
    /// mode: the person may have pointed <c>--data</c> at a folder shared with other things.
    /// </summary>
    public static void Folder(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, FolderMode);
        }
    }

    /// <summary>Makes existing files the owner's only; missing ones are skipped.</summary>
    public static void Files(params string[] paths)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var path in paths.Where(File.Exists))
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }

    /// <summary>A new file (replacing any), created with the owner-only mode from the start.</summary>
    public static FileStream Create(string path)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }
}
