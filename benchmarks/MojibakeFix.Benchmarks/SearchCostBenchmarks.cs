using BenchmarkDotNet.Attributes;

namespace MojibakeFix.Benchmarks;

/// <summary>
/// What each search costs on clean text: <c>Fix</c> with every search (the defaults) against <c>Fix</c> with the
/// double-byte search off, with the other single-byte code pages off, and with the Windows-1252 scan alone, in the
/// same run, so the share of each in the clean-text time reads from one report. Inputs: the 24-language mix and
/// the languages whose clean text costs most (Chinese, Japanese and Korean, where a correct line with a character
/// outside the frequency table is tried against the four double-byte pages; Ukrainian, whose letters are all lead
/// images of some code page). Run with <c>benchmarks/run.sh '*SearchCostBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class SearchCostBenchmarks
{
    private static readonly FixOptions NoDoubleByte = FixOptions.Default with { DoubleByteCodePages = false };
    private static readonly FixOptions NoOtherCodePages = FixOptions.Default with { OtherCodePages = false };
    private static readonly FixOptions Windows1252Only = FixOptions.Default with { DoubleByteCodePages = false, OtherCodePages = false, Lossy = LossyRepair.Leave };

    private string _text = "";

    /// <summary>"mix" (the 24 languages of <see cref="Inputs.Clean"/>) or one catalog language.</summary>
    [Params("mix", "zh_CN", "ja", "ko", "uk")]
    public string Input { get; set; } = "mix";

    /// <summary>Input size in bytes of UTF-16.</summary>
    [Params(64 << 10)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup() => _text = Input == "mix" ? Inputs.Clean(Bytes) : Inputs.CleanIn(Input, Bytes);

    /// <summary>The physical reference: one vectorized pass over the same memory for a range absent from it.</summary>
    [Benchmark(Baseline = true)]
    public bool BareScan() => _text.AsSpan().ContainsAnyInRange('\uFFF0', '\uFFFF');

    /// <summary>Every search (the defaults).</summary>
    [Benchmark]
    public string Fix() => Mojibake.Fix(_text);

    /// <summary>Without the double-byte search (GBK, Shift_JIS, EUC-KR, Big5).</summary>
    [Benchmark]
    public string FixWithoutDoubleByte() => Mojibake.Fix(_text, NoDoubleByte);

    /// <summary>Without the other single-byte code pages (their pairs and legacy runs).</summary>
    [Benchmark]
    public string FixWithoutOtherCodePages() => Mojibake.Fix(_text, NoOtherCodePages);

    /// <summary>The Windows-1252 scan alone (no other page, no double-byte page, no lost letters).</summary>
    [Benchmark]
    public string FixWindows1252Only() => Mojibake.Fix(_text, Windows1252Only);
}
