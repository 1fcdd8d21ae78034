using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace MojibakeFix.Benchmarks;

/// <summary>
/// Where the time of the 32 MB feed of <see cref="FixBenchmarks"/> goes, in one run: the feed's lines with each damaged
/// line replaced by its repair ("repaired": the work of the clean text alone), the feed itself ("feed": one damaged line
/// in a hundred, spread), and the feed's lines with the damaged ones gathered at the end ("gathered": the same lines
/// and repairs, visited in one stretch). Feed minus repaired is what the damaged lines cost; feed minus gathered, what
/// spreading them among clean lines adds (the repair's code and data cold at each one, a copy per clean stretch).
/// The repaired text is a little shorter than the others (a repair shortens its line); the MB/s column counts
/// <see cref="Bytes"/> for all three. Run with <c>benchmarks/run.sh '*FeedCompositionBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class FeedCompositionBenchmarks
{
    private string _text = "";
    private byte[] _utf8 = [];
    private char[] _fixed = [];
    private ArrayBufferWriter<byte> _writer = new();

    /// <summary>"repaired", "feed" or "gathered" (see the class).</summary>
    [Params("repaired", "feed", "gathered")]
    public string Layout { get; set; } = "feed";

    /// <summary>Input size in bytes of UTF-16.</summary>
    [Params(32 << 20)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string[] lines = Inputs.Feed(Bytes).Split('\n');
        string[] repaired = [.. lines.Select(Mojibake.Fix)];
        bool[] damaged = [.. lines.Select((line, i) => !ReferenceEquals(line, repaired[i]))];
        _text = Layout switch
        {
            "repaired" => string.Join('\n', repaired),
            "gathered" => string.Join('\n', lines.Where((_, i) => !damaged[i]).Concat(lines.Where((_, i) => damaged[i]))),
            _ => string.Join('\n', lines),
        };
        Console.WriteLine($"// {Layout}: {damaged.Count(d => d)} damaged lines of {lines.Length}, {_text.Length * 2:N0} bytes");
        _utf8 = Encoding.UTF8.GetBytes(_text);
        _fixed = new char[Mojibake.GetMaxFixedLength(_text.Length)];
        _writer = new ArrayBufferWriter<byte>(_utf8.Length + 16);
    }

    /// <summary>The span core into a preallocated buffer (no result string), as <see cref="FixBenchmarks.FixSpan"/>.</summary>
    [Benchmark(Baseline = true)]
    public int FixSpan()
    {
        Mojibake.Fix(_text, _fixed, out _, out int written);
        return written;
    }

    /// <summary>The one-call repair; the result is a new string where a line changed.</summary>
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
