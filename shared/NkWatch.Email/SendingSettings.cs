using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;

namespace NkWatch.Email;

/// <summary>
/// What sending needs: a SendGrid key that is a key, not the text of an unresolved Key Vault
/// reference, and a sender address. The Bicep template leaves <c>SendGrid__From</c> empty unless
/// the operator names a verified sender, and refers to a secret that may not exist yet.
/// </summary>
public sealed class SendingSettings(IOptions<SendGridOptions> options) : ISettingCheck
{
    public static IEnumerable<MissingSetting> Check(SendGridOptions settings)
    {
        if (SecretSetting.IsKeyVaultReference(settings.ApiKey))
        {
            yield return new MissingSetting("SendGrid__ApiKey", SecretSetting.UnresolvedProblem(settings.ApiKey), SecretWork.Sending);
        }

        if (string.IsNullOrWhiteSpace(settings.From))
        {
            yield return new MissingSetting("SendGrid__From", "is empty: set it to a sender address verified in SendGrid (parameter sendGridFrom, azd NKWATCH_SENDGRID_FROM)", SecretWork.Sending);
        }
    }

    /// <exception cref="MissingSettingException">Sending is not possible with these settings.</exception>
    public static void Require(SendGridOptions settings)
    {
        if (Check(settings).FirstOrDefault() is { } missing)
        {
            throw new MissingSettingException(missing);
        }
    }

    public IEnumerable<MissingSetting> Check() => Check(options.Value);
}
