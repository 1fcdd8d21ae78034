using BenchmarkDotNet.Attributes;

namespace MojibakeFix.Benchmarks;

/// <summary>
/// Clean text of one language (1 MB of UTF-16, as in <see cref="LanguageBenchmarks"/>) split in two by the first
/// stage: the lines it cannot rule out (<see cref="Mojibake.IsCertainlyClean"/> false: Czech <c>píše</c>, Ukrainian
/// <c>об’єкт</c>, a rare ideograph), which the repair passes then read and leave unchanged, and the lines it rules
/// out. Each set is repeated to the same size, so the two times side by side show what the repair attempts on correct
/// text cost next to the scan of the rest. Run with <c>benchmarks/run.sh '*RejectedLineBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class RejectedLineBenchmarks
{
    private string _suspect = "", _rest = "";

    /// <summary>The catalog language: those whose correct lines the first stage passes on most.</summary>
    [Params("cs", "uk", "fr", "zh_CN", "ko", "ja")]
    public string Language { get; set; } = "cs";

    /// <summary>Each input's size in bytes of UTF-16 (read by the MB/s column).</summary>
    [Params(1 << 19)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string[] lines = Inputs.CleanLinesIn(Language);
        string[] suspect = [.. lines.Where(l => !Mojibake.IsCertainlyClean(l))];
        string[] rest = [.. lines.Where(l => Mojibake.IsCertainlyClean(l))];
        long suspectChars = suspect.Sum(l => (long)l.Length + 1);
        Console.WriteLine($"// {Language}: {suspect.Length} of {lines.Length} lines ({(double)suspect.Length / lines.Length:P1}) passed on, "
            + $"{suspectChars:N0} of {lines.Sum(l => (long)l.Length + 1):N0} characters");
        _suspect = Inputs.Repeat(suspect, Bytes / 2); // (empty with the repository's sample, which has no line the first stage passes on)
        _rest = Inputs.Repeat(rest, Bytes / 2);
    }

    /// <summary>The lines the first stage rules out: the scan alone.</summary>
    [Benchmark(Baseline = true)]
    public string RuledOut() => Mojibake.Fix(_rest);

    /// <summary>The lines it passes on: the scan and each line's repair attempt.</summary>
    [Benchmark]
    public string PassedOn() => Mojibake.Fix(_suspect);
}
