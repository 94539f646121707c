using Azure.Core;
using Azure.Identity;

namespace NkWatch.Functions;

/// <summary>
/// Application Insights in the Bicep deployment refuses keys (local auth off), so the worker's own
/// telemetry must authenticate with the app's managed identity. The host reads the same setting:
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> = <c>ClientId=...;Authorization=AAD</c>.
/// </summary>
public static class TelemetryCredential
{
    public const string SettingName = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static TokenCredential? From(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        var parts = authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
