using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NkWatch.Storage.Azure;
using Xunit;

namespace NkWatch.Testing;

/// <summary>
/// The real Azure Storage emulator on loopback. `.ci/run` starts one and passes its connection
/// string in NKWATCH_TEST_STORAGE; otherwise the fixture starts Azurite from the repository's
/// node_modules (`npm ci`) on free ports and stops it afterwards. Missing Azurite is a failure,
/// not a skip: these tests are the proof that the Azure adapters work.
/// </summary>
public class AzuriteFixture : IAsyncLifetime
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

    private const int MaxStarts = 3;

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

        // Azurite takes no port 0, so its ports are probed free first; another process can take one
        // before Azurite binds it, and then Azurite exits: start again on fresh ports.
        for (var attempt = 1; ; attempt++)
        {
            int blob = FreePort(), queue = FreePort(), table = FreePort();
            process = Start(azurite, blob, queue, table);
            if (await ListensAsync(blob, queue, table).ConfigureAwait(false))
            {
                ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};"
                    + $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
                return;
            }

            var code = process.ExitCode;
            process.Dispose();
            process = null;
            if (attempt == MaxStarts)
            {
                throw new InvalidOperationException($"Azurite exited with code {code} on each of {MaxStarts} starts");
            }
        }
    }

    private static Process Start(string azurite, int blob, int queue, int table)
    {
        var start = new ProcessStartInfo(azurite)
        {
            ArgumentList =
            {
                "--silent", "--inMemoryPersistence", "--skipApiVersionCheck",
                "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
                "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
                "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start Azurite");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>True once Azurite listens on all three ports; false when it exited first (a port was taken).</summary>
    private async Task<bool> ListensAsync(params int[] ports)
    {
        foreach (var port in ports)
        {
            if (!await WaitForPortAsync(port).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<bool> WaitForPortAsync(int port)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (process!.HasExited)
            {
                return false;
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"Azurite did not listen on port {port} within 30 s");
    }
}
