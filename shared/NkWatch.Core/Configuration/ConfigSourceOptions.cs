using System.ComponentModel.DataAnnotations;

namespace NkWatch.Core.Configuration;

/// <summary>
/// Where a configuration document comes from (<c>Feeds__Source</c>, <c>Rules__Source</c>): a file
/// path, a blob URL of the app's storage account, or nothing for the copy shipped in the app's
/// <c>config/</c> folder.
/// </summary>
public abstract class ConfigSourceOptions : IValidatableObject
{
    public string Source { get; set; } = string.Empty;

    /// <summary>The file shipped in the app's <c>config/</c> folder, used when no source is set.</summary>
    protected abstract string ShippedFileName { get; }

    protected abstract string SettingName { get; }

    /// <summary>Whether the source is a blob URL rather than a file.</summary>
    public bool IsBlob => Uri.TryCreate(Source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    /// <summary>The source as the document readers take it: a blob URL as given, a file as a full path.</summary>
    public string Location()
    {
        if (string.IsNullOrWhiteSpace(Source))
        {
            return Path.Combine(AppContext.BaseDirectory, "config", ShippedFileName);
        }

        if (IsBlob)
        {
            return Source;
        }

        return Path.GetFullPath(Uri.TryCreate(Source, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : Source);
    }

    public virtual IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Source))
        {
            yield break;
        }

        if (Uri.TryCreate(Source, UriKind.Absolute, out var uri) && !uri.IsFile && uri.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult($"{SettingName} must be a file path or an http(s) blob URL, not a {uri.Scheme}: address.", [nameof(Source)]);
        }
        else if (uri is { IsFile: false } && (uri.Query.Length > 0 || uri.Fragment.Length > 0))
        {
            // The app reads blobs with its own identity: a SAS token is never needed, and the source is logged.
            yield return new ValidationResult($"{SettingName} must be a blob URL without a query (no SAS token): the app reads it with its own identity.", [nameof(Source)]);
        }
        else if (Source.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            yield return new ValidationResult($"{SettingName} holds characters no file path can have.", [nameof(Source)]);
        }
    }
}

/// <summary>The feed catalogue's source (<c>Feeds__Source</c>).</summary>
public sealed class FeedsOptions : ConfigSourceOptions
{
    public const string Section = "Feeds";

    protected override string ShippedFileName => "feeds.json";

    protected override string SettingName => "Feeds__Source";
}

/// <summary>The rules' source (<c>Rules__Source</c>) and how often it is looked at for changes (<c>Rules__CheckSeconds</c>).</summary>
public sealed class RulesOptions : ConfigSourceOptions
{
    public const string Section = "Rules";

    /// <summary>Seconds between looks at the source; a changed source is read, checked and put in force.</summary>
    [Range(1, 86_400, ErrorMessage = "Rules__CheckSeconds must be a number of seconds from 1 to 86400.")]
    public double CheckSeconds { get; set; } = 30;

    public TimeSpan CheckInterval => TimeSpan.FromSeconds(CheckSeconds);

    protected override string ShippedFileName => "rules.json";

    protected override string SettingName => "Rules__Source";
}
