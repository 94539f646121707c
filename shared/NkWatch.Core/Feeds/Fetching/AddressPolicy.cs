using System.Net;
using System.Net.Sockets;

namespace NkWatch.Core.Feeds;

/// <summary>
/// Which addresses a feed may be fetched from. Only public internet addresses, unless
/// <see cref="FetchOptions.AllowPrivateAddresses"/>: a feed, or a redirect from one, must not make
/// NkWatch a probe of the network it runs in (in Azure, the platform's internal network and its
/// metadata services).
/// </summary>
public static class AddressPolicy
{
    /// <summary>One reason for every refused address, so a feed's status tells nothing about what lies behind it.</summary>
    public const string RefusedReason = "refused: the feed's address is not a public internet address (Fetch__AllowPrivateAddresses=true allows it)";

    // Cloud metadata and platform endpoints that sit outside the private ranges or deserve naming.
    private static readonly IPAddress[] Metadata =
    [
        IPAddress.Parse("169.254.169.254"),
        IPAddress.Parse("fd00:ec2::254"),
        IPAddress.Parse("168.63.129.16"),
    ];

    private static readonly (IPAddress Network, int Prefix)[] RefusedV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8),          // "this network", unspecified
        (IPAddress.Parse("10.0.0.0"), 8),         // RFC 1918
        (IPAddress.Parse("100.64.0.0"), 10),      // carrier-grade NAT
        (IPAddress.Parse("127.0.0.0"), 8),        // loopback
        (IPAddress.Parse("169.254.0.0"), 16),     // link-local
        (IPAddress.Parse("172.16.0.0"), 12),      // RFC 1918
        (IPAddress.Parse("192.0.0.0"), 24),       // IETF protocol assignments
        (IPAddress.Parse("192.168.0.0"), 16),     // RFC 1918
        (IPAddress.Parse("198.18.0.0"), 15),      // benchmarking
        (IPAddress.Parse("224.0.0.0"), 4),        // multicast
        (IPAddress.Parse("240.0.0.0"), 4),        // reserved and broadcast
    ];

    private static readonly (IPAddress Network, int Prefix)[] RefusedV6 =
    [
        (IPAddress.IPv6Any, 128),                 // unspecified
        (IPAddress.IPv6Loopback, 128),
        (IPAddress.Parse("fc00::"), 7),           // unique-local
        (IPAddress.Parse("fe80::"), 10),          // link-local
        (IPAddress.Parse("fec0::"), 10),          // the old site-local
        (IPAddress.Parse("ff00::"), 8),           // multicast
    ];

    /// <summary>True when the address is loopback, private, link-local, shared, unspecified, multicast or a metadata endpoint, in any notation.</summary>
    public static bool IsRefused(IPAddress address)
    {
        if (EmbeddedIPv4(address) is { } embedded)
        {
            address = embedded;
        }

        if (Metadata.Contains(address))
        {
            return true;
        }

        var ranges = address.AddressFamily switch
        {
            AddressFamily.InterNetwork => RefusedV4,
            AddressFamily.InterNetworkV6 => RefusedV6,
            _ => null,
        };
        return ranges is null || ranges.Any(range => InRange(address, range.Network, range.Prefix));
    }

    /// <summary>
    /// The IPv4 address inside an IPv6 form that carries one to its network: mapped (::ffff:0:0/96),
    /// the old compatible form (::/96), NAT64 (64:ff9b::/96) and 6to4 (2002::/16). A gateway on the
    /// path turns these into the IPv4 address, so they are judged as it.
    /// </summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var upper = bytes.AsSpan(0, 12);
        if (upper.IndexOfAnyExcept((byte)0) < 0 && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        if (upper.SequenceEqual(Nat64Prefix))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return bytes[0] == 0x20 && bytes[1] == 0x02 ? new IPAddress(bytes.AsSpan(2, 4)) : null;
    }

    private static ReadOnlySpan<byte> Nat64Prefix => [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    private static bool InRange(IPAddress address, IPAddress network, int prefix)
    {
        Span<byte> bytes = stackalloc byte[16];
        Span<byte> net = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var length) || !network.TryWriteBytes(net, out var netLength) || length != netLength)
        {
            return false;
        }

        var whole = prefix / 8;
        if (!bytes[..whole].SequenceEqual(net[..whole]))
        {
            return false;
        }

        var rest = prefix % 8;
        var mask = (byte)(0xFF << (8 - rest));
        return rest == 0 || (bytes[whole] & mask) == (net[whole] & mask);
    }
}
