using BenchmarkDotNet.Running;
using NkWatch.Benchmarks.Feeds;

// `dotnet run -c Release --project tests/NkWatch.Benchmarks -- --filter '*'` runs them all;
// `--list flat` names them. Results and the machine they ran on are kept in docs/benchmarks.md.
// `-- --poll [FEEDS] [ITEMS]` runs the feed polling harness instead (see Feeds/PollHarness.cs).
if (args is ["--poll", .. var rest])
{
    return await PollHarness.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
