using System.Globalization;
using BenchmarkDotNet.Running;
using NkWatch.Benchmarks.Classification;
using NkWatch.Benchmarks.Feeds;

// `dotnet run -c Release --project tests/NkWatch.Benchmarks -- --filter '*'` runs them all;
// `--list flat` names them. Results and the machine they ran on are kept in docs/benchmarks.md.
// `-- --poll [FEEDS] [ITEMS]` runs the feed polling harness instead (see Feeds/PollHarness.cs).
// `-- typical-items N` writes N JSON lines for timing `nkwatch classify` (docs/benchmarks.md).
if (args is ["--poll", .. var rest])
{
    return await PollHarness.RunAsync(rest);
}

if (args is ["typical-items", var count])
{
    using var output = new StreamWriter(Console.OpenStandardOutput());
    TypicalItems.WriteJsonLines(output, int.Parse(count, CultureInfo.InvariantCulture));
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
