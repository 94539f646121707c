using System.Net;
using Microsoft.AspNetCore.Http;

namespace NkWatch.Web.Http;

/// <summary>The address of the client that sent a request, for the per-client limits.</summary>
public static class ClientAddress
{
    /// <summary>
    /// With <paramref name="trustForwardedFor"/>, the last <c>X-Forwarded-For</c> entry: the one the
    /// platform's front end appended (entries before it are whatever the client claimed). Entries may
    /// carry a port ("203.0.113.5:443", "[2001:db8::1]:443").
    /// </summary>
    public static IPAddress? Of(HttpContext context, bool trustForwardedFor)
    {
        if (trustForwardedFor)
        {
            var header = context.Request.Headers["X-Forwarded-For"].ToString();
            var last = header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            if (last is not null && Parse(last) is { } forwarded)
            {
                return forwarded;
            }
        }

        return context.Connection.RemoteIpAddress;
    }

    private static IPAddress? Parse(string entry)
    {
        if (IPAddress.TryParse(entry, out var plain))
        {
            return plain;
        }

        return IPEndPoint.TryParse(entry, out var endpoint) ? endpoint.Address : null;
    }
}
