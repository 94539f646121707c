using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;

namespace NkWatch.Storage.Azure;

/// <summary>
/// The storage account behind the function app, read from the same setting the Functions host
/// uses (<c>AzureWebJobsStorage</c>): a connection string locally and against Azurite, or the
/// identity-based form (<c>__queueServiceUri</c>, <c>__tableServiceUri</c>, <c>__blobServiceUri</c>,
/// <c>__credential</c>, <c>__clientId</c>) in Azure, so no account key is ever needed there; the
/// identity there is always the managed identity those settings name.
/// </summary>
public sealed class AzureStorageAccount
{
    public const string SettingName = "AzureWebJobsStorage";

    private readonly Action<AzureClientFactoryBuilder> addClients;

    private AzureStorageAccount(Action<AzureClientFactoryBuilder> addClients, bool hasBlobs)
    {
        this.addClients = addClients;
        HasBlobs = hasBlobs;
    }

    /// <summary>Prefixes table and queue names, so that test runs sharing an account stay apart.</summary>
    public string NamePrefix { get; private init; } = string.Empty;

    /// <summary>False when identity-based settings name no blob endpoint: configuration is then not read from blobs.</summary>
    internal bool HasBlobs { get; }

    /// <param name="namePrefix">Prefixes table and queue names, so that test runs sharing an account stay apart.</param>
    public static AzureStorageAccount FromConnectionString(string connectionString, string namePrefix = "") =>
        new(clients => AddClients(clients, connectionString), hasBlobs: true) { NamePrefix = namePrefix };

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

        var queues = ServiceUri(section, "queueServiceUri", name);
        var tables = ServiceUri(section, "tableServiceUri", name);
        var blobs = string.IsNullOrEmpty(section["blobServiceUri"]) ? null : ServiceUri(section, "blobServiceUri", name);
        var credential = ManagedIdentity(section, name);
        return new AzureStorageAccount(clients => AddClients(clients, queues, tables, blobs, credential), blobs is not null);
    }

    /// <summary>Registers the queue, table and (when there is an endpoint) blob service clients, each once.</summary>
    internal void AddClients(AzureClientFactoryBuilder clients) => addClients(clients);

    /// <summary>A token is only ever sent over TLS: an endpoint that is not an https URL is refused here, not at the first request.</summary>
    private static Uri ServiceUri(IConfigurationSection section, string key, string name) =>
        Uri.TryCreate(section[key], UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new InvalidOperationException($"Set {name}__{key} to the storage service's https URL.");

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

    private static void AddClients(AzureClientFactoryBuilder clients, string connectionString)
    {
        clients.AddQueueServiceClient(connectionString).ConfigureOptions(WriteBase64);
        clients.AddTableServiceClient(connectionString);
        clients.AddBlobServiceClient(connectionString);

        // The key is in the connection string, but the factory hands every client a credential and
        // would construct a DefaultAzureCredential for these ones unless given another.
        clients.UseCredential(new NoToken());
    }

    private static void AddClients(AzureClientFactoryBuilder clients, Uri queueUri, Uri tableUri, Uri? blobUri, ManagedIdentityCredential credential)
    {
        clients.AddQueueServiceClient(queueUri).ConfigureOptions(WriteBase64);
        clients.AddTableServiceClient(tableUri);
        if (blobUri is not null)
        {
            clients.AddBlobServiceClient(blobUri);
        }

        clients.UseCredential(credential);
    }

    /// <summary>Queue clients write Base64, which is what the Functions queue trigger reads by default.</summary>
    private static void WriteBase64(QueueClientOptions options) => options.MessageEncoding = QueueMessageEncoding.Base64;

    /// <summary>The credential of connection-string access, which signs with the account key and never asks for a token.</summary>
    private sealed class NoToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw Refused();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw Refused();

        private static InvalidOperationException Refused() =>
            new($"{SettingName} is a connection string: storage requests are signed with its key, not a token.");
    }
}
