using BenchmarkDotNet.Attributes;

namespace MojibakeFix.Benchmarks;

/// <summary>
/// The same clean lines of the 24 languages in two orders: one language after another, and the languages' lines in
/// turn, as the mixed input of <see cref="FixBenchmarks"/> has them. Each line costs the same work either way;
/// what differs is how often the classifier's branches may change their way, once per language or once per line.
/// Run with <c>benchmarks/run.sh '*InterleavingBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class InterleavingBenchmarks : CleanTextBenchmarks
{
    /// <summary>"languages": one language after another; "lines": their lines in turn.</summary>
    [Params("languages", "lines")]
    public string Order { get; set; } = "languages";

    /// <summary>Input size in bytes of UTF-16: 1 MB of each language.</summary>
    [Params(24 << 20)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup() => Use(Inputs.AllLanguages(Bytes, byLine: Order == "lines"));
}
