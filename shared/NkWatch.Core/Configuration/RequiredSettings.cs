namespace NkWatch.Core.Configuration;

/// <summary>One part's check of the settings it needs (the core checks the token key, the email adapter its sender).</summary>
public interface ISettingCheck
{
    IEnumerable<MissingSetting> Check();
}

/// <summary>
/// What the settings lack. In Azure the app starts before the operator has put the secrets into
/// Key Vault, so a missing secret does not stop the app: work that needs it asks here first and
/// fails alone, with a <see cref="MissingSettingException"/> that names the setting, and
/// <c>/api/health</c> lists what is missing.
/// </summary>
public sealed class RequiredSettings(IEnumerable<ISettingCheck> checks)
{
    public IReadOnlyList<MissingSetting> Missing => [.. checks.SelectMany(c => c.Check())];

    /// <summary>The first setting the work needs and lacks, or null when it can go ahead.</summary>
    public MissingSetting? FirstMissingFor(SecretWork work) => Missing.FirstOrDefault(m => (m.Blocks & work) != 0);

    /// <exception cref="MissingSettingException">The work needs a setting that is missing.</exception>
    public void Require(SecretWork work)
    {
        if (FirstMissingFor(work) is { } missing)
        {
            throw new MissingSettingException(missing);
        }
    }
}
