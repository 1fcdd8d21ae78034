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
public class LanguageBenchmarks : CleanTextBenchmarks
{
    /// <summary>The catalog language.</summary>
    [ParamsSource(nameof(AllLanguages))]
    public string Language { get; set; } = "fr";

    /// <summary>Input size in bytes of UTF-16 (one size: the MB/s column reads it).</summary>
    [Params(1 << 20)]
    public int Bytes { get; set; }

    /// <summary>The languages of <see cref="Inputs.Languages"/> (or some: <see cref="Inputs.Picked"/>).</summary>
    public static IEnumerable<string> AllLanguages => Inputs.Picked(Inputs.Languages);

    [GlobalSetup]
    public void Setup() => Use(Inputs.CleanIn(Language, Bytes));
}
