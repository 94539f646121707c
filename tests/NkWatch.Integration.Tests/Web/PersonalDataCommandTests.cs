using System.Text.Json;
using NkWatch.Cli;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Storage;
using NkWatch.Storage.Sqlite;

namespace NkWatch.Integration.Tests.Web;

/// <summary>`nkwatch subscribers export|delete EMAIL` and `nkwatch serve`'s argument checks, on the embedded default.</summary>
public sealed class PersonalDataCommandTests : IDisposable
{
    private static readonly DateTimeOffset SentAt = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory temp = new();

    private string Data => temp.Combine("data");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task ExportPrintsTheSubscriberTheirDigestsAndTheirConfirmationCounts()
    {
        await NkWatchAsync("subscribers", "add", "reader@example.org", "--topics", "refugees", "--data", Data);
        var id = await IdOfAsync("reader@example.org");
        await new SqliteDigestLog(new SqliteDatabase(Path.Combine(Data, "nkwatch.db"))).RecordAsync(new DigestRecord(id, "daily-2026-11-27", "d1", 4, SentAt, DigestOutcome.Sent), default);

        var (code, output, _) = await NkWatchAsync("subscribers", "export", "reader@example.org", "--data", Data);

        Assert.Equal(0, code);
        using var export = JsonDocument.Parse(output);
        Assert.Equal("reader@example.org", export.RootElement.GetProperty("email").GetString());
        var subscriber = export.RootElement.GetProperty("subscriber");
        Assert.Equal(id, subscriber.GetProperty("id").GetString());
        Assert.Equal("confirmed", subscriber.GetProperty("status").GetString());
        Assert.Equal("refugees", subscriber.GetProperty("topics")[0].GetString());
        Assert.Equal("daily-2026-11-27", export.RootElement.GetProperty("digests")[0].GetProperty("period").GetString());
        Assert.Equal(JsonValueKind.Array, export.RootElement.GetProperty("confirmationEmails").ValueKind);
    }

    [Fact]
    public async Task DeleteErasesTheSubscriberAndTheirDigestLog()
    {
        await NkWatchAsync("subscribers", "add", "reader@example.org", "--data", Data);
        var id = await IdOfAsync("reader@example.org");
        var database = new SqliteDatabase(Path.Combine(Data, "nkwatch.db"));
        await new SqliteDigestLog(database).RecordAsync(new DigestRecord(id, "daily-2026-11-27", "d1", 4, SentAt, DigestOutcome.Sent), default);

        var (code, output, _) = await NkWatchAsync("subscribers", "delete", "reader@example.org", "--data", Data);
        var (again, _, error) = await NkWatchAsync("subscribers", "delete", "reader@example.org", "--data", Data);
        var (_, export, _) = await NkWatchAsync("subscribers", "export", "reader@example.org", "--data", Data);

        Assert.Equal(0, code);
        Assert.Contains("subscriber erased, 1 digest records", output, StringComparison.Ordinal);
        Assert.Null(await new SqliteSubscriberStore(database).GetAsync(id, default));
        Assert.Empty(await new SqliteDigestHistory(database).ListAsync(id, default));
        Assert.Equal(2, again);
        Assert.StartsWith("error: nothing is stored for reader@example.org", error.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(export);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("subscriber").ValueKind);
    }

    [Fact]
    public async Task ADataRequestUnderAnotherSpellingFindsAndErasesTheMailbox()
    {
        await NkWatchAsync("subscribers", "add", "Reader@example.org", "--data", Data);
        var id = await IdOfAsync("Reader@example.org");

        var (exported, output, _) = await NkWatchAsync("subscribers", "export", "\uff52eader@EXAMPLE.org", "--data", Data);
        var (erased, _, _) = await NkWatchAsync("subscribers", "delete", "rea\u200Bder@example.org", "--data", Data);

        Assert.Equal(0, exported);
        using var export = JsonDocument.Parse(output);
        Assert.Equal(id, export.RootElement.GetProperty("subscriber").GetProperty("id").GetString());
        Assert.Equal(0, erased);
        Assert.Empty(await new SqliteSubscriberStore(new SqliteDatabase(Path.Combine(Data, "nkwatch.db"))).ListAsync(default));
    }

    [Theory]
    [InlineData("subscribers", "export", "not-an-address")]
    [InlineData("subscribers", "delete")]
    [InlineData("serve", "--urls", "ftp://example.org")]
    [InlineData("serve", "extra")]
    public async Task BadArgumentsEndWithExitCode2AndOneErrorLine(params string[] args)
    {
        var (code, _, error) = await NkWatchAsync([.. args, "--data", Data]);

        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
    }

    private async Task<string> IdOfAsync(string email)
    {
        var (_, list, _) = await NkWatchAsync("subscribers", "list", "--json", "--data", Data);
        using var document = JsonDocument.Parse(list);
        return document.RootElement.EnumerateArray().Single(s => s.GetProperty("email").GetString() == email).GetProperty("id").GetString()!;
    }

    private static async Task<(int Code, string Out, string Err)> NkWatchAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, TextReader.Null, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
