using System.Text.RegularExpressions;

namespace NkWatch.Core.Configuration;

/// <summary>
/// Settings that hold secrets reach the app in Azure as Key Vault references. When App Service
/// cannot resolve one (the secret is not in the vault yet, or the identity may not read it), it
/// hands the app the reference text itself, <c>@Microsoft.KeyVault(...)</c>, as the value: such a
/// value is a missing secret, never a key.
/// </summary>
public static partial class SecretSetting
{
    public const string KeyVaultReferencePrefix = "@Microsoft.KeyVault(";

    public static bool IsKeyVaultReference(string? value) =>
        value is not null && value.TrimStart().StartsWith(KeyVaultReferencePrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>What to tell the operator about an unresolved reference: which secret to put into the vault.</summary>
    public static string UnresolvedProblem(string reference) =>
        $"is an unresolved Key Vault reference: put the secret {SecretName(reference) ?? "it names"} into the vault (docs/deploy.md, \"Set the secrets\")";

    /// <summary>The secret a reference names (<c>SecretUri=.../secrets/NAME[/version]</c> or <c>SecretName=NAME</c>); names hold only letters, digits and hyphens.</summary>
    public static string? SecretName(string reference) =>
        SecretNamePattern().Match(reference) is { Success: true } match ? match.Groups["name"].Value : null;

    [GeneratedRegex(@"(?:/secrets/|SecretName=)(?<name>[0-9A-Za-z-]{1,127})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretNamePattern();
}
