using MojibakeFix.Corpus;
using MojibakeFix.Repair;

namespace MojibakeFix.Tests;

/// <summary>
/// A line of plain Latin words whose only damage is one-letter words and quotes, each a single two-byte sequence with
/// no evidence of its own (Italian è as УЈ in ISO-8859-5); punctuation-only words and Windows-1252-looking words of
/// a line proven misread.
/// </summary>
public class LoneSequenceTests
{
    [Theory]
    [InlineData("Il file è vuoto", 28595)] // УЈ: two Cyrillic capitals, a plain word on their own
    [InlineData("Il file è vuoto", 1251)] // ГЁ
    [InlineData("Il file è vuoto", 866)] // ├и: box drawing is no evidence either
    [InlineData("Il file è vuoto", 1250)] // Ă¨
    [InlineData("Il file è vuoto", 10000)] // √®
    [InlineData("Il file è vuoto", 1253)] // Γ¨
    [InlineData("Det er lett å bruke", 28595)]
    [InlineData("Le fichier « %s » est vide", 28595)] // ТЋ … ТЛ
    [InlineData("Le fichier «%s» est vide", 1251)]
    [InlineData("Impossible d'aller jusqu'à la fin", 1250)] // Ă + no-break space, after an apostrophe
    [InlineData("Si è verificato un errore al passo 1º", 28595)]
    public void Lone_sequences_in_a_latin_line_are_read(string expected, int codePage)
    {
        string damaged = Damage.CodePage(expected, codePage);
        Assert.NotEqual(expected, damaged);
        Assert.True(OtherCodePages.MayChange(damaged)); // the gate says so whenever Repair changes the line
        Assert.Equal(expected, Mojibake.Fix(damaged));
    }

    [Theory]
    [InlineData("УЖ")] // a Russian abbreviation alone: no Latin words around it
    [InlineData("Версия ТЛ 2 for Linux")] // a Cyrillic word beside it
    [InlineData("Size: 2 ТБ free")] // ТБ would read as ±, no lone letter or quote
    [InlineData("Il file УЈУЉ vuoto")] // è beside é: a lone reading with a letter beside it is no one-letter word
    [InlineData("OK??:(   `\u00AC\u00B4    ):")] // ftfy's angry face: ¬´ is « in MacRoman, but OK is no Latin word
    [InlineData("café Ă¨ crème")] // clean accented Latin beside it: not a line of ASCII words
    public void Clean_text_with_such_pairs_is_left_alone(string text) => Assert.Same(text, Mojibake.Fix(text));

    [Theory]
    // cp437: ┬╗ is », set apart by %s; the line is proven by vollst├ñndige.
    [InlineData("Rufen Sie »%s --help« auf, um eine vollständige Liste zu sehen.", 437)]
    [InlineData("Rufen Sie »%s --help« auf, um eine vollständige Liste zu sehen.", 850)]
    // Windows-1250: Î® is ή, and Windows-1252 damage as well, which that pass has no evidence to read alone.
    [InlineData("Δεν είναι ή το", 1250)]
    [InlineData("Η λέξη", 1250)]
    // ISO-8859-13: reÅ„azec and byÅ„ look like Windows-1252 damage (reńazec), but môže proved the line.
    [InlineData("Iba jeden reťazec môže byť zadaný", 28603)]
    public void Words_without_evidence_follow_a_proven_line(string expected, int codePage)
    {
        string damaged = Damage.CodePage(expected, codePage);
        Assert.Equal(expected, Mojibake.Fix(damaged));
    }
}

/// <summary>
/// Sibling code pages that both read a word (Windows-1253 and ISO-8859-7, Windows-1250 and ISO-8859-2): the reading
/// whose accented letters stand where real text never puts them loses; otherwise the order of the pages decides.
/// </summary>
public class SiblingCodePageTests
{
    [Theory]
    [InlineData("sem opções", 28597)] // ISO-8859-7 ΓΆ, Γ΅: Windows-1253 reads opçáes
    [InlineData("Zugriff für", 28592)] // ISO-8859-2 Ăź: Windows-1250 reads fĂ + Ź
    [InlineData("Kunde inte läsa från fil", 1250)] // Windows-1250 ĂĄ is å; ISO-8859-2's á is as usual there: the order decides
    [InlineData("Ya está", 1250)]
    public void The_usual_reading_wins(string expected, int codePage) =>
        Assert.Equal(expected, Mojibake.Fix(Damage.CodePage(expected, codePage)));

    [Fact]
    public void Unseen_pairs_count_where_accented_letters_stand()
    {
        Assert.True(MojibakeFix.Text.LatinPairs.UnseenPairs("opçáes") > MojibakeFix.Text.LatinPairs.UnseenPairs("opções"));
        Assert.Equal(0, MojibakeFix.Text.LatinPairs.UnseenPairs("ordinary ascii"));
        Assert.True(MojibakeFix.Text.LatinPairs.UnseenPairs("n÷vratový") >= 1); // a symbol between two letters
    }
}
