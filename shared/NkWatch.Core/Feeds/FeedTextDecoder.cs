using System.Text;
using System.Text.RegularExpressions;

namespace NkWatch.Core.Feeds;

/// <summary>
/// Decides a feed's encoding the way XML and HTTP say to: the byte-order mark first, then the
/// HTTP charset, then the XML declaration, else UTF-8. CodeHollow.FeedReader ignores the HTTP
/// charset, so the parser hands it text decoded here.
/// </summary>
public static partial class FeedTextDecoder
{
    private static readonly HashSet<string> KoreanNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "euc-kr", "euckr", "cp949", "ks_c_5601-1987", "ks_c_5601", "korean", "uhc", "windows-949", "x-windows-949",
    };

    static FeedTextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(ReadOnlySpan<byte> body, string? contentType)
    {
        var encoding = FromBom(body, out var bomLength)
            ?? FromName(CharsetOf(contentType))
            ?? FromName(DeclaredEncoding(body))
            ?? new UTF8Encoding(false);
        return encoding.GetString(body[bomLength..]);
    }

    private static Encoding? FromBom(ReadOnlySpan<byte> body, out int length)
    {
        (Encoding? encoding, length) = body switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(false), 3),
            [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
            [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
            [0x3C, 0x00, 0x3F, 0x00, ..] => (Encoding.Unicode, 0),
            [0x00, 0x3C, 0x00, 0x3F, ..] => (Encoding.BigEndianUnicode, 0),
            _ => ((Encoding?)null, 0),
        };
        return encoding;
    }

    private static string? CharsetOf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }

        var match = CharsetPattern().Match(contentType);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string? DeclaredEncoding(ReadOnlySpan<byte> body)
    {
        var head = Encoding.ASCII.GetString(body[..Math.Min(body.Length, 200)]);
        var match = DeclarationPattern().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static Encoding? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        name = name.Trim().Trim('"', '\'');
        try
        {
            // EUC-KR feeds routinely carry characters only CP949 (its Microsoft superset) defines.
            var encoding = KoreanNames.Contains(name) ? Encoding.GetEncoding(949) : Encoding.GetEncoding(name);

            // A declaration of UTF-16 on bytes without a BOM is usually a mislabelled single-byte file.
            return encoding is UnicodeEncoding ? null : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"charset\s*=\s*""?([A-Za-z0-9_.:-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetPattern();

    [GeneratedRegex(@"^\s*<\?xml[^>]*encoding\s*=\s*[""']([A-Za-z0-9_.:-]+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex DeclarationPattern();
}
