namespace NkWatch.Host.Tests.Host;

/// <summary>The app settings the Functions host would put in the worker's environment, pointed at loopback parts.</summary>
public static class AppSettings
{
    public const string PublicBaseUrl = "https://nkwatch.example.org";

    /// <summary>Enough to start: storage, a token key, schedules; mail goes to the outbox folder.</summary>
    public static Dictionary<string, string?> Minimal(string storageConnection) => new(StringComparer.Ordinal)
    {
        ["AzureWebJobsStorage"] = storageConnection,
        ["PollSchedule"] = "0 */15 * * * *",
        ["DigestSchedule"] = "0 7-59/15 * * * *",
        ["App__PublicBaseUrl"] = PublicBaseUrl,
        ["App__TokenKey"] = "host-stand-in-token-key-0123456789abcdef",
        ["App__OperatorAddress"] = "NkWatch, 1 Rue de Genève, 1201 Geneva",
        ["SendGrid__From"] = "alerts@example.org",
        ["Outbox__Directory"] = Path.Combine(Path.GetTempPath(), "nkwatch-host-tests", "outbox-" + Guid.NewGuid().ToString("N")),
        ["Fetch__AllowPrivateAddresses"] = "true",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = string.Empty,
    };
}
