using System.ComponentModel.DataAnnotations;

namespace NkWatch.Core.Subscriptions;

/// <summary>Settings of the <c>Subscriptions</c> section: how many confirmation emails a day.</summary>
public sealed class SignupOptions
{
    public const string Section = "Subscriptions";

    /// <summary>Confirmation emails one address may receive per UTC day: enough to retry, too few to flood a stranger.</summary>
    [Range(1, 100)]
    public int ConfirmationsPerAddressPerDay { get; set; } = 3;

    /// <summary>Confirmation emails one client address (an IPv4 address or an IPv6 /64) may cause per UTC day.</summary>
    [Range(1, 10_000)]
    public int ConfirmationsPerClientPerDay { get; set; } = 20;
}
