using System.ComponentModel.DataAnnotations;

namespace NkWatch.Email;

/// <summary>Settings of the <c>SendGrid</c> section; with no <c>ApiKey</c>, email goes to the outbox folder.</summary>
public sealed class SendGridOptions
{
    public const string Section = "SendGrid";

    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The API's base URL; tests and proxies point it elsewhere.</summary>
    [Required]
    public string BaseUrl { get; set; } = "https://api.sendgrid.com";

    [Required]
    public string From { get; set; } = "alerts@nkwatch.invalid";

    public string FromName { get; set; } = "NkWatch";

    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(ApiKey);
}
