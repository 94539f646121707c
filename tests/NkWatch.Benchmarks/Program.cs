using BenchmarkDotNet.Running;

// `dotnet run -c Release --project tests/NkWatch.Benchmarks -- --filter '*'` runs them all;
// `--list flat` names them. Results and the machine they ran on are kept in docs/benchmarks.md.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
