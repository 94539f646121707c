using System.Text.Json;

namespace NkWatch.Integration.Tests.Functions;

/// <summary>
/// The functions.metadata the Functions SDK writes at build time is what the host reads to bind
/// triggers; Core Tools cannot run here, so its content is checked directly.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Dictionary<string, JsonElement> Functions = Load();

    [Theory]
    [InlineData("SchedulePolls", "%PollSchedule%")]
    [InlineData("ScheduleDigests", "%DigestSchedule%")]
    public void TimerFunctionsTakeTheirScheduleFromAnAppSetting(string name, string schedule)
    {
        var binding = TriggerOf(name);

        Assert.Equal("timerTrigger", binding.GetProperty("type").GetString());
        Assert.Equal(schedule, binding.GetProperty("schedule").GetString());
    }

    [Theory]
    [InlineData("PollFeed", "feed-poll")]
    [InlineData("StoreMatch", "matches")]
    [InlineData("SendDigest", "digests")]
    public void QueueFunctionsListenOnTheirQueue(string name, string queue)
    {
        var binding = TriggerOf(name);

        Assert.Equal("queueTrigger", binding.GetProperty("type").GetString());
        Assert.Equal(queue, binding.GetProperty("queueName").GetString());
    }

    [Fact]
    public void TheAppHasExactlyTheFunctionsOfTheDesignAndAllRunInTheIsolatedWorker()
    {
        string[] expected =
        [
            "Assets", "ConfirmSubscription", "Health", "Matches", "MatchesAtom", "PollFeed", "Preferences", "ScheduleDigests",
            "SchedulePolls", "SendDigest", "SendGridEvents", "StoreMatch", "Subscribe", "SubscribePage", "Unsubscribe",
        ];

        Assert.Equal(expected, Functions.Keys.Order(StringComparer.Ordinal));
        Assert.All(Functions.Values, f => Assert.Equal("dotnet-isolated", f.GetProperty("language").GetString()));
    }

    /// <summary>The HTTP routes of DESIGN.md (under the host's /api prefix); only health needs a function key.</summary>
    [Theory]
    [InlineData("SubscribePage", "subscribe", "get", "Anonymous")]
    [InlineData("Subscribe", "subscriptions", "post", "Anonymous")]
    [InlineData("ConfirmSubscription", "subscriptions/confirm", "get,post", "Anonymous")]
    [InlineData("Preferences", "preferences", "get,post", "Anonymous")]
    [InlineData("Unsubscribe", "subscriptions/unsubscribe", "get,post", "Anonymous")]
    [InlineData("SendGridEvents", "sendgrid/events", "post", "Anonymous")]
    [InlineData("Matches", "matches", "get", "Anonymous")]
    [InlineData("MatchesAtom", "matches.atom", "get", "Anonymous")]
    [InlineData("Health", "health", "get", "Function")]
    public void HttpFunctionsServeTheContractRoutes(string name, string route, string methods, string authLevel)
    {
        var binding = TriggerOf(name);

        Assert.Equal("httpTrigger", binding.GetProperty("type").GetString());
        Assert.Equal(route, binding.GetProperty("route").GetString());
        Assert.Equal(methods, string.Join(',', binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString())));
        Assert.Equal(authLevel, binding.GetProperty("authLevel").GetString());
    }

    [Fact]
    public void HostJsonDecodesQueueMessagesAsBase64AndRetriesAFewTimes()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsOutput(), "host.json")));
        var queues = host.RootElement.GetProperty("extensions").GetProperty("queues");

        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
        Assert.InRange(queues.GetProperty("maxDequeueCount").GetInt32(), 2, 10);
    }

    [Fact]
    public void FunctionAppShipsTheFeedCatalogueAndRules()
    {
        Assert.True(File.Exists(Path.Combine(FunctionsOutput(), "config", "feeds.json")));
        Assert.True(File.Exists(Path.Combine(FunctionsOutput(), "config", "rules.json")));
    }

    private static JsonElement TriggerOf(string name) =>
        Functions[name].GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    /// <summary>The function project's own build output, built with the same configuration as the tests.</summary>
    private static string FunctionsOutput()
    {
        var framework = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory))!;
        var configuration = Path.GetFileName(framework);
        return RepositoryRoot.Combine("functions", "NkWatch.Functions", "bin", configuration, "net10.0");
    }

    private static Dictionary<string, JsonElement> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsOutput(), "functions.metadata")));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone());
    }
}
