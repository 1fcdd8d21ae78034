using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace MojibakeFix.Benchmarks;

/// <summary>
/// The same clean lines of the 24 languages in two orders: one language after another, and the languages' lines in
/// turn, as the mixed input of <see cref="FixBenchmarks"/> has them. Each vector block and each line costs the same
/// work either way; what differs is how often the classifier's branches change their way, once per language or
/// once per line. Run with <c>benchmarks/run.sh '*InterleavingBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class InterleavingBenchmarks
{
    private string _text = "";
    private byte[] _utf8 = [];
    private ArrayBufferWriter<byte> _writer = new();

    /// <summary>"languages": one language after another; "lines": their lines in turn.</summary>
    [Params("languages", "lines")]
    public string Order { get; set; } = "languages";

    /// <summary>Input size in bytes of UTF-16: 1 MB of each language.</summary>
    [Params(24 << 20)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = Inputs.AllLanguages(Bytes, byLine: Order == "lines");
        _utf8 = Encoding.UTF8.GetBytes(_text);
        _writer = new ArrayBufferWriter<byte>(_utf8.Length + 16);
    }

    /// <summary>The physical reference: one vectorized pass over the same memory for a range absent from it.</summary>
    [Benchmark(Baseline = true)]
    public bool BareScan() => _text.AsSpan().ContainsAnyInRange('\uFFF0', '\uFFFF');

    /// <summary>The one-call repair of the string (the same instance back: the text is clean).</summary>
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
