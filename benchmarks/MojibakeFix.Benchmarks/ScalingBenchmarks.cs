using BenchmarkDotNet.Attributes;

namespace MojibakeFix.Benchmarks;

/// <summary>Adversarial inputs at n and 8n: cost must grow linearly.</summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class ScalingBenchmarks
{
    private string _text = "";

    public static IEnumerable<string> AllShapes => MojibakeFix.Corpus.Adversarial.Shapes;

    [ParamsSource(nameof(AllShapes))]
    public string Shape { get; set; } = "";

    /// <summary>Input size in bytes of UTF-16 (n and 8n).</summary>
    [Params(128 << 10, 1 << 20)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup() => _text = MojibakeFix.Corpus.Adversarial.Make(Shape, Bytes / 2);

    [Benchmark]
    public string Fix() => Mojibake.Fix(_text);
}
