using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/MojibakeFix.Benchmarks -- --filter '*'
// (benchmarks/run.sh runs the suite and copies the markdown reports to benchmarks/results/.)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
