using System.Globalization;
using System.Net.Mail;
using System.Text;
using NkWatch.Core.Email;

namespace NkWatch.Core.Subscriptions;

/// <summary>
/// Validates email addresses, gives each mailbox one key, and masks addresses for logs.
/// </summary>
/// <remarks>
/// Many spellings reach one mailbox: letter case, Unicode compatibility forms (full-width
/// letters), invisible characters (zero-width spaces and joiners, soft hyphens, the byte-order
/// mark, bidirectional controls) and the Unicode and punycode forms of one domain. The
/// <see cref="Key"/> folds them all, so one mailbox is one subscriber with one allowance, one
/// suppression and one data request. The local part is case-folded too: RFC 5321 allows a server
/// to tell "Ann" from "ann", but mail systems in use treat them as one mailbox.
/// </remarks>
public static class EmailAddress
{
    public const int MaxLength = 254;

    private static readonly IdnMapping Idn = new();

    /// <summary>
    /// Checks an address and gives it back as typed (trimmed, the domain in lower case,
    /// bidirectional controls removed: they would reorder what an operator reads), for storage,
    /// display and sending.
    /// </summary>
    public static bool TryNormalize(string? input, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var typed = BidiControls.Remove(input.Trim());
        if (typed.Length is 0 or > MaxLength || typed.Any(char.IsControl) || typed.Any(char.IsWhiteSpace) || TryKey(typed) is null)
        {
            return false;
        }

        var at = typed.LastIndexOf('@');
        normalized = typed[..at] + "@" + typed[(at + 1)..].ToLowerInvariant();
        return true;
    }

    /// <summary>
    /// The mailbox's key: NFKC, invisible (format) characters removed, case-folded, the domain in
    /// its ASCII (IDNA) form. Used for every lookup, counter, suppression and data request.
    /// An address that is not valid keeps a lower-cased form, so a key is always defined.
    /// </summary>
    public static string Key(string address) => TryKey(address) ?? address.Trim().ToLowerInvariant();

    /// <summary>"a***@example.org": enough for an operator to recognise, not enough to harvest.</summary>
    public static string Mask(string email)
    {
        var at = email.LastIndexOf('@');
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }

    private static string? TryKey(string address)
    {
        var folded = Fold(address.Trim());
        var at = folded.LastIndexOf('@');
        if (at <= 0 || at == folded.Length - 1)
        {
            return null;
        }

        string domain;
        try
        {
            domain = Idn.GetAscii(folded[(at + 1)..]).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }

        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.'))
        {
            return null;
        }

        var key = folded[..at] + "@" + domain;
        return key.Length <= MaxLength
            && !key.Any(char.IsWhiteSpace)
            && MailAddress.TryCreate(key, out var parsed)
            && parsed.Address == key
            && parsed.DisplayName.Length == 0
                ? key
                : null;
    }

    private static string Fold(string text)
    {
        var compatible = text.Normalize(NormalizationForm.FormKC);
        var visible = new StringBuilder(compatible.Length);
        foreach (var c in compatible)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                visible.Append(c);
            }
        }

        return visible.ToString().ToLowerInvariant().Normalize(NormalizationForm.FormKC);
    }
}
