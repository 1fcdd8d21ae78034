using BenchmarkDotNet.Running;
using MojibakeFix.Benchmarks;

// dotnet run -c Release --project benchmarks/MojibakeFix.Benchmarks -- --filter '*'
// benchmarks/run.sh runs the suite and copies the markdown reports to benchmarks/results/; then
// dotnet run -c Release --project benchmarks/MojibakeFix.Benchmarks -- summary   writes benchmarks/results/summary.md
if (args is ["summary", ..])
{
    string dir = args.Length > 1 ? args[1] : "benchmarks/results";
    return SpeedTable.Write(Path.Combine(dir, "MojibakeFix.Benchmarks.FixBenchmarks-report-github.md"), Path.Combine(dir, "summary.md"));
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
