using System.ComponentModel.DataAnnotations;

namespace NkWatch.Core.Configuration;

/// <summary>Settings of the <c>App</c> section (<c>App__PublicBaseUrl</c>, <c>App__TokenKey</c>, ...).</summary>
public sealed class AppOptions : IValidatableObject
{
    public const string Section = "App";

    /// <summary>Where <c>nkwatch serve</c> listens unless told otherwise, and so the links' default base.</summary>
    public const string LocalBaseUrl = "http://localhost:5080";

    /// <summary>Base of the links in emails (confirm, preferences, unsubscribe, archive).</summary>
    [Required]
    public string PublicBaseUrl { get; set; } = LocalBaseUrl;

    /// <summary>
    /// The secret that signs tokens; at least 32 characters. Not checked at start: the app runs
    /// before the secret is in Key Vault, and <see cref="Subscriptions.TokenKey"/> refuses the
    /// work that needs it.
    /// </summary>
    public string TokenKey { get; set; } = string.Empty;

    /// <summary>The operator's name and postal address for the email footer.</summary>
    public string OperatorAddress { get; set; } = string.Empty;

    public string ProductName { get; set; } = "NkWatch";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult("App__PublicBaseUrl must be an absolute http or https URL.", [nameof(PublicBaseUrl)]);
        }
    }
}
