using System.Reflection;
using MojibakeFix.Corpus;
using MojibakeFix.Repair;

namespace MojibakeFix.Tests;

/// <summary>
/// The shortcuts of the repair path's checks decide exactly as the checks they skip: a shortcut may only answer
/// "nothing to do" where the full check would.
/// </summary>
public class RepairFastPathTests
{
    private delegate int LineCheck(ReadOnlySpan<char> s);

    private delegate bool LineGate(ReadOnlySpan<char> s);

    private static readonly Lazy<AccuracyCorpus> s_corpus = new(() => AccuracyCorpus.Load(stride: 20));

    /// <summary>
    /// Every line the lone-sequence reading accepts passes its gate (the first non-ASCII character opens a lone
    /// pair), over the corpus damaged through every single-byte code page and as MacRoman or cp850 text read as
    /// Latin-1; the corpus holds such lines, so the check is not empty.
    /// </summary>
    [CatalogFact]
    public void Lone_sequence_gate_never_drops_a_line_the_reading_accepts()
    {
        var page = typeof(OtherCodePages).GetMethod("LoneSequencePage", BindingFlags.NonPublic | BindingFlags.Static)!.CreateDelegate<LineCheck>();
        var gate = typeof(OtherCodePages).GetMethod("MayBeLoneSequenceLine", BindingFlags.NonPublic | BindingFlags.Static)!.CreateDelegate<LineGate>();
        AccuracyCorpus corpus = s_corpus.Value;
        IEnumerable<string> lines = AccuracyCorpus.CodePages.SelectMany(p => corpus.CodePageCases(p.CodePage)).Select(c => c.Input)
            .Concat(corpus.Cases(AccuracyCorpus.LegacyAsLatin1).Select(c => c.Input))
            .Concat(corpus.Cases(AccuracyCorpus.Clean).Select(c => c.Input))
            .Concat(corpus.Cases(AccuracyCorpus.Single1252).Select(c => c.Input))
            .Concat(["Il file \u0423\u0408 vuoto", "Ma c'\u00C3\u00A8 il file", "\u00E8 vuoto il file", "x"]);
        int accepted = 0, dropped = 0;
        foreach (string line in lines)
        {
            bool reads = page(line) >= 0;
            bool passes = gate(line);
            Assert.True(!reads || passes, line);
            accepted += reads ? 1 : 0;
            dropped += passes ? 0 : 1;
        }

        Assert.True(accepted > 0, "no line of the corpus is read as lone sequences");
        Assert.True(dropped > 0, "the gate drops no line");
    }
}
