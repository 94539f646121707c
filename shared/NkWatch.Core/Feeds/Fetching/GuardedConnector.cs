using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace NkWatch.Core.Feeds;

/// <summary>
/// Opens the connections feeds are fetched over (the handler's <c>ConnectCallback</c>): resolves
/// the host once, checks every address it resolved to against <see cref="AddressPolicy"/>, and
/// connects only to an address it checked. Checking at connect time, on the same answer that is
/// connected to, covers every redirect and leaves no gap for DNS rebinding.
/// </summary>
/// <param name="allowPrivate">Allow loopback, private and link-local addresses (local feeds, tests).</param>
/// <param name="resolve">How host names are resolved; DNS unless a test maps names to addresses.</param>
/// <param name="connect">How a checked address is connected to; a TCP socket unless a test says otherwise.</param>
public sealed class GuardedConnector(
    bool allowPrivate,
    Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null,
    Func<IPEndPoint, CancellationToken, ValueTask<Stream>>? connect = null)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> resolve = resolve ?? Dns.GetHostAddressesAsync;
    private readonly Func<IPEndPoint, CancellationToken, ValueTask<Stream>> connect = connect ?? ConnectSocketAsync;

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var host = endpoint.Host.TrimStart('[').TrimEnd(']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await resolve(host, cancellationToken).ConfigureAwait(false);
        if (!allowPrivate && addresses.Any(AddressPolicy.IsRefused))
        {
            throw new AddressRefusedException();
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            try
            {
                return await connect(new IPEndPoint(address, endpoint.Port), cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                last = ex;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private static async ValueTask<Stream> ConnectSocketAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The host resolved to an address feeds may not be fetched from; the message is <see cref="AddressPolicy.RefusedReason"/>.</summary>
public sealed class AddressRefusedException() : Exception(AddressPolicy.RefusedReason);
