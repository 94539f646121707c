using System.Text;
using System.Text.RegularExpressions;

namespace NkWatch.Core.Feeds;

/// <summary>
/// Decides a feed's encoding and decodes it: the byte-order mark first, then the HTTP charset,
/// then the XML declaration, else UTF-8 (or windows-1252 when the bytes are not valid UTF-8).
/// Korean (EUC-KR, CP949) and Japanese (Shift_JIS, EUC-JP, ISO-2022-JP) labels are read as
/// browsers read them.
/// CodeHollow.FeedReader ignores the HTTP charset and falls back to UTF-8 silently, so the parser
/// only ever hands it text decoded here.
/// </summary>
public static partial class FeedTextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false);

    // Labels that browsers (WHATWG Encoding) read as another encoding: servers declare latin-1 or
    // ASCII by default while the bytes are windows-1252 "smart quotes", and EUC-KR feeds routinely
    // carry characters only CP949, its Microsoft superset, defines.
    private static readonly Dictionary<string, int> CodePageAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["euc-kr"] = 949, ["euckr"] = 949, ["cp949"] = 949, ["ks_c_5601-1987"] = 949, ["ks_c_5601"] = 949,
        ["korean"] = 949, ["uhc"] = 949, ["windows-949"] = 949, ["x-windows-949"] = 949, ["ksc5601"] = 949,
        ["iso-8859-1"] = 1252, ["iso8859-1"] = 1252, ["latin1"] = 1252, ["l1"] = 1252, ["us-ascii"] = 1252,
        ["ascii"] = 1252, ["ansi_x3.4-1968"] = 1252, ["cp1252"] = 1252, ["windows-1252"] = 1252,

        // Japanese: Shift_JIS as served is Microsoft's CP932 (NEC and IBM extensions: ①, 髙), as
        // browsers read it; EUC-JP and ISO-2022-JP under their other labels.
        ["shift_jis"] = 932, ["shift-jis"] = 932, ["sjis"] = 932, ["x-sjis"] = 932, ["ms_kanji"] = 932, ["csshiftjis"] = 932,
        ["windows-31j"] = 932, ["cp932"] = 932, ["ms932"] = 932, ["windows-932"] = 932,
        ["euc-jp"] = 51932, ["eucjp"] = 51932, ["x-euc-jp"] = 51932, ["cseucpkdfmtjapanese"] = 51932,
        ["iso-2022-jp"] = 50220, ["csiso2022jp"] = 50220,
    };

    static FeedTextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The text of <paramref name="body"/>, with any byte-order mark removed.</summary>
    public static string Decode(ReadOnlySpan<byte> body, string? contentType)
    {
        var encoding = FromBom(body, out var bomLength);
        body = body[bomLength..];
        encoding ??= FromZeroBytePattern(body)
            ?? Preferred(FromName(CharsetOf(contentType)), FromName(DeclaredEncoding(body)), body);
        if (encoding is not null)
        {
            return encoding.GetString(body);
        }

        // Nothing declared (or nothing usable): UTF-8 when the bytes are UTF-8, else the web's default.
        return TryStrictUtf8(body) ?? Encoding.GetEncoding(1252).GetString(body);
    }

    /// <summary>
    /// The HTTP charset outranks the declaration (RFC 7303), except in the commonest server
    /// misconfiguration: a latin-1 or ASCII default in front of a document that is valid UTF-8 and
    /// declares UTF-8 or nothing (multi-byte UTF-8 sequences almost never occur in real latin-1 text).
    /// </summary>
    private static Encoding? Preferred(Encoding? http, Encoding? declared, ReadOnlySpan<byte> body)
    {
        if (http is null)
        {
            return declared;
        }

        if (http.CodePage == 1252 && declared is null or UTF8Encoding && TryStrictUtf8(body) is not null)
        {
            return LenientUtf8;
        }

        return http;
    }

    private static string? TryStrictUtf8(ReadOnlySpan<byte> body)
    {
        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static Encoding? FromBom(ReadOnlySpan<byte> body, out int length)
    {
        (Encoding? encoding, length) = body switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (LenientUtf8, 3),
            [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4),
            [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4),
            [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
            [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
            _ => ((Encoding?)null, 0),
        };
        return encoding;
    }

    /// <summary>UTF-16 and UTF-32 without a byte-order mark show themselves by the zero bytes around the first "&lt;".</summary>
    private static Encoding? FromZeroBytePattern(ReadOnlySpan<byte> body) => body switch
    {
        [0x3C, 0x00, 0x00, 0x00, ..] => new UTF32Encoding(bigEndian: false, byteOrderMark: false),
        [0x00, 0x00, 0x00, 0x3C, ..] => new UTF32Encoding(bigEndian: true, byteOrderMark: false),
        [0x3C, 0x00, not 0x00, 0x00, ..] => Encoding.Unicode,
        [0x00, 0x3C, 0x00, not 0x00, ..] => Encoding.BigEndianUnicode,
        _ => null,
    };

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
        var head = Encoding.ASCII.GetString(body[..Math.Min(body.Length, 256)]);
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
            var encoding = CodePageAliases.TryGetValue(name, out var codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(name);

            // A UTF-16 label on bytes without a BOM or UTF-16 pattern is a mislabelled 8-bit file.
            return encoding is UnicodeEncoding or UTF32Encoding ? null : encoding is UTF8Encoding ? LenientUtf8 : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"charset\s*=\s*[""']?\s*([A-Za-z0-9_.:-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetPattern();

    [GeneratedRegex(@"^\s*<\?xml[^>]*encoding\s*=\s*[""']([A-Za-z0-9_.:-]+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex DeclarationPattern();
}
