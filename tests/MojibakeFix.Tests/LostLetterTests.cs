using MojibakeFix.Corpus;

namespace MojibakeFix.Tests;

/// <summary>Two-byte letters whose second byte (80–9F) became ? after a Windows-1252 misreading (issue 5).</summary>
public class LostLetterTests
{
    [Theory]
    [InlineData("Przykład")]
    [InlineData("główny")]
    [InlineData("środowisko")]
    public void A_lost_letter_inside_a_word_is_guessed_and_marked(string text)
    {
        string damaged = Damage.LostLetters(text);
        Assert.Contains('?', damaged);
        var result = Mojibake.FixAndExplain(damaged);
        Assert.Equal(text, result.Text);
        Assert.Contains(result.Steps, step => step.IsGuess && step.Kind == FixKind.LossySequence);
    }

    [Theory]
    [InlineData("Is it Å?")]
    [InlineData("What?Yes")]
    [InlineData("NÅ? Ja")]
    [InlineData("¿Qué?No")]
    public void A_question_mark_that_ends_a_word_or_follows_a_plain_letter_stays(string text) => Assert.Same(text, Mojibake.Fix(text));

    [Fact]
    public void Leave_keeps_and_replace_marks_the_lost_letter()
    {
        Assert.Equal("PrzykÅ?ad", Mojibake.Fix("PrzykÅ?ad", FixOptions.Default with { Lossy = LossyRepair.Leave }));
        Assert.Equal("Przyk\uFFFDad", Mojibake.Fix("PrzykÅ?ad", FixOptions.Default with { Lossy = LossyRepair.Replace }));
    }

    [Theory]
    [InlineData("Загрузка файла")]
    [InlineData("Настройки сервера")]
    [InlineData("Программа завершена")]
    [InlineData("Параметри системи")]
    [InlineData("Αποθήκευση αρχείων")]
    [InlineData("Wystąpiły błędy podczas zapisu")]
    public void Every_lost_letter_of_a_word_is_chosen_together_by_the_letter_model(string text)
    {
        // (No lost letter ends a word: there a ? is read as a question mark.) Most Cyrillic small letters from р on and the capitals А–П lose their second byte: whole words are read
        // from the few letters left and the lead bytes.
        string damaged = Damage.LostLetters(text);
        Assert.True(damaged.Count(c => c == '?') >= 3, damaged);
        Assert.Equal(text, Mojibake.Fix(damaged));
    }

    [Theory]
    [InlineData("Что?Да")]
    [InlineData("Загрузка файла")]
    [InlineData("Ρυθμίσεις συστήματος")]
    [InlineData("Grüße?Ja")]
    public void Clean_text_is_left_alone(string text) => Assert.Same(text, Mojibake.Fix(text));

    [Fact]
    public void The_letter_model_prefers_the_letters_of_real_words()
    {
        // After "ст" a Russian word goes on with р far more often than with ъ; a word ends in "ся", not in "сџ".
        Assert.True(Lossy.LetterGrams.Chance(" ст", 'р') > 10 * Lossy.LetterGrams.Chance(" ст", 'ъ'));
        Assert.True(Lossy.LetterGrams.Chance("ся", ' ') > 10 * Lossy.LetterGrams.Chance("сџ", ' '));
        Assert.InRange(Lossy.LetterGrams.Chance("łąd", 'x'), double.Epsilon, 1);
    }

    [Fact]
    public void A_long_run_of_lost_letters_is_repaired_in_linear_work_and_the_same_way_every_time()
    {
        string damaged = Damage.LostLetters(string.Concat(Enumerable.Repeat("структура ", 2000)));
        string first = Mojibake.Fix(damaged);
        Assert.Equal(first, Mojibake.Fix(damaged));
        Assert.StartsWith("структура структура", first, StringComparison.Ordinal);
    }
}
