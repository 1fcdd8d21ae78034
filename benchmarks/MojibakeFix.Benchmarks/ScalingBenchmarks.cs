using System.Text;
using BenchmarkDotNet.Attributes;

namespace MojibakeFix.Benchmarks;

/// <summary>Adversarial inputs at n and 8n: cost must grow linearly.</summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class ScalingBenchmarks
{
    private string _text = "";

    [Params("Ã run", "Ã© chain", "â?? run", "alternating", "ten layers", "NUL")]
    public string Shape { get; set; } = "";

    [Params(128 << 10, 1 << 20)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string unit = Shape switch
        {
            "Ã run" => "Ã",
            "Ã© chain" => "Ã©",
            "â?? run" => "â??",
            "alternating" => "aÃ©b",
            "ten layers" => MojibakeFix.Corpus.Damage.Cp1252("é", 10) + " ",
            _ => "\0",
        };
        var sb = new StringBuilder();
        while (sb.Length * 2 < Bytes)
        {
            sb.Append(unit);
        }

        _text = sb.ToString(0, Bytes / 2);
    }

    [Benchmark]
    public string Fix() => Mojibake.Fix(_text);
}
