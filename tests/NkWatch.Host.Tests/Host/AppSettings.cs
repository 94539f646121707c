namespace NkWatch.Host.Tests.Host;

/// <summary>
/// The app settings the Functions host would put in the worker's environment, pointed at loopback
/// parts. A test changes or removes any of them (say, a Key Vault reference in place of a secret)
/// before starting the worker.
/// </summary>
public static class AppSettings
{
    public const string PublicBaseUrl = "https://nkwatch.example.org";

    /// <summary>Enough to start: storage, a token key, schedules; mail goes to an outbox under <paramref name="work"/>.</summary>
    public static Dictionary<string, string?> Minimal(string storageConnection, TempDirectory work) => new(StringComparer.Ordinal)
    {
        ["AzureWebJobsStorage"] = storageConnection,
        ["PollSchedule"] = "0 */15 * * * *",
        ["DigestSchedule"] = "0 7-59/15 * * * *",
        ["App__PublicBaseUrl"] = PublicBaseUrl,
        ["App__TokenKey"] = "host-stand-in-token-key-0123456789abcdef",
        ["App__OperatorAddress"] = "NkWatch, 1 Rue de Genève, 1201 Geneva",
        ["SendGrid__From"] = "alerts@example.org",
        ["Outbox__Directory"] = work.Combine("outbox"),
        ["Fetch__AllowPrivateAddresses"] = "true",
        ["Digests__VisibilityMarginSeconds"] = "0",
    };

    /// <summary>As <see cref="Minimal"/>, with the feed catalogue and SendGrid pointed at loopback servers.</summary>
    public static Dictionary<string, string?> WithFeedsAndSendGrid(string storageConnection, TempDirectory work, string feedCatalog, SendGridServer sendGrid)
    {
        var settings = Minimal(storageConnection, work);
        settings["Feeds__Source"] = feedCatalog;
        settings["SendGrid__ApiKey"] = SendGridServer.ApiKey;
        settings["SendGrid__BaseUrl"] = sendGrid.BaseUrl;
        return settings;
    }
}
