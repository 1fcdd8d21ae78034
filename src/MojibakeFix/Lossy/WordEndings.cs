using System.Globalization;

namespace MojibakeFix.Lossy;

/// <summary>
/// Whole words that end in a letter of two or three bytes of UTF-8 outside the CJK table (Indic, Georgian, Thai,
/// Cyrillic, Vietnamese, hangul…), counted in real text: the word before a lost last letter, read from its start, tells
/// निकास from निकाण where the four letters before it (<see cref="LetterEndings"/>) do not. A word is stored as a hash of
/// the letters before its last one and that letter, sorted, so a lookup is a binary search and the table costs about
/// seven bytes a word.
/// </summary>
internal static partial class WordEndings
{
    /// <summary>The longest word start the table looks at; a longer one is left to <see cref="LetterEndings"/>.</summary>
    internal const int LongestStart = 24;

    // Absolute discounting, as for LetterEndings: each seen count gives up this much to the shorter history's guess.
    private const double Discount = 0.75;

    /// <summary>
    /// The chance of <paramref name="letter"/> ending the word whose letters before it are <paramref name="start"/>
    /// (the whole word up to the letter, from its first letter), interpolated with <paramref name="shorter"/>, the
    /// chance the letters before it alone give it; <paramref name="shorter"/> itself where no word of the table begins
    /// so.
    /// </summary>
    internal static double Chance(ReadOnlySpan<char> start, char letter, double shorter)
    {
        uint key = Hash(start);
        ReadOnlySpan<uint> starts = Starts;
        int at = starts.BinarySearch(key);
        if (at < 0)
        {
            return shorter;
        }

        // The entries of one start lie together (sorted by start, then letter): walk back to the first.
        while (at > 0 && starts[at - 1] == key)
        {
            at--;
        }

        int total = 0, kinds = 0, count = 0;
        ReadOnlySpan<ushort> counts = Counts;
        for (int k = at; k < starts.Length && starts[k] == key; k++)
        {
            total += counts[k];
            kinds++;
            count = Letters[k] == letter ? counts[k] : count;
        }

        return (Math.Max(count - Discount, 0) + (Discount * kinds * shorter)) / total;
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable on every machine, so the generator and the library agree.</summary>
    internal static uint Hash(ReadOnlySpan<char> text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }

    /// <summary>A character of a word: a letter (ASCII too: Vietnamese words are mostly ASCII) or a mark.</summary>
    internal static bool IsWordChar(char c) =>
        char.IsAsciiLetter(c) || (c >= 0x80 && CharUnicodeInfo.GetUnicodeCategory(c) is >= UnicodeCategory.UppercaseLetter and <= UnicodeCategory.EnclosingMark);
}
