using System.Net;
using System.Text.Json;
using NkWatch.Host.Tests.Host;
using Xunit.Abstractions;

namespace NkWatch.Host.Tests.Worker;

/// <summary>The published worker starts under the host's command lines and tells the host every function the app has.</summary>
[Collection(HostCollection.Name)]
public sealed class WorkerStartTests(HostFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    [Fact]
    public async Task TheWorkerConnectsAndIndexesExactlyTheFunctionsOfFunctionsMetadata()
    {
        await fixture.ResetStorageAsync();
        await using var host = await FunctionsHost.StartAsync(fixture.App, new HostLog(output), AppSettings.Minimal(fixture.StorageConnection, work));

        var published = fixture.App.FunctionsMetadata();
        Assert.Equal(published.Keys.Order(StringComparer.Ordinal), host.Functions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(15, host.Functions.Count);
        foreach (var (name, function) in host.Functions)
        {
            Assert.Equal("dotnet-isolated", function.Metadata.Language);
            var expected = published[name].GetProperty("bindings").EnumerateArray().Select(Normalized).Order(StringComparer.Ordinal);
            Assert.Equal(expected, function.Metadata.RawBindings.Select(raw => Normalized(JsonDocument.Parse(raw).RootElement)).Order(StringComparer.Ordinal));
        }

        Assert.Equal("True", host.WorkerCapabilities["WorkerApplicationInsightsLoggingEnabled"]);
        output.WriteLine($"published in {fixture.App.PublishTime.TotalSeconds:F0} s ({PublishedApp.PublishArgumentsVariable}: '{fixture.App.PublishArguments}')");
        output.WriteLine(host.ColdStartSummary());
    }

    /// <summary>The worker reads only the --functions-* arguments; the older ones the host also passes must not stop it.</summary>
    [Fact]
    public async Task TheHostsCommandLineWithTheOlderArgumentsStartsTheWorker()
    {
        await fixture.ResetStorageAsync();
        await using var host = await FunctionsHost.StartAsync(fixture.App, new HostLog(output), AppSettings.Minimal(fixture.StorageConnection, work), WorkerArgumentStyle.WithOlderArguments);

        using var page = await host.GetAsync("/api/subscribe");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(15, host.Functions.Count);
    }

    /// <summary>
    /// A binding's JSON with its keys in order and case-folded, without the empty "properties"
    /// object the build writes and the worker leaves out, so two spellings of one binding compare equal.
    /// </summary>
    private static string Normalized(JsonElement binding) =>
        JsonSerializer.Serialize(binding.EnumerateObject()
            .Where(p => !(p.Name == "properties" && p.Value.ValueKind == JsonValueKind.Object && !p.Value.EnumerateObject().Any()))
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(p => p.Name.ToLowerInvariant(), p => p.Value));
}
