using MojibakeFix.Corpus;
using Xunit.Abstractions;

namespace MojibakeFix.Tests;

/// <summary>
/// The accuracy goals of the core issue on a deterministic sample (every 20th distinct message) of the corpus
/// generated from the gettext catalogs. The full run is <c>dotnet run -c Release --project tests/MojibakeFix.Accuracy</c>.
/// </summary>
[Trait("Category", "Accuracy")]
public class AccuracyTests(ITestOutputHelper output)
{
    private static readonly Lazy<AccuracyCorpus> s_corpus = new(() => AccuracyCorpus.Load(stride: 20));

    private double Measure(Category category)
    {
        int total = 0, exact = 0;
        foreach (var c in s_corpus.Value.Cases(category))
        {
            total++;
            exact += Mojibake.Fix(c.Input) == c.Expected ? 1 : 0;
        }

        double share = (double)exact / total;
        output.WriteLine($"{category.Name}: {exact}/{total} = {share:P3} (goal {category.Goal:P2})");
        return share;
    }

    [CatalogFact]
    public void Clean_text_is_left_unchanged() => Assert.True(Measure(AccuracyCorpus.Clean) >= AccuracyCorpus.Clean.Goal);

    [CatalogFact]
    public void Single_windows_1252_meets_its_goal() => Assert.True(Measure(AccuracyCorpus.Single1252) >= AccuracyCorpus.Single1252.Goal);

    [CatalogFact]
    public void Single_latin1_meets_its_goal() => Assert.True(Measure(AccuracyCorpus.SingleLatin1) >= AccuracyCorpus.SingleLatin1.Goal);

    [CatalogFact]
    public void Double_layer_meets_its_goal() => Assert.True(Measure(AccuracyCorpus.Double1252) >= AccuracyCorpus.Double1252.Goal);

    [CatalogFact]
    public void Mixed_strings_meet_their_goal() => Assert.True(Measure(AccuracyCorpus.Mixed) >= AccuracyCorpus.Mixed.Goal);

    [CatalogFact]
    public void Lost_no_break_space_meets_its_goal() => Assert.True(Measure(AccuracyCorpus.LostNbsp) >= AccuracyCorpus.LostNbsp.Goal);

    [CatalogFact]
    public void Lossy_punctuation_meets_its_goal() => Assert.True(Measure(AccuracyCorpus.LossyPunctuation) >= AccuracyCorpus.LossyPunctuation.Goal);

    [CatalogFact]
    public void Lost_letters_meet_their_goal() => Assert.True(Measure(AccuracyCorpus.LostLetters) >= AccuracyCorpus.LostLetters.Goal);

    [CatalogFact]
    public void Windows_1252_text_read_as_latin1_keeps_its_punctuation() =>
        Assert.True(Measure(AccuracyCorpus.Cp1252AsLatin1) >= AccuracyCorpus.Cp1252AsLatin1.Goal);

    /// <summary>
    /// MacRoman or cp850 text read as Latin-1 (ftfy #18, which ftfy leaves): seven in ten or more come back whole
    /// (76.6% on the whole corpus; 45.1% before the C1 controls' case and letter-pair rules).
    /// </summary>
    [CatalogFact]
    public void Mac_and_dos_text_read_as_latin1_is_restored_often() => Assert.True(Measure(AccuracyCorpus.LegacyAsLatin1) >= 0.70);

    /// <summary>Windows-1251, KOI8-R or Windows-1253 text read as Windows-1252 (ftfy #28, which ftfy leaves): nine in ten come back whole.</summary>
    [CatalogFact]
    public void Other_scripts_read_as_windows_1252_are_restored() => Assert.True(Measure(AccuracyCorpus.OtherScriptAsCp1252) >= 0.90);

    /// <summary>
    /// Each single-byte code page beats ftfy 6.3.1's figure where the issue gives one below 100% (1251 65%, 1250 76%,
    /// 8859-2 71%, 1257 61%, cp437 65%); the 95% goal of that issue is not met yet and is reported, not asserted.
    /// </summary>
    [CatalogFact]
    public void Other_code_pages_beat_ftfy_where_it_falls_short()
    {
        foreach (var (category, codePage) in AccuracyCorpus.CodePages)
        {
            if (!category.Ftfy.EndsWith('%') || !double.TryParse(category.Ftfy.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture, out double ftfy) || ftfy >= 100)
            {
                continue;
            }

            int total = 0, exact = 0;
            foreach (var c in s_corpus.Value.CodePageCases(codePage))
            {
                total++;
                exact += Mojibake.Fix(c.Input) == c.Expected ? 1 : 0;
            }

            double share = 100.0 * exact / total;
            output.WriteLine($"{category.Name}: {exact}/{total} = {share:F2}% (ftfy {ftfy}%)");
            Assert.True(share > ftfy, $"{category.Name}: {share:F2}% is not above ftfy's {ftfy}%");
        }
    }

    /// <summary>
    /// Chains of two code pages (ftfy #181, no goal in the issue) come back whole in most messages: at least 85% for
    /// each chain the accuracy tool reports (the lowest, Windows-1250 then Windows-1252, measured near 92%).
    /// </summary>
    [CatalogFact]
    public void Chains_of_two_code_pages_are_mostly_undone()
    {
        foreach (var (category, codePages) in AccuracyCorpus.Chains)
        {
            int total = 0, exact = 0;
            foreach (var c in s_corpus.Value.ChainCases(codePages))
            {
                total++;
                exact += Mojibake.Fix(c.Input) == c.Expected ? 1 : 0;
            }

            double share = (double)exact / total;
            output.WriteLine($"{category.Name}: {exact}/{total} = {share:P2}");
            Assert.True(share >= 0.85, $"{category.Name}: {share:P2} of the chain undone");
        }
    }

    /// <summary>
    /// GBK damage that lost bytes (the last byte of a CJK character or punctuation mark, and the space, digit or
    /// punctuation after it with it) is restored exactly in at least 35% of the held-out messages (45% at stride 20): a
    /// CJK character is guessed from the frequency table, another letter from the letters that end words, a mark from
    /// its context, the ASCII one from what follows (without the letter endings: 25%; without the ASCII and mark
    /// guesses too: 8.5%; ftfy: 0%).
    /// </summary>
    [CatalogFact]
    public void Lost_gbk_bytes_are_partly_restored() =>
        Assert.True(LostBytesRestored(936, "GBK lost bytes", _ => true) >= 0.35);

    /// <summary>
    /// GBK damage of messages in scripts whose letters take three bytes of UTF-8 but are not CJK (Indic, Georgian,
    /// Thai, Vietnamese…), where the last byte of a word's final letter was lost with the space after it: restored
    /// exactly in at least 35% of the held-out messages. The letter is guessed from the first two bytes and the letters
    /// that end words after the ones before it (<see cref="MojibakeFix.Lossy.LetterEndings"/>); without that table
    /// such a letter is left as it was, and 0.8% of these messages come out exact.
    /// </summary>
    [CatalogFact]
    public void Lost_gbk_bytes_of_non_cjk_letters_are_partly_restored() =>
        Assert.True(LostBytesRestored(936, "GBK lost bytes, non-CJK letters of three bytes",
            text => text.Any(ch => ch >= 0x800 && char.IsLetter(ch) && !MojibakeFix.Lossy.CjkFrequency.IsCommon(ch) && ch is < '\u3000' or > '\uFFEF')) >= 0.35);

    /// <summary>
    /// Shift_JIS damage that lost bytes (its ・ holds a character's last byte 81–9F and the byte after it: an ASCII
    /// character, the next character's lead) is restored exactly in at least 30% of the held-out messages: CJK
    /// characters and what the marker took along as for GBK, letters of two bytes (Cyrillic, Greek, Arabic, accented
    /// Latin) by the letter model (37.6% at stride 20; before these guesses 2.6% at stride 37; ftfy: 0%).
    /// </summary>
    [CatalogFact]
    public void Lost_shift_jis_bytes_are_partly_restored() =>
        Assert.True(LostBytesRestored(932, "Shift_JIS lost bytes", _ => true) >= 0.30);

    // The share of the held-out messages of a code page whose damage lost bytes (and that `which` selects) repaired
    // exactly, written to the test output; at least 500 such messages must be there to measure.
    private double LostBytesRestored(int codePage, string name, Func<string, bool> which)
    {
        int total = 0, exact = 0;
        foreach (var c in s_corpus.Value.DoubleByteCases(codePage))
        {
            if (!Damage.DoubleByteIsLossless(c.Expected, codePage) && which(c.Expected))
            {
                total++;
                exact += Mojibake.Fix(c.Input) == c.Expected ? 1 : 0;
            }
        }

        double share = (double)exact / total;
        output.WriteLine($"{name}: {exact}/{total} = {share:P2}");
        Assert.True(total > 500, $"{name}: {total} messages");
        return share;
    }

    /// <summary>
    /// Double-byte damage that kept every byte (GBK, Shift_JIS, EUC-KR, Big5) is repaired exactly in at least 80% of
    /// the held-out messages (ftfy: 0%); where bytes were lost, the guesses are reported by the accuracy tool.
    /// </summary>
    [CatalogFact]
    public void Lossless_double_byte_damage_is_mostly_repaired()
    {
        foreach (var (category, codePage) in AccuracyCorpus.DoubleByteCodePages)
        {
            int total = 0, exact = 0;
            foreach (var c in s_corpus.Value.DoubleByteCases(codePage))
            {
                if (Damage.DoubleByteIsLossless(c.Expected, codePage))
                {
                    total++;
                    exact += Mojibake.Fix(c.Input) == c.Expected ? 1 : 0;
                }
            }

            double share = (double)exact / total;
            output.WriteLine($"{category.Name} lossless: {exact}/{total} = {share:P2}");
            Assert.True(share >= 0.80, $"{category.Name}: {share:P2} of lossless damage repaired");
        }
    }
}
