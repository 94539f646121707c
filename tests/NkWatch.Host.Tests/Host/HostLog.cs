using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace NkWatch.Host.Tests.Host;

/// <summary>
/// What the worker wrote (stdout, stderr, its RpcLog messages) and what the stand-in did, in
/// order: shown live in the test's output and kept, so a failure can quote the worker's own words.
/// </summary>
public sealed class HostLog(ITestOutputHelper output)
{
    private readonly ConcurrentQueue<string> lines = new();

    public void Write(string source, string line)
    {
        var text = $"[{source}] {line}";
        lines.Enqueue(text);
        try
        {
            output.WriteLine(text);
        }
        catch (InvalidOperationException)
        {
            // The test has finished; the worker's last words are still kept here.
        }
    }

    /// <summary>The last lines, for a failure message.</summary>
    public string Tail(int count = 80) => string.Join(Environment.NewLine, lines.TakeLast(count));
}
