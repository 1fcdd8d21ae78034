using BenchmarkDotNet.Attributes;
using MojibakeFix.Corpus;
using MojibakeFix.Lossy;

namespace MojibakeFix.Benchmarks;

/// <summary>
/// What the CJK frequency table's threshold costs clean text, in one run: the table holds every CJK character of
/// the training quarter (<c>SeenAtLeast</c> 1, the library's), or only those seen three times or more (3, the table
/// before it). A correct line with a character the table lacks goes to the double-byte pass's check. The table is
/// counted again from the catalogs in the setup, as its generator counts it, and written over the library's bitmap
/// (each case runs in its own process); the setup checks that the count at 1 gives the library's table back.
/// Run with <c>benchmarks/run.sh '*FrequencyTableBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class FrequencyTableBenchmarks : CleanTextBenchmarks
{
    /// <summary>A language's held-out messages, or the mix of the 24 languages.</summary>
    [ParamsSource(nameof(AllInputs))]
    public string Input { get; set; } = "zh_CN";

    /// <summary>Chinese, Japanese, Korean and the mix (or some: <see cref="Inputs.Picked"/>).</summary>
    public static IEnumerable<string> AllInputs => Inputs.Picked(["zh_CN", "ja", "ko", "mix"]);

    /// <summary>How often a character must be seen in the training quarter to count as common.</summary>
    [Params(3, 1)]
    public int SeenAtLeast { get; set; }

    /// <summary>Input size in bytes of UTF-16.</summary>
    [Params(1 << 20)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (Catalogs.Available)
        {
            ulong[] library = CjkFrequency.CommonBits;
            if (!CountedBits(1).AsSpan().SequenceEqual(library))
            {
                throw new InvalidOperationException("The catalogs counted at 1 do not give the library's frequency table: regenerate it.");
            }

            CountedBits(SeenAtLeast).CopyTo(library, 0); // in place: the classifiers hold this very array
        }

        Use(Input == "mix" ? Inputs.Clean(Bytes) : Inputs.CleanIn(Input, Bytes));
    }

    // The CJK characters of the training quarter seen at least `minimum` times, counted as the generator counts them.
    private static ulong[] CountedBits(int minimum)
    {
        int[] counts = CjkCounts.OfTrainingQuarter().Characters;
        var bits = new ulong[65536 / 64];
        for (int c = 0; c < counts.Length; c++)
        {
            bits[c >> 6] |= counts[c] >= minimum ? 1UL << c : 0;
        }

        return bits;
    }
}
