using System.Collections.Frozen;

namespace NkWatch.Core.Subscriptions;

/// <summary>The IANA time zones a subscriber can choose: those this host knows, so a digest is never scheduled in an unknown zone.</summary>
public static class TimeZones
{
    private static readonly Lazy<IReadOnlyList<string>> Known = new(() =>
        [.. TimeZoneInfo.GetSystemTimeZones()
            .Select(zone => zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : null)
            .OfType<string>()
            .Append("UTC")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)]);

    private static readonly Lazy<FrozenDictionary<string, string>> ByName = new(() =>
        Known.Value.ToFrozenDictionary(z => z, z => z, StringComparer.OrdinalIgnoreCase));

    /// <summary>Every choosable zone id, sorted.</summary>
    public static IReadOnlyList<string> All => Known.Value;

    /// <summary>The zone's canonical id when it is a known IANA id (case-insensitive), else false.</summary>
    public static bool TryNormalize(string? id, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            return false;
        }

        if (!ByName.Value.TryGetValue(id.Trim(), out var found))
        {
            return false;
        }

        normalized = found;
        return true;
    }
}
