using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace MojibakeFix.Benchmarks;

/// <summary>
/// The clean rows of <see cref="FixBenchmarks"/> alone (the same inputs, baseline and methods), so a change to the
/// clean-text paths can be measured A/B in a few minutes: <c>benchmarks/run.sh '*CleanUtf8Benchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class CleanUtf8Benchmarks
{
    private string _text = "";
    private byte[] _utf8 = [];
    private ArrayBufferWriter<byte> _writer = new();

    /// <summary>Input size in bytes of UTF-16.</summary>
    [Params(1 << 10, 64 << 10, 32 << 20)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = Inputs.Clean(Bytes);
        _utf8 = Encoding.UTF8.GetBytes(_text);
        _writer = new ArrayBufferWriter<byte>(_utf8.Length + 16);
    }

    /// <summary>The physical reference: one vectorized pass over the same memory for a range absent from it.</summary>
    [Benchmark(Baseline = true)]
    public bool BareScan() => _text.AsSpan().ContainsAnyInRange('\uFFF0', '\uFFFF');

    /// <summary>The one-call repair of the string (the control: the UTF-16 path).</summary>
    [Benchmark]
    public string Fix() => Mojibake.Fix(_text);

    /// <summary>The UTF-8 byte path into a reused writer.</summary>
    [Benchmark]
    public int FixUtf8()
    {
        _writer.ResetWrittenCount();
        Mojibake.FixUtf8(_utf8, _writer);
        return _writer.WrittenCount;
    }
}
