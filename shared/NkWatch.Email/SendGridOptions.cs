using System.ComponentModel.DataAnnotations;

namespace NkWatch.Email;

/// <summary>
/// Settings of the <c>SendGrid</c> section; with no <c>ApiKey</c>, email goes to the outbox folder.
/// The key and the sender are not checked at start (the app runs before the operator has put the
/// key into Key Vault and chosen a sender): <see cref="SendingSettings"/> refuses the sends instead.
/// </summary>
public sealed class SendGridOptions
{
    public const string Section = "SendGrid";

    /// <summary>
    /// An unresolved Key Vault reference counts as set: the deployment meant SendGrid, so email is
    /// refused until the secret is there, never written to an outbox no one reads.
    /// </summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The API's base URL; tests and proxies point it elsewhere.</summary>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "https://api.sendgrid.com";

    public string From { get; set; } = "alerts@nkwatch.invalid";

    public string FromName { get; set; } = "NkWatch";

    /// <summary>One request's limit; a request that hangs longer is abandoned and retried.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Requests per send, the first included (429, 5xx and timeouts are retried).</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first backoff; each retry doubles it (with jitter), up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    [Range(1, 60_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 1000;

    [Range(1, 300)]
    public int MaxRetryDelaySeconds { get; set; } = 30;

    /// <summary>
    /// All attempts of one send together stay within this, so a send never outlives the digest's
    /// claim (half of <c>Digests__ClaimLeaseMinutes</c>). A longer Retry-After ends the send as
    /// "retry later" and the queue brings it back.
    /// </summary>
    [Range(1, 3600)]
    public int RetryBudgetSeconds { get; set; } = 240;

    public bool Enabled => !string.IsNullOrWhiteSpace(ApiKey);
}
