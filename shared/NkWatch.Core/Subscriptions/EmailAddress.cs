using System.Net.Mail;

namespace NkWatch.Core.Subscriptions;

/// <summary>Validates and normalises email addresses; masks them for logs.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static bool TryNormalize(string? input, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var trimmed = input.Trim();
        if (trimmed.Length > MaxLength || trimmed.Any(char.IsControl) || trimmed.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || address.DisplayName.Length > 0)
        {
            return false;
        }

        var at = trimmed.LastIndexOf('@');
        var domain = trimmed[(at + 1)..];
        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.'))
        {
            return false;
        }

        normalized = trimmed[..at] + "@" + domain.ToLowerInvariant();
        return true;
    }

    /// <summary>"a***@example.org": enough for an operator to recognise, not enough to harvest.</summary>
    public static string Mask(string email)
    {
        var at = email.LastIndexOf('@');
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }
}
