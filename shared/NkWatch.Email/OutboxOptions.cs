namespace NkWatch.Email;

/// <summary>Where the outbox is (<c>Outbox__Directory</c>): the folder emails are written to when no SendGrid key is set.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Empty means a folder in the system's temporary folder; the command line sets its data folder's.</summary>
    public string Directory { get; set; } = string.Empty;

    public string Folder() => string.IsNullOrWhiteSpace(Directory)
        ? Path.Combine(Path.GetTempPath(), "nkwatch-outbox")
        : Path.GetFullPath(Directory);
}
