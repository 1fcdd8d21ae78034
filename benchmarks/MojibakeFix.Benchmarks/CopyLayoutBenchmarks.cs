using BenchmarkDotNet.Attributes;
using MojibakeFix.Internals;

namespace MojibakeFix.Benchmarks;

/// <summary>
/// The copy of unchanged stretches where the output lies a few bytes past the input modulo 4 KB, as a large string
/// repaired into a large <c>char[]</c> does, against a layout where it does not (<see cref="GapBytes"/> 0). Input and
/// output sit in one array, so the layout is the same in every run whatever the collector does. 32 MB of the clean
/// mix, copied in pieces of 8 K characters (the stretches between suspect lines run to a few thousand), by memmove
/// (<see cref="Span{T}.CopyTo"/>, the baseline) and by <see cref="BlockCopy"/>, and repaired whole by the span core.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class CopyLayoutBenchmarks
{
    private const int Piece = 8 << 10;
    private char[] _memory = [];
    private int _length;
    private int _outputAt;

    /// <summary>How many bytes past the input the output starts, modulo 4 KB.</summary>
    [Params(0, 4)]
    public int GapBytes { get; set; }

    /// <summary>Input size in bytes of UTF-16 (the MB/s column reads it).</summary>
    [Params(32 << 20)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string text = Inputs.Clean(Bytes);
        _length = text.Length;
        _outputAt = (_length * 2 / 4096 + 1) * 2048 + GapBytes / 2;
        _memory = new char[_outputAt + Mojibake.GetMaxFixedLength(_length)];
        text.CopyTo(_memory);
    }

    /// <summary>memmove, piece by piece.</summary>
    [Benchmark(Baseline = true)]
    public void Memmove()
    {
        for (int at = 0; at < _length; at += Piece)
        {
            int n = Math.Min(Piece, _length - at);
            _memory.AsSpan(at, n).CopyTo(_memory.AsSpan(_outputAt + at, n));
        }
    }

    /// <summary>The library's copy, piece by piece.</summary>
    [Benchmark]
    public void BlockCopyPieces()
    {
        for (int at = 0; at < _length; at += Piece)
        {
            int n = Math.Min(Piece, _length - at);
            BlockCopy.Copy(_memory.AsSpan(at, n), _memory.AsSpan(_outputAt + at, n));
        }
    }

    /// <summary>The span core over the clean text into the output.</summary>
    [Benchmark]
    public int FixSpan()
    {
        Mojibake.Fix(_memory.AsSpan(0, _length), _memory.AsSpan(_outputAt), out _, out int written);
        return written;
    }
}
