using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace MojibakeFix.Benchmarks;

/// <summary>
/// The methods the clean-text benchmarks share: the bare scan of the same memory (the baseline), <c>Fix</c> and
/// <c>FixUtf8</c>. Each derived class chooses its input in its setup with <see cref="Use"/>.
/// </summary>
public abstract class CleanTextBenchmarks
{
    private string _text = "";
    private byte[] _utf8 = [];
    private ArrayBufferWriter<byte> _writer = new();

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

    /// <summary>Makes <paramref name="text"/> the input of every method, with its UTF-8 form and a writer that fits.</summary>
    protected void Use(string text)
    {
        _text = text;
        _utf8 = Encoding.UTF8.GetBytes(text);
        _writer = new ArrayBufferWriter<byte>(_utf8.Length + 16);
    }
}
