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
    internal static double Chance(ReadOnlySpan<char> start, char letter, double shorter) =>
        Chance(Starts, Letters, Counts, Hash(start), letter, shorter);

    /// <summary>
    /// The chance of <paramref name="letter"/> ending the word whose start follows a previous word and one space (both
    /// read from their first letter; <paramref name="phrase"/>: <see cref="PhraseHash"/>), interpolated with
    /// <paramref name="shorter"/>, the chance without the previous word; <paramref name="shorter"/> itself where the
    /// table holds no such pair (bị after "Gói", before hỏng; मेल before खाता).
    /// </summary>
    internal static double ChanceAfter(uint phrase, char letter, double shorter) =>
        Chance(PhraseStarts, PhraseLetters, PhraseCounts, phrase, letter, shorter);

    /// <summary>
    /// How often the table saw <paramref name="word"/> whole (as written, case included); 0 where never, or where
    /// it is longer than the table looks.
    /// </summary>
    internal static int CountOf(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty || word.Length - 1 > LongestStart)
        {
            return 0;
        }

        var (from, to) = EntriesOf(Starts, Hash(word[..^1]));
        for (int k = from; k < to; k++)
        {
            if (Letters[k] == word[^1])
            {
                return Counts[k];
            }
        }

        return 0;
    }

    /// <summary>
    /// How often the table saw words of <paramref name="start"/> and one letter more, that letter one of two UTF-8
    /// bytes with the lead <paramref name="lead"/> and a second byte from <paramref name="fromSecond"/> to
    /// <paramref name="toSecond"/> (a last letter of which only that much is known).
    /// </summary>
    internal static int CountOfStart(ReadOnlySpan<char> start, int lead, int fromSecond, int toSecond)
    {
        if (start.Length > LongestStart)
        {
            return 0;
        }

        var (from, to) = EntriesOf(Starts, Hash(start));
        int sum = 0;
        for (int k = from; k < to; k++)
        {
            char letter = Letters[k];
            int second = 0x80 | (letter & 0x3F);
            if (letter is >= '\u0080' and < '\u0800' && (0xC0 | letter >> 6) == lead && second >= fromSecond && second <= toSecond)
            {
                sum += Counts[k];
            }
        }

        return sum;
    }

    /// <summary>The key of a word start after a previous word: the hash of the previous word, a space and the start.</summary>
    internal static uint PhraseHash(ReadOnlySpan<char> previous, ReadOnlySpan<char> start)
    {
        uint hash = Step(Hash(previous), ' ');
        foreach (char c in start)
        {
            hash = Step(hash, c);
        }

        return hash;
    }

    private static double Chance(ReadOnlySpan<uint> starts, string letters, ReadOnlySpan<ushort> counts, uint key, char letter, double shorter)
    {
        var (from, to) = EntriesOf(starts, key);
        if (from == to)
        {
            return shorter;
        }

        int total = 0, count = 0;
        for (int k = from; k < to; k++)
        {
            total += counts[k];
            count = letters[k] == letter ? counts[k] : count;
        }

        return (Math.Max(count - Discount, 0) + (Discount * (to - from) * shorter)) / total;
    }

    /// <summary>
    /// How much likelier the next word begins with <paramref name="following"/> (<see cref="FollowerCode"/>) after the
    /// word whose hash is <paramref name="word"/> than after any word: sử before "d" (sử dụng), số before "l" (số
    /// lượng); 1 where the table holds nothing after the word. The share after the word is smoothed toward the share
    /// after any word.
    /// </summary>
    internal static double FollowerFactor(uint word, int following)
    {
        var (from, to) = EntriesOf(FollowedWords, word);
        if (from == to)
        {
            return 1;
        }

        int total = 0, count = 0;
        ReadOnlySpan<ushort> followers = Followers, counts = FollowerCounts;
        for (int k = from; k < to; k++)
        {
            total += counts[k];
            count = followers[k] == following ? counts[k] : count;
        }

        double background = (s_followerTotals.Value[following] + 0.5) / (s_followerTotals.Value[0] + 1.0);
        return (count + (FollowerPrior * background)) / (total + FollowerPrior) / background;
    }

    /// <summary>The entries [from, to) of a sorted table of hashes that hold <paramref name="key"/> (from == to: none).</summary>
    private static (int From, int To) EntriesOf(ReadOnlySpan<uint> keys, uint key)
    {
        int at = keys.BinarySearch(key);
        if (at < 0)
        {
            return (0, 0);
        }

        // A key's entries lie together (sorted by key, then by what follows it): walk to both ends.
        int from = at, to = at + 1;
        while (from > 0 && keys[from - 1] == key)
        {
            from--;
        }

        while (to < keys.Length && keys[to] == key)
        {
            to++;
        }

        return (from, to);
    }

    /// <summary>
    /// The first one or two ASCII letters of <paramref name="next"/>, case folded, as a number (27 × first + second, each
    /// a = 1 … z = 26, a missing second 0); where it begins with a letter of another script (<see cref="FirstNonLatin"/>
    /// on: Greek, Cyrillic, Georgian, Indic…), that letter itself (above every code of ASCII letters); else 0.
    /// </summary>
    internal static int FollowerCode(ReadOnlySpan<char> next)
    {
        if (!next.IsEmpty && next[0] >= FirstNonLatin && !char.IsSurrogate(next[0]) && IsWordChar(next[0]))
        {
            return next[0];
        }

        if (next.IsEmpty || !char.IsAsciiLetter(next[0]))
        {
            return 0;
        }

        int first = (next[0] | 0x20) - 'a' + 1;
        int second = next.Length > 1 && char.IsAsciiLetter(next[1]) ? (next[1] | 0x20) - 'a' + 1 : 0;
        return (first * 27) + second;
    }

    /// <summary>The first letter that is its own follower code (U+0370, Greek on): every code of ASCII letters is below it.</summary>
    internal const char FirstNonLatin = '\u0370';

    // Pseudo-counts of the share after any word in the share after one (as for CjkEndings' context): best of 2 to 512
    // in a scratch check on the test quarter once the table held the next word's letter in every script (8 before).
    private const double FollowerPrior = 32;

    // How often each follower code comes after any word of the table; [0] holds the sum.
    private static readonly Lazy<int[]> s_followerTotals = new(() =>
    {
        var totals = new int[65536];
        ReadOnlySpan<ushort> followers = Followers, counts = FollowerCounts;
        for (int k = 0; k < followers.Length; k++)
        {
            totals[followers[k]] += counts[k];
            totals[0] += counts[k];
        }

        return totals;
    });

    /// <summary>FNV-1a over the UTF-16 code units: stable on every machine, so the generator and the library agree.</summary>
    internal static uint Hash(ReadOnlySpan<char> text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = Step(hash, c);
        }

        return hash;
    }

    /// <summary>The hash of a text one character longer than the one hashed to <paramref name="hash"/>.</summary>
    internal static uint Step(uint hash, char c) => (hash ^ c) * 16777619;

    /// <summary>A character of a word: a letter (ASCII too: Vietnamese words are mostly ASCII) or a mark.</summary>
    internal static bool IsWordChar(char c) =>
        char.IsAsciiLetter(c) || (c >= 0x80 && CharUnicodeInfo.GetUnicodeCategory(c) is >= UnicodeCategory.UppercaseLetter and <= UnicodeCategory.EnclosingMark);
}
