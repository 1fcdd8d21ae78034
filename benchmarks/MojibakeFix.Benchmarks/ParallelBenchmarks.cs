using BenchmarkDotNet.Attributes;

namespace MojibakeFix.Benchmarks;

/// <summary>N threads fixing independent strings: no shared mutable state, so throughput scales with cores.</summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class ParallelBenchmarks
{
    private string[] _texts = [];

    /// <summary>Worker threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _texts = Enumerable.Range(0, 256).Select(i => i % 2 == 0 ? Inputs.Feed(16 << 10) : Inputs.Damaged(16 << 10)).ToArray();
    }

    [Benchmark]
    public void FixAll() => Parallel.For(0, _texts.Length, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i => Mojibake.Fix(_texts[i]));
}
