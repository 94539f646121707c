using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace NkWatch.Web.Webhooks;

/// <summary>What a signature check found.</summary>
public enum SignatureCheck
{
    Valid,
    NotConfigured,
    Missing,
    Stale,
    Invalid,
}

/// <summary>
/// Checks SendGrid's signed event webhook: ECDSA P-256 with SHA-256 over the timestamp header
/// followed by the raw body, the signature DER-encoded and base64. The SendGrid package's own
/// validator throws on malformed input and is slow (see LIBRARY-NOTES); this never throws, and
/// refuses timestamps outside the tolerance so a captured request cannot be replayed later.
/// </summary>
public sealed class SendGridSignature : IDisposable
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    private readonly ECDsa? key;
    private readonly TimeSpan tolerance;
    private readonly TimeProvider clock;

    public SendGridSignature(IOptions<SendGridWebhookOptions> options, TimeProvider clock)
    {
        this.clock = clock;
        tolerance = TimeSpan.FromSeconds(options.Value.WebhookToleranceSeconds);
        key = options.Value.Configured && TryImportKey(options.Value.WebhookPublicKey, out var imported) ? imported : null;
    }

    public SignatureCheck Check(string? signature, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (key is null)
        {
            return SignatureCheck.NotConfigured;
        }

        if (string.IsNullOrWhiteSpace(signature) || string.IsNullOrWhiteSpace(timestamp))
        {
            return SignatureCheck.Missing;
        }

        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return SignatureCheck.Invalid;
        }

        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > tolerance)
        {
            return SignatureCheck.Stale;
        }

        var signatureBytes = new byte[signature.Length];
        if (signature.Length > 512 || !Convert.TryFromBase64String(signature.Trim(), signatureBytes, out var written))
        {
            return SignatureCheck.Invalid;
        }

        var signed = new byte[Encoding.ASCII.GetByteCount(timestamp) + body.Length];
        var prefix = Encoding.ASCII.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(prefix));
        try
        {
            return key.VerifyData(signed, signatureBytes.AsSpan(0, written), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
                ? SignatureCheck.Valid
                : SignatureCheck.Invalid;
        }
        catch (CryptographicException)
        {
            return SignatureCheck.Invalid;
        }
    }

    /// <summary>Imports the base64 SubjectPublicKeyInfo SendGrid shows (PEM armour is tolerated).</summary>
    public static bool TryImportKey(string text, [NotNullWhen(true)] out ECDsa? key)
    {
        key = null;
        var base64 = string.Concat(text.Split('\n').Where(line => !line.StartsWith("-----", StringComparison.Ordinal)).Select(line => line.Trim()));
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return false;
        }

        var candidate = ECDsa.Create();
        try
        {
            candidate.ImportSubjectPublicKeyInfo(bytes.AsSpan(0, written), out _);
            key = candidate;
            return true;
        }
        catch (CryptographicException)
        {
            candidate.Dispose();
            return false;
        }
    }

    public void Dispose() => key?.Dispose();
}
