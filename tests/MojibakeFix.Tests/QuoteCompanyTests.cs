using MojibakeFix.Text;
using Xunit;

namespace MojibakeFix.Tests;

public class QuoteCompanyTests
{
    [Theory]
    [InlineData("the “%s” file", "“”")]
    [InlineData("Datei „%s“ fehlt", "„“")]
    [InlineData("plik „%s” nie", "„”")]
    [InlineData("tiedosto ”%s” puuttuu", "””")]
    [InlineData("le fichier « %s » manque", "«»")]
    [InlineData("Datei »%s« fehlt", "«»")]
    public void The_style_of_a_text_is_its_first_pair_of_double_quotes(string text, string style) =>
        Assert.Equal(style, QuoteCompany.Styles[QuoteCompany.StyleOf(text)]);

    [Theory]
    [InlineData("no quotes here")]
    [InlineData("only one “ here")]
    [InlineData("a ” then “ pair")]
    public void A_text_without_a_pair_has_no_style(string text) => Assert.Equal(-1, QuoteCompany.StyleOf(text));

    [Theory]
    [InlineData("cannot open the file for writing", "", "“”")]
    [InlineData("Die Datei wird nicht gelesen", "", "„“")]
    [InlineData("Nie można otworzyć pliku", "ż", "„”")]
    [InlineData("Tiedostoa ei voi avata", "ä", "””")]
    public void Words_and_letters_tell_the_style_of_general_punctuation_quotes(string line, string letters, string style) =>
        Assert.Equal(style, QuoteCompany.Styles[QuoteCompany.StyleFor(line, letters)]);

    [Fact]
    public void Every_word_of_the_table_fits_the_buffer_a_line_is_folded_into() =>
        Assert.DoesNotContain(QuoteCompany.TableFeatures, f => f.Length > QuoteCompany.LongestWord);

    [Fact]
    public void A_word_longer_than_any_of_the_table_is_passed_over() =>
        Assert.Equal(QuoteCompany.StyleFor("the file", ""), QuoteCompany.StyleFor("the file " + new string('x', 200), ""));

    [Fact]
    public void A_line_the_table_knows_nothing_of_has_no_style() => Assert.Equal(-1, QuoteCompany.StyleFor("zzqx 12345", ""));
}
