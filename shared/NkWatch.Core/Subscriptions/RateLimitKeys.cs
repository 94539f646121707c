using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;

namespace NkWatch.Core.Subscriptions;

/// <summary>
/// Keys of the rate-limit counters: keyed hashes (HMAC with a key derived from <c>App__TokenKey</c>),
/// so the store never holds an address or an IP address in clear and the keys cannot be reversed by
/// hashing a list of guesses without the secret. Without a usable key they throw
/// <see cref="MissingSettingException"/>, as the tokens do.
/// </summary>
public sealed class RateLimitKeys(IOptions<AppOptions> options)
{
    private readonly Lazy<byte[]> key = new(() => HMACSHA256.HashData(TokenKey.Bytes(options.Value.TokenKey), "nkwatch rate-limit keys"u8), LazyThreadSafetyMode.PublicationOnly);

    /// <summary>One counter per mailbox, however its address is spelt (<see cref="EmailAddress.Key"/>).</summary>
    public string ForAddress(string email) => Hash("address:" + EmailAddress.Key(email));

    /// <summary>
    /// One counter per IPv4 address or per IPv6 /64 (one household or host usually holds a whole /64),
    /// and within it one per browser that carries the subscribe form's signed cookie: many people
    /// behind one proxy address each have their own allowance, and a client that uses up the
    /// allowance of requests without the cookie takes nobody's but that shared one.
    /// </summary>
    public string ForClient(IPAddress? client, string? browser = null) =>
        browser is null ? ForNetwork(client) : Hash(ForNetwork(client) + ":browser:" + browser);

    private string ForNetwork(IPAddress? client)
    {
        if (client is null)
        {
            return Hash("client:unknown");
        }

        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        if (client.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = client.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            client = new IPAddress(bytes);
        }

        return Hash("client:" + client);
    }

    private string Hash(string value) => Convert.ToHexStringLower(HMACSHA256.HashData(key.Value, Encoding.UTF8.GetBytes(value)).AsSpan(0, 16));
}
