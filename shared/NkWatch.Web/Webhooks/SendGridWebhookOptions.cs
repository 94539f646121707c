using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;

namespace NkWatch.Web.Webhooks;

/// <summary>
/// The event webhook's settings in the <c>SendGrid</c> section: <c>SendGrid__WebhookPublicKey</c>
/// is the verification key SendGrid shows when signed event webhooks are turned on (base64 of an
/// ECDSA P-256 public key). Without it the webhook refuses every request.
/// </summary>
public sealed class SendGridWebhookOptions : IValidatableObject
{
    public const string Section = "SendGrid";

    public string WebhookPublicKey { get; set; } = string.Empty;

    /// <summary>How far a request's signed timestamp may be from now, either way.</summary>
    [Range(30, 3600)]
    public int WebhookToleranceSeconds { get; set; } = 300;

    public bool Configured => !string.IsNullOrWhiteSpace(WebhookPublicKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Configured)
        {
            yield break;
        }

        if (SendGridSignature.TryImportKey(WebhookPublicKey, out var key))
        {
            key.Dispose();
        }
        else
        {
            yield return new ValidationResult("SendGrid__WebhookPublicKey is not a base64 ECDSA public key", [nameof(WebhookPublicKey)]);
        }
    }
}
