using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace MojibakeFix.Benchmarks;

/// <summary>
/// The repair path alone: the "damaged" input (clean multilingual text misread as Windows-1252) against the
/// UTF-16 → UTF-8 transcode of the same run as the baseline, so one short job gives the ratio issue 4 sets a
/// goal for (Fix at ≥ 50% of the transcode).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class DamagedBenchmarks
{
    private string _text = "";
    private byte[] _utf8 = [];
    private byte[] _transcoded = [];
    private ArrayBufferWriter<byte> _writer = new();

    /// <summary>Input size in bytes of UTF-16.</summary>
    [Params(1 << 10, 64 << 10, 32 << 20)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = Inputs.Damaged(Bytes);
        _utf8 = Encoding.UTF8.GetBytes(_text);
        _transcoded = new byte[Encoding.UTF8.GetMaxByteCount(_text.Length)];
        _writer = new ArrayBufferWriter<byte>(_utf8.Length + 16);
    }

    /// <summary>A plain UTF-16 → UTF-8 transcode into a preallocated buffer.</summary>
    [Benchmark(Baseline = true)]
    public int Transcode() => Encoding.UTF8.GetBytes(_text, _transcoded);

    /// <summary>The one-call repair.</summary>
    [Benchmark]
    public string Fix() => Mojibake.Fix(_text);

    /// <summary>
    /// The one-call repair with the Windows-1252 pass's plain-chain shortcut turned off (same output): the A/B of
    /// that shortcut within one run.
    /// </summary>
    [Benchmark]
    public string FixGeneralPath()
    {
        MojibakeFix.Repair.Repairer.t_generalPathOnly = true;
        try
        {
            return Mojibake.Fix(_text);
        }
        finally
        {
            MojibakeFix.Repair.Repairer.t_generalPathOnly = false;
        }
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
