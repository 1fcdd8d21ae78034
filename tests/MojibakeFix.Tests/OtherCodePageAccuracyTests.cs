using MojibakeFix.Corpus;

namespace MojibakeFix.Tests;

/// <summary>
/// UTF-8 misread through a single-byte code page other than Windows-1252 (issue 5): patterns the accuracy tool
/// showed failing, each checked on several words and through several code pages.
/// </summary>
public class OtherCodePageAccuracyTests
{
    public static TheoryData<string, int> WordsWithModifierLetters()
    {
        // The Japanese length mark (ー), iteration marks (々, ๆ), the Arabic tatweel and the Uzbek okina are modifier
        // letters that words are written with, not the superscript junk a misreading makes by chance.
        string[] texts =
        [
            "データ", "グループ", "メールが", "モジュールのロードに失敗しました", "サーバーに接続できません", "人々の時々",
            "เด็กๆ เล่น", "oʻzbek tilida", "مـرحبا",
        ];
        int[] pages = [28597, 1257, 1253, 850, 28592, 1251];
        return EveryPair(texts, pages);
    }

    [Theory]
    [MemberData(nameof(WordsWithModifierLetters))]
    public void Words_with_modifier_letters_are_read(string text, int codePage) =>
        Assert.Equal(text, Mojibake.Fix(Damage.CodePage(text, codePage)));

    [Theory]
    [InlineData("ВІКІ")] // ²ʲ through a misreading: a superscript and a modifier letter by chance
    [InlineData("Пр")]
    public void Modifier_junk_is_no_reading(string text) => Assert.Same(text, Mojibake.Fix(text));

    public static TheoryData<string, int> CjkBesideAsciiWords()
    {
        // Chinese, Japanese and Korean put ASCII words and format specifiers right beside their letters, with no space.
        string[] texts = ["%d，退出。", "用法：readelf", "shell，退出状态为", "-Z，但如果指定了", "%sファイルを開けません", "USB메모리를 사용하려면", "N。如果"];
        int[] pages = [28603, 850, 28597, 1257, 1251, 28592];
        return EveryPair(texts, pages);
    }

    [Theory]
    [MemberData(nameof(CjkBesideAsciiWords))]
    public void Cjk_beside_ascii_letters_is_read(string text, int codePage) =>
        Assert.Equal(text, Mojibake.Fix(Damage.CodePage(text, codePage)));

    [Theory]
    // cp850 shows E2 80, the lead of General Punctuation, as two capitals (ÔÇ): the dash, bullet or quote they start
    // is read even standing alone.
    [InlineData("Pakete — Dateien", 850)]
    [InlineData("eins – zwei", 850)]
    [InlineData("• Element", 850)]
    [InlineData("(”org.kde”).", 850)]
    [InlineData("metadata…", 850)]
    public void Punctuation_cp850_spells_with_two_capitals_is_read(string text, int codePage) =>
        Assert.Equal(text, Mojibake.Fix(Damage.CodePage(text, codePage)));

    [Theory]
    // A box-drawing character (cp437, cp850) or a math sign (MacRoman) glued to an accented letter of Latin-1.
    [InlineData("är det", 850)]
    [InlineData("Övre/Undre", 850)]
    [InlineData("Équateur", 437)]
    [InlineData("ändern", 437)]
    [InlineData("în dosar", 10000)]
    [InlineData("În regulă", 10000)]
    // An accented small letter before a capital, and a symbol between two letters (Romanian through MacRoman).
    [InlineData("Parolă curentă", 10000)]
    [InlineData("Fișierul conține", 10000)]
    [InlineData("Distribuție", 10000)]
    [InlineData("sarcină", 10000)]
    public void Latin_words_with_one_sequence_are_read(string text, int codePage) =>
        Assert.Equal(text, Mojibake.Fix(Damage.CodePage(text, codePage)));

    [Theory]
    [InlineData("(-1/2)! = √π")] // math: √ before a Greek letter
    [InlineData("├── src\n│   └── main.c")] // a tree
    [InlineData("»Über« und »Ändern«")] // German quotes before a capital
    [InlineData("Prix ≈ 5 € ; √2 ≈ 1,41")]
    public void Symbols_beside_letters_in_correct_text_stay(string text) => Assert.Same(text, Mojibake.Fix(text));

    [Theory]
    // ISO-8859-2 and Windows-1250 read these with one letter different (ĂĄ: á or å; ĂĽ: å or ü): the reading whose
    // pairs real text shows far more often wins over the order of the pages.
    [InlineData("Valor inválido", 28592)]
    [InlineData("La entrada no es válida", 28592)]
    [InlineData("Klicka på knappen", 28592)]
    [InlineData("Tryk på OK", 28592)]
    // Readings that are not that much likelier keep the page tried first: Swedish å through Windows-1250.
    [InlineData("Okänt tillstånd", 1250)]
    [InlineData("Ett fel uppstår", 1250)]
    public void Sibling_code_pages_are_told_apart_by_letter_pairs(string text, int codePage) =>
        Assert.Equal(text, Mojibake.Fix(Damage.CodePage(text, codePage)));

    [Theory]
    // One sequence whose image puts an accented capital between a capital and a small letter (GĂźr, ĂŞtes, MĂŠs).
    [InlineData("Gür", 28592)]
    [InlineData("¿Desea continuar?", 28592)]
    [InlineData("Més opcions", 28592)]
    [InlineData("Númberu", 28592)]
    [InlineData("Vous êtes", 28592)]
    // ISO-8859-2 and Windows-1250 read ĂŚ as ö or Ü and ĂŽ as î or Î: a capital between a capital and a small letter
    // (KÜster) makes the reading less likely.
    [InlineData("Köster", 28592)]
    [InlineData("Löschen", 28592)]
    [InlineData("Sîngerei", 28592)]
    // Two Latin letters that make a quote or an inverted mark (ÂŤhelp, ÂżDesea).
    [InlineData("«help", 28592)]
    [InlineData("ver «ayuda", 28592)]
    [InlineData("Pulse «Guardar»", 28592)]
    public void Latin_words_through_iso_8859_2_are_read(string text, int codePage) =>
        Assert.Equal(text, Mojibake.Fix(Damage.CodePage(text, codePage)));

    [Theory]
    [InlineData("CAFÉs et THÉs")]
    [InlineData("ÉTATs-Unis")]
    // One CJK letter glued to a Latin word is chance (ě + no-break space + – is 젖 through Windows-1250; уам is 㠬 in cp866).
    [InlineData("tělo klíče je na kartě\u00A0– přeskočeno")]
    [InlineData("Gуам")]
    [InlineData("na stránce\u00A0– hotovo")]
    public void Capitals_before_small_letters_in_correct_text_stay(string text) => Assert.Same(text, Mojibake.Fix(text));

    /// <summary>Each text through each code page.</summary>
    private static TheoryData<string, int> EveryPair(string[] texts, int[] pages)
    {
        var data = new TheoryData<string, int>();
        foreach (string t in texts)
        {
            foreach (int p in pages)
            {
                data.Add(t, p);
            }
        }

        return data;
    }
}
