using BenchmarkDotNet.Attributes;

namespace MojibakeFix.Benchmarks;

/// <summary>
/// The clean rows of <see cref="FixBenchmarks"/> alone (the same inputs, baseline and methods), so a change to the
/// clean-text paths can be measured A/B in a few minutes: <c>benchmarks/run.sh '*CleanUtf8Benchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class CleanUtf8Benchmarks : CleanTextBenchmarks
{
    /// <summary>Input size in bytes of UTF-16.</summary>
    [Params(1 << 10, 64 << 10, 32 << 20)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup() => Use(Inputs.Clean(Bytes));
}
