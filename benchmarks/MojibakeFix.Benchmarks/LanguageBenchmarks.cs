using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace MojibakeFix.Benchmarks;

/// <summary>
/// Clean text one language at a time (the 24 of the mixed input, 1 MB of UTF-16 each): the mix averages away the
/// languages whose correct text the classifiers cannot rule out a vector at a time (accented letters before the
/// characters damage is made of, rare CJK characters), which cost a line's repair attempt each. Run with
/// <c>benchmarks/run.sh '*LanguageBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class LanguageBenchmarks
{
    private string _text = "";
    private byte[] _utf8 = [];
    private ArrayBufferWriter<byte> _writer = new();

    /// <summary>The catalog language.</summary>
    [ParamsSource(nameof(AllLanguages))]
    public string Language { get; set; } = "fr";

    /// <summary>Input size in bytes of UTF-16 (one size: the MB/s column reads it).</summary>
    [Params(1 << 20)]
    public int Bytes { get; set; }

    /// <summary>The languages of <see cref="Inputs.Languages"/>.</summary>
    public static IEnumerable<string> AllLanguages => Inputs.Languages;

    [GlobalSetup]
    public void Setup()
    {
        _text = Inputs.CleanIn(Language, Bytes);
        _utf8 = Encoding.UTF8.GetBytes(_text);
        _writer = new ArrayBufferWriter<byte>(_utf8.Length + 16);
    }

    /// <summary>The physical reference: one vectorized pass over the same memory for a range absent from it.</summary>
    [Benchmark(Baseline = true)]
    public bool BareScan() => _text.AsSpan().ContainsAnyInRange('\uFFF0', '\uFFFF');

    /// <summary>The one-call repair of the string.</summary>
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
