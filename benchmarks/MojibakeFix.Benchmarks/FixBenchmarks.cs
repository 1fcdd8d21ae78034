using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace MojibakeFix.Benchmarks;

/// <summary>
/// The string, span and UTF-8 paths against the physical references of the same run: a bare vectorized scan of the
/// same memory (the baseline) and a plain UTF-16 → UTF-8 transcode into a preallocated buffer.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class FixBenchmarks
{
    private string _text = "";
    private byte[] _utf8 = [];
    private byte[] _transcoded = [];
    private char[] _fixed = [];
    private ArrayBufferWriter<byte> _writer = new();

    /// <summary>Input kind.</summary>
    [Params("clean", "damaged", "feed")]
    public string Input { get; set; } = "clean";

    /// <summary>Input size in bytes of UTF-16.</summary>
    [Params(1 << 10, 64 << 10, 32 << 20)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = Input switch { "damaged" => Inputs.Damaged(Bytes), "feed" => Inputs.Feed(Bytes), _ => Inputs.Clean(Bytes) };
        _utf8 = Encoding.UTF8.GetBytes(_text);
        _transcoded = new byte[Encoding.UTF8.GetMaxByteCount(_text.Length)];
        _fixed = new char[Mojibake.GetMaxFixedLength(_text.Length)];
        _writer = new ArrayBufferWriter<byte>(_utf8.Length + 16);
    }

    /// <summary>The physical reference: one vectorized pass over the same memory for a range absent from it.</summary>
    [Benchmark(Baseline = true)]
    public bool BareScan() => _text.AsSpan().ContainsAnyInRange('\uFFF0', '\uFFFF');

    /// <summary>A plain UTF-16 → UTF-8 transcode into a preallocated buffer.</summary>
    [Benchmark]
    public int Transcode() => Encoding.UTF8.GetBytes(_text, _transcoded);

    /// <summary>The one-call repair.</summary>
    [Benchmark]
    public string Fix() => Mojibake.Fix(_text);

    /// <summary>The span core into a preallocated buffer, as the transcode baseline writes (no result string).</summary>
    [Benchmark]
    public int FixSpan()
    {
        Mojibake.Fix(_text, _fixed, out _, out int written);
        return written;
    }

    /// <summary>The UTF-8 byte path into a reused writer.</summary>
    [Benchmark]
    public int FixUtf8()
    {
        _writer.ResetWrittenCount();
        Mojibake.FixUtf8(_utf8, _writer);
        return _writer.WrittenCount;
    }
}
