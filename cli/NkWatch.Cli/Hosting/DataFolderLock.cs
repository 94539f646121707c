using NkWatch.Core.Storage;

namespace NkWatch.Cli.Hosting;

/// <summary>
/// An exclusive lock on a data folder's <c>run.lock</c> for as long as a <c>run</c> lives. The
/// operating system lets it go when the process dies, however it dies, so whoever holds it knows
/// that no other <c>run</c> is sending from this folder: the claims it finds were left by a crash.
/// </summary>
internal sealed class DataFolderLock : IDisposable
{
    private readonly FileStream file;

    private DataFolderLock(FileStream file) => this.file = file;

    /// <summary>The lock, or null while another process holds it.</summary>
    public static DataFolderLock? TryAcquire(string dataDirectory)
    {
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly.FileMode;
            }

            return new DataFolderLock(new FileStream(Path.Combine(dataDirectory, "run.lock"), options));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => file.Dispose();
}
