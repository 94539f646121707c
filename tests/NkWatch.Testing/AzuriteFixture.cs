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

        int blob = FreePort(), queue = FreePort(), table = FreePort();
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
        process = Process.Start(start) ?? throw new InvalidOperationException("could not start Azurite");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        foreach (var port in new[] { blob, queue, table })
        {
            await WaitForPortAsync(port).ConfigureAwait(false);
        }

        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};"
            + $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
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

    private async Task WaitForPortAsync(int port)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"Azurite did not listen on port {port} within 30 s");
    }
}
