using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace MojibakeFix.Benchmarks;

/// <summary>
/// How much of the clean-text speed at 1 KB and 64 KB in <see cref="FixBenchmarks"/> comes from calling the same input
/// again and again. The 32 MB clean text is cut into pieces of <see cref="Bytes"/>; every call fixes one piece.
/// "same": each piece 64 times in a row before the next one, as a benchmark of one input does; "cached": the next
/// piece at every call, among the same pieces as "same" (2 MB of them, taken evenly from the whole text);
/// "streamed": the next piece at every call through the whole 32 MB, as a server fixing different documents does.
/// Every call first reads its piece with a bare scan (as <see cref="CleanTextBenchmarks"/>' baseline, over a range of noncharacters), so that every
/// mode finds the piece in the nearest caches and pays the same for it: "same" against "cached" is the order alone,
/// what the CPU learns from seeing one input again (its branch predictor learns the filter's branches over a
/// repeated piece). Run with <c>benchmarks/run.sh '*InputRotationBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class InputRotationBenchmarks
{
    private string[] _pieces = [];
    private byte[][] _utf8 = [];
    private char[] _fixed = [];
    private ArrayBufferWriter<byte> _writer = new();
    private uint _call;
    private bool _touched; // (a field: the scans' results are kept)
    private uint _repeats = 1; // calls on one piece before the next: 64 for "same", else 1

    /// <summary>"same", "cached" or "streamed" (see the class).</summary>
    [Params("same", "cached", "streamed")]
    public string Order { get; set; } = "same";

    /// <summary>Piece size in bytes of UTF-16.</summary>
    [Params(1 << 10, 64 << 10)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string text = Inputs.Clean(32 << 20);
        int chars = Bytes / 2;
        int all = text.Length / chars, sample = Math.Min(all, (2 << 20) / Bytes), every = Order == "streamed" ? 1 : all / sample;
        _repeats = Order == "same" ? 64u : 1u;
        _pieces = [.. Enumerable.Range(0, Order == "streamed" ? all : sample).Select(k => text.Substring(k * every * chars, chars))];
        _utf8 = [.. _pieces.Select(Encoding.UTF8.GetBytes)];
        _fixed = new char[Mojibake.GetMaxFixedLength(chars)];
        _writer = new ArrayBufferWriter<byte>(_utf8.Max(b => b.Length) + 16);
        Console.WriteLine($"// {_pieces.Length} pieces of {Bytes:N0} bytes; {_pieces.Count(p => !ReferenceEquals(p, Mojibake.Fix(p)))} of them changed by Fix");
    }

    // The piece of this call (the same division in every mode, so they cost the same), read once by the bare scan
    // first, which brings it into the nearest caches.
    private int Next()
    {
        int k = (int)(_call++ / _repeats % (uint)_pieces.Length);
        _touched ^= _pieces[k].AsSpan().ContainsAnyInRange('\uFDD0', '\uFDEF'); // (noncharacters: the scan reads it all)
        return k;
    }

    /// <summary>The span core into a preallocated buffer, as <see cref="FixBenchmarks.FixSpan"/>.</summary>
    [Benchmark(Baseline = true)]
    public int FixSpan()
    {
        Mojibake.Fix(_pieces[Next()], _fixed, out _, out int written);
        return written;
    }

    /// <summary>The one-call repair: the same instance back for clean text.</summary>
    [Benchmark]
    public string Fix() => Mojibake.Fix(_pieces[Next()]);

    /// <summary>The UTF-8 byte path into a reused writer.</summary>
    [Benchmark]
    public int FixUtf8()
    {
        _writer.ResetWrittenCount();
        Mojibake.FixUtf8(_utf8[Next()], _writer);
        return _writer.WrittenCount;
    }
}
