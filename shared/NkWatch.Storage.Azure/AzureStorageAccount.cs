using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace NkWatch.Storage.Azure;

/// <summary>
/// The storage account behind the function app, read from the same setting the Functions host
/// uses (<c>AzureWebJobsStorage</c>): a connection string locally and against Azurite, or the
/// identity-based form (<c>__queueServiceUri</c>, <c>__tableServiceUri</c>, <c>__credential</c>,
/// <c>__clientId</c>) in Azure, so no account key is ever needed there; the identity there is always
/// the managed identity those settings name.
/// </summary>
public sealed class AzureStorageAccount
{
    public const string SettingName = "AzureWebJobsStorage";

    private readonly string? connectionString;
    private readonly Uri? queueServiceUri;
    private readonly Uri? tableServiceUri;
    private readonly Uri? blobServiceUri;
    private readonly TokenCredential? credential;

    private AzureStorageAccount(string? connectionString, Uri? queueUri, Uri? tableUri, TokenCredential? credential, Uri? blobUri = null)
    {
        blobServiceUri = blobUri;
        this.connectionString = connectionString;
        queueServiceUri = queueUri;
        tableServiceUri = tableUri;
        this.credential = credential;
    }

    /// <param name="namePrefix">Prefixes table and queue names, so that test runs sharing an account stay apart.</param>
    public static AzureStorageAccount FromConnectionString(string connectionString, string namePrefix = "") =>
        new(connectionString, null, null, null) { NamePrefix = namePrefix };

    public string NamePrefix { get; private init; } = string.Empty;

    public static AzureStorageAccount FromConfiguration(IConfiguration configuration, string name = SettingName)
    {
        if (configuration[name] is { Length: > 0 } connection)
        {
            return FromConnectionString(connection);
        }

        var section = configuration.GetSection(name);
        var queueUri = section["queueServiceUri"];
        var tableUri = section["tableServiceUri"];
        if (string.IsNullOrEmpty(queueUri) || string.IsNullOrEmpty(tableUri))
        {
            throw new InvalidOperationException($"Set {name} to a connection string, or {name}__queueServiceUri and {name}__tableServiceUri for identity-based access.");
        }

        var blobUri = section["blobServiceUri"];
        return new AzureStorageAccount(null, new Uri(queueUri), new Uri(tableUri), ManagedIdentity(section, name), string.IsNullOrEmpty(blobUri) ? null : new Uri(blobUri));
    }

    /// <summary>
    /// The identity the Functions host itself uses for this setting: user-assigned when
    /// <c>__clientId</c> is set, else the system-assigned one. Anything else is refused rather than
    /// left to DefaultAzureCredential, which would try whatever it finds on the machine.
    /// </summary>
    private static ManagedIdentityCredential ManagedIdentity(IConfigurationSection section, string name)
    {
        if (!string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Set {name}__credential to managedidentity (and {name}__clientId for a user-assigned identity) for identity-based access, or {name} to a connection string.");
        }

        return section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }

    /// <summary>Queue clients write Base64, which is what the Functions queue trigger reads by default.</summary>
    public QueueServiceClient Queues()
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return connectionString is not null
            ? new QueueServiceClient(connectionString, options)
            : new QueueServiceClient(queueServiceUri, credential, options);
    }

    /// <summary>The blob service, or null when identity-based settings name no blob endpoint.</summary>
    public BlobServiceClient? Blobs() => connectionString is not null
        ? new BlobServiceClient(connectionString)
        : blobServiceUri is null ? null : new BlobServiceClient(blobServiceUri, credential);

    public TableServiceClient Tables() => connectionString is not null
        ? new TableServiceClient(connectionString)
        : new TableServiceClient(tableServiceUri, credential);
}
