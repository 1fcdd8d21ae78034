using BenchmarkDotNet.Attributes;
using MojibakeFix.Detection;
using MojibakeFix.Repair;

namespace MojibakeFix.Benchmarks;

/// <summary>
/// The two costs of the double-byte search on correct CJK text, apart (<see cref="SearchCostBenchmarks"/> gives
/// their sum): the classifier's frequency lookup of every CJK character, on lines that hold none outside the
/// frequency table (so no line stops the scan), against the same scan without the double-byte search; and the
/// double-byte pass's check of the lines that do hold one and turn out correct (<c>MayApply</c> per line, against
/// four code pages). Run with <c>benchmarks/run.sh '*DoubleByteCostBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class DoubleByteCostBenchmarks
{
    private const int SuspectLines = 64;

    private static readonly DamageSearch Every = DamageClassifier.SearchesFor(FixOptions.Default);

    private string _common = "";
    private string[] _suspect = [];

    /// <summary>The catalog language.</summary>
    [Params("zh_CN", "ja", "ko")]
    public string Language { get; set; } = "zh_CN";

    /// <summary>Bytes of UTF-16 of the scanned text (the MB/s column reads it; the per-line rows run 64 lines).</summary>
    [Params(64 << 10)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string[] lines = Inputs.CleanLinesIn(Language);
        string[] common = [.. lines.Where(l => !DoubleByteCodePages.HasSuspect(l))];
        string[] distinct = [.. lines.Where(l => DoubleByteCodePages.HasSuspect(l)).Distinct()];
        if (distinct.Length == 0)
        {
            throw new InvalidOperationException($"no {Language} line with a character outside the frequency table: the gettext catalogs are needed");
        }

        _common = Inputs.Repeat(common, Bytes / 2);
        _suspect = [.. Enumerable.Range(0, SuspectLines).Select(k => distinct[k % distinct.Length])]; // (OperationsPerInvoke counts them)
        if (IndexOfDamage(Every) >= 0 || _suspect.Any(l => DoubleByteCodePages.MayApply(l, FixOptions.Default)))
        {
            throw new InvalidOperationException("the input is meant to be correct text the searches pass over");
        }

        Console.WriteLine($"// {Language}: {distinct.Length} distinct correct lines with a character outside the frequency table, "
            + $"{100.0 * (lines.Length - common.Length) / lines.Length:F1}% of the language's lines");
    }

    /// <summary>The classifier with every search over lines of common characters (it finds nothing).</summary>
    [Benchmark(Baseline = true)]
    public int Scan() => IndexOfDamage(Every);

    /// <summary>The same scan without the double-byte search: the frequency lookup is the difference.</summary>
    [Benchmark]
    public int ScanWithoutDoubleByte() => IndexOfDamage(Every & ~DamageSearch.DoubleByte);

    /// <summary>The double-byte pass's check of correct lines with a rare character, per line.</summary>
    [Benchmark(OperationsPerInvoke = SuspectLines)]
    public int CheckSuspectLine()
    {
        int applies = 0;
        foreach (string line in _suspect)
        {
            applies += DoubleByteCodePages.MayApply(line, FixOptions.Default) ? 1 : 0;
        }

        return applies;
    }

    private int IndexOfDamage(DamageSearch searches) => DamageClassifier.IndexOfDamage(_common, 0, searches, out _);
}
