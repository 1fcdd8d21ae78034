using BenchmarkDotNet.Running;
using MojibakeFix.Benchmarks;

// dotnet run -c Release --project benchmarks/MojibakeFix.Benchmarks -- --filter '*'
// benchmarks/run.sh runs the suite and copies the markdown reports to benchmarks/results/; then
// dotnet run -c Release --project benchmarks/MojibakeFix.Benchmarks -- summary   writes benchmarks/results/summary.md
// and the README's speed table (between its speed:begin and speed:end lines) from the FixBenchmarks report.
if (args is ["summary", ..])
{
    string dir = args.Length > 1 ? args[1] : "benchmarks/results";
    string? readme = args.Length > 2 ? args[2] : args.Length == 1 ? "README.md" : null;
    return SpeedTable.Write(Path.Combine(dir, "MojibakeFix.Benchmarks.FixBenchmarks-report-github.md"), Path.Combine(dir, "summary.md"), readme);
}

// dotnet run -c Release --project benchmarks/MojibakeFix.Benchmarks -- languages BEFORE.md AFTER.md OUT.md   compares
// two LanguageBenchmarks reports (two commits, each run with benchmarks/run.sh '*LanguageBenchmarks*').
if (args is ["languages", string before, string after, string output])
{
    return SpeedTable.WriteLanguages(before, after, output);
}

// benchmarks/cli.sh: a results file into the README between the <!-- name:begin --> and <!-- name:end --> lines.
if (args is ["readme-table", string name, string table, string readmePath])
{
    return SpeedTable.Splice(readmePath, name, File.ReadAllText(table));
}

if (args is ["make-file", string kind, string megabytes, string path])
{
    // Input files for benchmarks/cli.sh: the benchmark inputs, as UTF-8, repeated to the size asked.
    int target = int.Parse(megabytes, System.Globalization.CultureInfo.InvariantCulture) << 20;
    string unit = kind == "damaged" ? Inputs.Damaged(8 << 20) : Inputs.Clean(8 << 20);
    byte[] bytes = System.Text.Encoding.UTF8.GetBytes(unit);
    using var file = File.Create(path);
    for (long written = 0; written < target; written += bytes.Length)
    {
        file.Write(bytes);
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
