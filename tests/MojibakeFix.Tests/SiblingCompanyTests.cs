using MojibakeFix.Corpus;
using MojibakeFix.Text;

namespace MojibakeFix.Tests;

/// <summary>
/// Sibling code pages (ISO-8859-2 and Windows-1250) read many lines alike but for one letter: ĂĄ is á through
/// ISO-8859-2 and å through Windows-1250, ĂĽ is å and ü. The line's other accented letters and common words decide.
/// </summary>
public class SiblingCompanyTests
{
    public static TheoryData<string> LinesWhoseCompanyTells() =>
    [
        "Operace není podporována", // á beside í (Czech), not å
        "Povolit zvuky událostí",
        "Reino de Bhután", // no other accented letter: "reino" and "de" are Spanish
        "L'elementu más externu nel testu tien de ser",
        "Du må ikke tilføje et billed-id til en nøgle", // å beside ø (Danish), not ü
    ];

    [Theory]
    [MemberData(nameof(LinesWhoseCompanyTells))]
    public void Iso_8859_2_damage_is_read_by_the_line_s_company(string text) =>
        Assert.Equal(text, Mojibake.Fix(Damage.CodePage(text, 28592)));

    public static TheoryData<string> WindowsLines() =>
    [
        "kan ikke åbne filen", "Felaktigt tillstånd", "Schlüssel verfällt nie", "Die Datei enthält keinen gültigen Schlüssel",
        "Operace není podporována", "Reino de Bhután", "Du må ikke tilføje et billed-id til en nøgle",
    ];

    // The same letters through Windows-1250 keep their reading: the company speaks for the page it fits.
    [Theory]
    [MemberData(nameof(WindowsLines))]
    public void Windows_1250_damage_keeps_its_reading(string text) =>
        Assert.Equal(text, Mojibake.Fix(Damage.CodePage(text, 1250)));

    [Fact]
    public void Letters_fit_the_letters_of_their_language()
    {
        Assert.True(LatinCompany.Fit('á', 'å', "íý", []) > LatinCompany.Fit('å', 'á', "íý", []));
        Assert.True(LatinCompany.Fit('å', 'ü', "ø", []) > LatinCompany.Fit('ü', 'å', "ø", []));
        string[] spanish = ["de", "la", "los", "el"], danish = ["ikke", "til", "af", "er"];
        Assert.True(LatinCompany.Fit('á', 'å', "", [.. spanish]) > LatinCompany.Fit('å', 'á', "", [.. spanish]));
        Assert.True(LatinCompany.Fit('å', 'á', "", [.. danish]) > LatinCompany.Fit('á', 'å', "", [.. danish]));
    }

    [Fact]
    public void Nothing_speaks_without_company()
    {
        Assert.Equal(0, LatinCompany.Fit('á', 'å', "", []));
        Assert.Equal(0, LatinCompany.Fit('á', 'å', "áå ,.", [])); // the two letters themselves and other characters
        Assert.Equal(0, LatinCompany.Fit('á', 'å', "", ["qqqzzz"])); // a word the table does not hold
    }

    [Fact]
    public void Ascii_words_are_whole_words()
    {
        // Schl and verf stand beside other letters (misread or accented): no words; %s is too short.
        Assert.Equal(["nie", "kann"], LatinCompany.AsciiWords("SchlĂĽssel verfällt nie %s Kann kann"));
        Assert.Empty(LatinCompany.AsciiWords(""));
    }
}
