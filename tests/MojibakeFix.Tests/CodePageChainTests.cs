using MojibakeFix.Corpus;

namespace MojibakeFix.Tests;

/// <summary>
/// Chains of two code pages (ftfy #181): UTF-8 read as one code page, the result saved as UTF-8 and read as another.
/// The damage is made here from the clean text through the tables of System.Text.Encoding.CodePages.
/// </summary>
public class CodePageChainTests
{
    public static TheoryData<string, int, int> Chains()
    {
        string[] texts =
        [
            "kon nie lêer %s opspoor nie", // one accented letter, no other evidence in the line
            "café, été et naïve",
            "Синхронтәу асра аҟаҵара",
            "Ich möchte größer werden",
            "Zażółć gęślą jaźń",
        ];
        var data = new TheoryData<string, int, int>();
        foreach (string text in texts)
        {
            foreach (int other in new[] { 1251, 10000 })
            {
                data.Add(text, 1252, other); // Windows-1252 first: the outer reading is Windows-1252 damage in turn
            }

            foreach (int other in new[] { 10000, 1250 })
            {
                data.Add(text, other, 1252); // Windows-1252 last: its first layer is the other page's image
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Chains))]
    public void Both_code_pages_of_a_chain_are_undone(string clean, int first, int second)
    {
        string damaged = Chain(clean, first, second);
        Assert.NotEqual(clean, damaged);
        var result = Mojibake.FixAndExplain(damaged);
        Assert.Equal(clean, result.Text);
        Assert.Equal(clean, Mojibake.Fix(result.Text));
        Assert.Contains(result.Steps, s => s.Chain.Contains("windows-1252", StringComparison.Ordinal) && s.Chain.Contains(',', StringComparison.Ordinal));
    }

    [Theory]
    // Another code page first, then Windows-1252: a byte the first leaves undefined became a C1 control, which
    // the Windows-1252 reading shows as its own character (И is D0 98, and 98 is a hole in Windows-1251; у is
    // D1 83, and 83 is a hole in Windows-1250).
    [InlineData("Иван и Ирина читают", 1251)]
    [InlineData("Синхронтәу асра аҟаҵара", 1250)]
    [InlineData("Служу и учусь", 1250)]
    public void A_hole_of_the_first_code_page_shown_as_windows_1252_still_reads_back(string clean, int first)
    {
        string damaged = Chain(clean, first, 1252);
        Assert.Equal(clean, Mojibake.Fix(damaged));
    }

    [Theory]
    // Clean words whose letters another code page would read as Windows-1252 damage, without a plausible text beneath.
    [InlineData("Гѓ и ВЄ")]
    [InlineData("ГЃЕ НЕ ВЁЛ")]
    [InlineData("Ѓ‚ Ђ€ ЉЊ")]
    public void Clean_text_of_those_letters_is_left_alone(string clean) => Assert.Equal(clean, Mojibake.Fix(clean));

    private static string Chain(string text, int first, int second)
    {
        foreach (int codePage in new[] { first, second })
        {
            text = codePage == 1252 ? Damage.Cp1252(text) : Damage.CodePage(text, codePage);
        }

        return text;
    }
}
