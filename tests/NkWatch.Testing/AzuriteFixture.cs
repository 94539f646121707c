using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using NkWatch.Storage.Azure;
using Xunit;

namespace NkWatch.Testing;

/// <summary>
/// The real Azure Storage emulator on loopback. `.ci/run` starts one and passes its connection
/// string in NKWATCH_TEST_STORAGE; otherwise the fixture starts Azurite from the repository's
/// node_modules (`npm ci`) on ports the system picks and stops it afterwards. Missing Azurite is a failure,
/// not a skip: these tests are the proof that the Azure adapters work.
/// </summary>
public partial class AzuriteFixture : IAsyncLifetime
{
    private readonly bool shareGiven;

    public AzuriteFixture()
        : this(shareGiven: true)
    {
    }

    /// <param name="shareGiven">False: always start an emulator of its own, for users of fixed table and queue names.</param>
    protected AzuriteFixture(bool shareGiven) => this.shareGiven = shareGiven;

    // Azurite's documented development account; public, and accepted only by the emulator.
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Azurite's services, as named in its output and connection strings, and in its options.</summary>
    private static readonly (string Name, string Option)[] Services = [("Blob", "blob"), ("Queue", "queue"), ("Table", "table")];

    /// <summary>An upper bound on a start (Node loading Azurite on a busy machine), not its expected time.</summary>
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);

    private Process? process;

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>An account view whose tables and queues no other test sees.</summary>
    public AzureStorageAccount IsolatedAccount() =>
        AzureStorageAccount.FromConnectionString(ConnectionString, "t" + Guid.NewGuid().ToString("N")[..10]);

    public async Task InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable("NKWATCH_TEST_STORAGE");
        if (shareGiven && !string.IsNullOrEmpty(given))
        {
            ConnectionString = given;
            return;
        }

        var azurite = RepositoryRoot.Combine("node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run `npm ci` in the repository root.");
        }

        // Port 0 for each service: the system picks free ports as Azurite binds them (no probe
        // that another process could race), and Azurite prints the address each one listens at.
        var endpoints = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var errors = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process = Create(azurite);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && ListeningLine().Match(line) is { Success: true } match)
            {
                endpoints[match.Groups["service"].Value] = match.Groups["url"].Value;
                if (endpoints.Count == Services.Length)
                {
                    listening.TrySetResult();
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                errors.Enqueue(line);
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"Azurite exited before listening: {string.Join(" | ", errors)}"));
        if (!process.Start())
        {
            throw new InvalidOperationException("could not start Azurite");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(StartBound).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Azurite did not listen on all of {string.Join(", ", Services.Select(s => s.Name))} within {StartBound.TotalSeconds} s: {string.Join(" | ", errors)}");
        }

        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};"
            + string.Concat(Services.Select(s => $"{s.Name}Endpoint={endpoints[s.Name]}/devstoreaccount1;"));
    }

    private static Process Create(string azurite) => new() { StartInfo = StartInfo(azurite), EnableRaisingEvents = true };

    private static ProcessStartInfo StartInfo(string azurite)
    {
        var start = new ProcessStartInfo(azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry"])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (_, option) in Services)
        {
            start.ArgumentList.Add($"--{option}Host");
            start.ArgumentList.Add("127.0.0.1");
            start.ArgumentList.Add($"--{option}Port");
            start.ArgumentList.Add("0");
        }

        return start;
    }

    public Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process?.Dispose();
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at (?<url>https?://\S+)")]
    private static partial Regex ListeningLine();
}
