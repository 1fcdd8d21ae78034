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
}
