using System.Text.Json;
using NkWatch.Integration.Tests.Infrastructure;
using static NkWatch.Integration.Tests.Feeds.CliRunner;

namespace NkWatch.Integration.Tests.Feeds;

/// <summary>
/// The "done when": every hostile input ends <c>nkwatch parse</c> with exit code 2 and one
/// clean <c>error:</c> line on stderr (no stack trace, nothing on stdout), and an EUC-KR feed
/// served with its charset reads correctly.
/// </summary>
public sealed class ParseHostileInputTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory temp = new();
    private HostileFeedServer server = null!;

    public async Task InitializeAsync() => server = await HostileFeedServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => temp.Dispose();

    public static TheoryData<string, string, string> HostileFiles => new()
    {
        {
            "bomb.xml",
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><rss version=\"2.0\"><channel><title>&d;&d;&d;&d;</title></channel></rss>",
            "error: refused: the document's DTD declares entities (entity expansion and external entities are not allowed)"
        },
        {
            "xxe.xml",
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY secret SYSTEM \"file:///etc/hostname\">]><rss version=\"2.0\"><channel><title>&secret;</title></channel></rss>",
            "error: refused: the document's DTD declares entities (entity expansion and external entities are not allowed)"
        },
        {
            "page.html",
            "<!DOCTYPE html>\n<html><head><title>Login</title></head><body><form>Sign in</form></body></html>",
            "error: not a feed: an HTML page"
        },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task HostileFileEndsWithOneCleanErrorLine(string name, string content, string expected)
    {
        var path = temp.Combine(name);
        await File.WriteAllTextAsync(path, content);

        var (code, output, error) = await NkWatchAsync("parse", path, "--json");

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal(expected, error.TrimEnd());
    }

    [Theory]
    [InlineData("/endless", "too large: more than 10485760 bytes of response")]
    [InlineData("/drip", "timed out after 2 s")]
    [InlineData("/loop-a", "redirect loop:")]
    [InlineData("/404", "HTTP 404 Not Found")]
    [InlineData("/503", "HTTP 503 Service Unavailable")]
    [InlineData("/gzip-bomb", "too large: more than 10485760 bytes after decompression")]
    [InlineData("/html", "not a feed: an HTML page")]
    public async Task HostileServerEndsWithOneCleanErrorLine(string path, string reason)
    {
        var url = server.At(path).ToString();

        var (code, output, error) = await NkWatchAsync("parse", url, "--json", "--timeout", "2");

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EucKrFeedServedWithItsCharsetReadsCorrectly()
    {
        var (code, output, _) = await NkWatchAsync("parse", server.At("/euc-kr").ToString(), "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("북한 인권", json.RootElement.GetProperty("feed").GetProperty("title").GetString());
        Assert.Equal("강제북송 반대 집회", json.RootElement.GetProperty("items")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task ParseOutputKeepsTheContractShape()
    {
        var (code, output, _) = await NkWatchAsync("parse", server.At("/feed").ToString(), "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var feed = json.RootElement.GetProperty("feed");
        Assert.Equal(["title", "link", "format"], feed.EnumerateObject().Select(p => p.Name));
        var item = json.RootElement.GetProperty("items")[0];
        foreach (var field in new[] { "id", "title", "link", "published", "summary" })
        {
            Assert.True(item.TryGetProperty(field, out _), field);
        }

        Assert.Equal("2026-11-27T00:00:00Z", item.GetProperty("published").GetString());
    }

    [Fact]
    public async Task ContentTypeOptionGivesAFileItsServersCharset()
    {
        var path = temp.Combine("euc-kr-undeclared.xml");
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        await File.WriteAllBytesAsync(path, System.Text.Encoding.GetEncoding("euc-kr").GetBytes("<rss version=\"2.0\"><channel><title>탈북민</title></channel></rss>"));

        var (code, output, _) = await NkWatchAsync("parse", path, "--json", "--content-type", "text/xml; charset=euc-kr");

        Assert.Equal(0, code);
        Assert.Contains("\"title\":\"탈북민\"", output, StringComparison.Ordinal);
    }
}
