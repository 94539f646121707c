using System.Text;
using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;

namespace NkWatch.Core.Subscriptions;

/// <summary>
/// <c>App__TokenKey</c>, checked before anything is signed with it: an unresolved Key Vault
/// reference, an empty value or one shorter than <see cref="MinLength"/> characters signs nothing,
/// and the work that needs it (links, signup, digests) fails with the setting's name instead.
/// </summary>
public sealed class TokenKey(IOptions<AppOptions> options) : ISettingCheck
{
    public const string Setting = "App__TokenKey";
    public const int MinLength = 32;

    public static MissingSetting? Check(string? value)
    {
        string? problem = SecretSetting.IsKeyVaultReference(value) ? SecretSetting.UnresolvedProblem(value!)
            : string.IsNullOrWhiteSpace(value) ? "is not set: it signs the tokens of confirm, preferences and unsubscribe links"
            : value.Length < MinLength ? $"is shorter than {MinLength} characters"
            : null;
        return problem is null ? null : new MissingSetting(Setting, problem, SecretWork.Links);
    }

    /// <summary>The key's bytes, for the services that sign with it.</summary>
    /// <exception cref="MissingSettingException">The key is not usable.</exception>
    public static byte[] Bytes(string? value) =>
        Check(value) is { } missing ? throw new MissingSettingException(missing) : Encoding.UTF8.GetBytes(value!);

    public IEnumerable<MissingSetting> Check() => Check(options.Value.TokenKey) is { } missing ? [missing] : [];
}
