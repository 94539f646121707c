using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;

namespace NkWatch.Core.Subscriptions;

public enum TokenPurpose
{
    Confirm,
    Preferences,
    Unsubscribe,

    /// <summary>The subscribe form's client cookie: which browser is asking (see <see cref="RateLimitKeys.ForClient"/>).</summary>
    Client,
}

/// <summary>
/// Signed tokens for links in emails: HMAC-SHA256 over purpose, subscriber id and expiry, so a
/// token works only for its subscriber and purpose, cannot be altered, and is compared in constant time.
/// Without a usable <c>App__TokenKey</c> both making and checking a token throw
/// <see cref="MissingSettingException"/>: the service itself still resolves, so nothing else fails.
/// </summary>
public sealed class TokenService(IOptions<AppOptions> options, TimeProvider clock)
{
    private readonly Lazy<byte[]> key = new(() => TokenKey.Bytes(options.Value.TokenKey), LazyThreadSafetyMode.PublicationOnly);

    public string Create(TokenPurpose purpose, string subscriberId, TimeSpan? lifetime = null)
    {
        var expires = lifetime is { } span ? clock.GetUtcNow().Add(span).ToUnixTimeSeconds() : 0;
        var payload = string.Create(CultureInfo.InvariantCulture, $"{(int)purpose}.{subscriberId}.{expires}");
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload)) + "." + Base64Url.EncodeToString(Sign(key.Value, payload));
    }

    /// <summary>The subscriber id the token was made for, or null if it is forged, altered, expired or for another purpose.</summary>
    public string? Validate(string? token, TokenPurpose purpose)
    {
        // Without a key no link can be checked, well-formed or not.
        var secret = key.Value;
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !TryFromBase64Url(token[..dot], out var payloadBytes) || !TryFromBase64Url(token[(dot + 1)..], out var signature))
        {
            return null;
        }

        var payload = Encoding.UTF8.GetString(payloadBytes);
        if (!CryptographicOperations.FixedTimeEquals(Sign(secret, payload), signature))
        {
            return null;
        }

        var parts = payload.Split('.');
        if (parts.Length != 3
            || parts[0] != ((int)purpose).ToString(CultureInfo.InvariantCulture)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }

        if (expires != 0 && clock.GetUtcNow().ToUnixTimeSeconds() > expires)
        {
            return null;
        }

        return parts[1];
    }

    private static byte[] Sign(byte[] secret, string payload) => HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(payload));

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        // The status form: TryDecodeFromChars throws on malformed text, and a forged token is ordinary input.
        bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (Base64Url.DecodeFromChars(text, bytes, out _, out var written) == OperationStatus.Done)
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}
