using Microsoft.Data.Sqlite;
using NkWatch.Core.Subscriptions;
using NkWatch.Integration.Tests.Infrastructure;
using NkWatch.Storage.Sqlite;
using static NkWatch.Integration.Tests.Feeds.CliRunner;

namespace NkWatch.Integration.Tests.Cli;

/// <summary>Bad settings, unreadable files and broken state end a command with one `error:` line naming them; bad parts of a pass are skipped, not fatal.</summary>
public sealed class ErrorLineTests : IDisposable
{
    private readonly TempDirectory temp = new();

    private string Data => temp.Combine("data");

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("Digests__ClaimLeaseMinutes", "0")]
    [InlineData("Digests__MaxStories", "many")]
    [InlineData("App__TokenKey", "too-short")]
    [InlineData("Fetch__MaxRedirects", "99")]
    [InlineData("SendGrid__MaxAttempts", "0")]
    public async Task ABadSettingIsNamedInOneErrorLine(string setting, string value)
    {
        var catalog = temp.Combine("feeds.json");
        await File.WriteAllTextAsync(catalog, """{"feeds":[]}""");

        var (code, _, errors) = await NkWatchProcess.RunAsync(["run", "--once", "--data", Data, "--feeds", catalog], new Dictionary<string, string> { [setting] = value });

        Assert.Equal(2, code);
        AssertOneErrorLine(errors, "error: setting " + setting);
    }

    [Fact]
    public async Task ACorruptDatabaseIsNamedInOneErrorLine()
    {
        Directory.CreateDirectory(Data);
        await File.WriteAllTextAsync(Path.Combine(Data, "nkwatch.db"), new string('x', 4096));

        var (code, _, errors) = await NkWatchAsync("subscribers", "list", "--data", Data);

        Assert.Equal(2, code);
        AssertOneErrorLine(errors, "error: the state file " + Path.Combine(Data, "nkwatch.db"));
    }

    [Fact]
    public async Task AnUnreadableTokenKeyFileIsNamedInOneErrorLine()
    {
        Directory.CreateDirectory(Path.Combine(Data, "token.key"));

        var (code, _, errors) = await NkWatchAsync("subscribers", "list", "--data", Data);

        Assert.Equal(2, code);
        AssertOneErrorLine(errors, "error: ");
        Assert.Contains(Path.Combine(Data, "token.key"), errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOutboxThatCannotBeWrittenDefersTheDigestAndThePassEndsWithItsSummary()
    {
        await using var server = await FeedServer.StartAsync(("/wire.xml", "wire.xml", "application/rss+xml"));
        var feeds = FeedServer.WriteCatalog(temp.Path, server, ("wire", "/wire.xml"));
        await NkWatchAsync("subscribers", "add", "desk@example.org", "--frequency", "instant", "--data", Data);
        var blocked = Path.Combine(Data, "outbox");
        await File.WriteAllTextAsync(blocked, "a file where the outbox folder should be");

        var (code, output, _) = await NkWatchAsync("run", "--once", "--data", Data, "--feeds", feeds);
        File.Delete(blocked);
        var (again, retried, _) = await NkWatchAsync("run", "--once", "--data", Data, "--feeds", feeds);

        Assert.True(code == 0, output);
        Assert.True(output.Contains(": deferred, ", StringComparison.Ordinal), output);
        Assert.Contains("the outbox cannot be written", output, StringComparison.Ordinal);
        Assert.Contains("polled 1 feeds (0 failed)", output, StringComparison.Ordinal);
        Assert.Equal(0, again);
        Assert.Contains("1 digests sent", retried, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(blocked, "*.eml"));
    }

    [Fact]
    public async Task AnUnreadableSubscriberRowIsLoggedWithItsIdAndTheOthersGetTheirDigests()
    {
        await using var server = await FeedServer.StartAsync(("/wire.xml", "wire.xml", "application/rss+xml"));
        var feeds = FeedServer.WriteCatalog(temp.Path, server, ("wire", "/wire.xml"));
        var database = Path.Combine(Data, "nkwatch.db");
        var directory = new SubscriberDirectory(new SqliteSubscriberStore(new SqliteDatabase(database)), TimeProvider.System);
        var broken = await directory.AddConfirmedAsync("broken@example.org", Frequency.Instant, [], default);
        await directory.AddConfirmedAsync("fine@example.org", Frequency.Instant, [], default);
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE subscribers SET body = json_set(body, '$.frequency', 'hourly') WHERE id = $id";
            command.Parameters.AddWithValue("$id", broken.Id);
            await command.ExecuteNonQueryAsync();
        }

        var (code, output, errors) = await NkWatchProcess.RunAsync(["run", "--once", "--data", Data, "--feeds", feeds, "--rules", RepositoryRoot.Combine("config", "rules.json")]);

        Assert.Equal(0, code);
        Assert.Contains($"Subscriber {broken.Id} cannot be read", errors, StringComparison.Ordinal);
        Assert.Contains("1 digests sent", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", errors, StringComparison.Ordinal);
    }

    private static void AssertOneErrorLine(string errors, string start)
    {
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("data: ", StringComparison.Ordinal)).ToList();
        Assert.StartsWith(start, Assert.Single(lines), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
    }
}
