using MojibakeFix.Lossy;
using Xunit;
using static MojibakeFix.Lossy.CyrillicAlphabets;

namespace MojibakeFix.Tests;

public class CyrillicAlphabetsTests
{
    private static Alphabet Of(string text)
    {
        var seen = default(Seen);
        char previous = '\0';
        foreach (char c in text)
        {
            seen.Add(previous, c);
            previous = c;
        }

        return CyrillicAlphabets.Of(seen);
    }

    [Theory]
    [InlineData("Лењинградска", nameof(Alphabet.SerbianOrMacedonian))] // њ
    [InlineData("ЃОРЃЕ", nameof(Alphabet.SerbianOrMacedonian))] // Ѓ, capital
    [InlineData("Пошук ў тэксце", nameof(Alphabet.Belarusian))] // ў
    [InlineData("Вынік пошуку", nameof(Alphabet.Belarusian))] // і beside ы
    [InlineData("Збереження змін", nameof(Alphabet.UkrainianOrBelarusian))] // і alone
    [InlineData("Видалити їх", nameof(Alphabet.Ukrainian))] // ї
    [InlineData("Ґанок", nameof(Alphabet.Ukrainian))] // Ґ, capital
    [InlineData("відкрити", nameof(Alphabet.Ukrainian))] // і beside и
    [InlineData("Выбрать объект", nameof(Alphabet.Russian))] // ы beside ъ
    [InlineData("раён", nameof(Alphabet.Unknown))] // ё without и, щ or ъ: Russian or Belarusian
    [InlineData("область", nameof(Alphabet.Unknown))] // letters every alphabet but Serbian has
    [InlineData("неправилен ред", nameof(Alphabet.Unknown))] // Bulgarian has no letter of its own
    [InlineData("съобщение за грешка", nameof(Alphabet.Bulgarian))] // but a hard sign before a consonant
    [InlineData("Път към файла", nameof(Alphabet.Bulgarian))]
    [InlineData("Неверный объект", nameof(Alphabet.Russian))] // ъ before е, beside ы
    [InlineData("подъезд", nameof(Alphabet.Unknown))] // ъ before е alone
    [InlineData("съобщение: ы", nameof(Alphabet.Russian))] // a letter Bulgarian lacks outweighs it
    [InlineData("Latin only", nameof(Alphabet.Unknown))]
    public void The_alphabet_is_told_from_letters_only_some_have(string text, string expected) => Assert.Equal(Enum.Parse<Alphabet>(expected), Of(text));

    [Fact]
    public void Each_alphabet_lacks_exactly_the_letters_it_does_not_write()
    {
        // The alphabets' letters (small; the capitals follow), from their standard orthographies.
        var alphabets = new Dictionary<Alphabet, string>
        {
            [Alphabet.Russian] = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
            [Alphabet.Ukrainian] = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
            [Alphabet.Belarusian] = "абвгдеёжзійклмнопрстуўфхцчшыьэюя",
            [Alphabet.SerbianOrMacedonian] = "абвгдђѓежзѕијклљмнњопрстћќуфхцчџш", // (Serbian and Macedonian together)
            [Alphabet.Bulgarian] = "абвгдежзийклмнопрстуфхцчшщъьюя",
            [Alphabet.UkrainianOrBelarusian] = "абвгґдеёєжзиіїйклмнопрстуўфхцчшщыьэюя", // (either one's letters)
        };
        foreach (var (alphabet, letters) in alphabets)
        {
            for (char c = '\u0400'; c <= '\u04FF'; c++)
            {
                char small = char.ToLowerInvariant(c);
                bool standard = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяґєіїўђѓѕјљњћќџ".Contains(small);
                if (standard)
                {
                    Assert.Equal(!letters.Contains(small), Lacks(alphabet, c));
                }
                else
                {
                    Assert.False(Lacks(alphabet, c)); // (letters of other languages are left to the letter model)
                }
            }

            Assert.False(Lacks(alphabet, 'a'));
        }

        Assert.All(Enumerable.Range(0x0400, 0x100), c => Assert.False(Lacks(Alphabet.Unknown, (char)c)));
    }

    [Fact]
    public void The_one_letter_word_chances_of_each_alphabet_sum_to_one_over_its_letters()
    {
        foreach (Alphabet alphabet in Enum.GetValues<Alphabet>())
        {
            double sum = 0;
            for (char c = '\u0430'; c <= '\u045F'; c++)
            {
                double chance = OneLetterWords.Chance(alphabet, c);
                Assert.True(chance > 0, $"{alphabet} {c}");
                Assert.Equal(chance, OneLetterWords.Chance(alphabet, char.ToUpperInvariant(c)));
                sum += chance;
            }

            Assert.Equal(1.0, sum, 9);
        }

        Assert.True(OneLetterWords.Chance(Alphabet.Russian, 'с') > OneLetterWords.Chance(Alphabet.Russian, 'у'));
        Assert.True(OneLetterWords.Chance(Alphabet.Ukrainian, 'у') > OneLetterWords.Chance(Alphabet.Ukrainian, 'с'));
        Assert.Equal(0, OneLetterWords.Chance(Alphabet.Russian, 'a'));
    }

    [Fact]
    public void The_word_before_a_word_of_one_letter_is_read_case_folded_after_one_space()
    {
        Assert.Equal(WordEndings.Hash("не"), OneLetterWords.PreviousWord("Файл НЕ "));
        Assert.Equal(OneLetterWords.PreviousWord("не "), OneLetterWords.PreviousWord("%s: Не "));
        Assert.Equal(0u, OneLetterWords.PreviousWord("Файл не")); // no space before the letter
        Assert.Equal(0u, OneLetterWords.PreviousWord("не  ")); // two
        Assert.Equal(0u, OneLetterWords.PreviousWord(" "));
        Assert.Equal(0u, OneLetterWords.PreviousWord(new string('а', 40) + " ")); // longer than is looked at

        uint not = OneLetterWords.PreviousWord("не ");
        Assert.True(OneLetterWords.Chance(Alphabet.Unknown, 'є', not) > OneLetterWords.Chance(Alphabet.Unknown, 'у', not));
        Assert.Equal(OneLetterWords.Chance(Alphabet.Russian, 'с'), OneLetterWords.Chance(Alphabet.Russian, 'с', 0));
    }
}
