namespace MojibakeFix.Lossy;

/// <summary>
/// Which Cyrillic letters stand as words of their own, by alphabet and by the word before them, counted in real text.
/// A letter lost alone between spaces has no word to be read from, and the letter model, learned from every Cyrillic
/// language together, takes Ukrainian у for Russian or Bulgarian с (with); the line's alphabet
/// (<see cref="CyrillicAlphabets"/>) tells them, and the word before tells Ukrainian у, і and є apart where real text
/// showed it often enough (не є).
/// </summary>
internal static partial class OneLetterWords
{
    // Each alphabet's counts are smoothed toward those of all alphabets together by this many pseudo-counts, so a
    // word an alphabet's lines never showed keeps a chance, and an alphabet seen little leans on the others.
    private const double Prior = 8;

    private static readonly Lazy<(Dictionary<char, int>[] ByAlphabet, Dictionary<char, int> All, int[] Totals, int Total)> s_tables = new(() =>
    {
        var byAlphabet = new Dictionary<char, int>[ByAlphabet.Length];
        var all = new Dictionary<char, int>();
        var totals = new int[ByAlphabet.Length];
        int total = 0;
        for (int a = 0; a < ByAlphabet.Length; a++)
        {
            byAlphabet[a] = [];
            string entries = ByAlphabet[a];
            for (int k = 0; k + 1 < entries.Length; k += 2)
            {
                byAlphabet[a][entries[k]] = entries[k + 1];
                all[entries[k]] = all.GetValueOrDefault(entries[k]) + entries[k + 1];
                totals[a] += entries[k + 1];
                total += entries[k + 1];
            }
        }

        return (byAlphabet, all, totals, total);
    });

    // The word before weighs the letter as its alphabet's lines do, with this many pseudo-counts of those.
    private const double WordPrior = 4;

    /// <summary>
    /// The hash (<see cref="WordEndings.Hash"/>, case folded) of the word that <paramref name="before"/> ends with
    /// after one space (the text before a word of one letter), or 0 where no such word stands there.
    /// </summary>
    internal static uint PreviousWord(ReadOnlySpan<char> before)
    {
        if (before.Length < 2 || before[^1] != ' ' || !WordEndings.IsWordChar(before[^2]))
        {
            return 0;
        }

        int start = before.Length - 2;
        while (start > 0 && WordEndings.IsWordChar(before[start - 1]) && before.Length - 1 - start < MaxPreviousWord)
        {
            start--;
        }

        if (start > 0 && WordEndings.IsWordChar(before[start - 1]))
        {
            return 0; // (longer than is looked at)
        }

        Span<char> folded = stackalloc char[MaxPreviousWord];
        int n = before[start..^1].ToLowerInvariant(folded);
        return n > 0 ? Math.Max(WordEndings.Hash(folded[..n]), 1) : 0;
    }

    private const int MaxPreviousWord = 24;

    /// <summary>
    /// The chance that a word of one letter after the word <paramref name="previousWord"/> (<see cref="PreviousWord"/>;
    /// 0: none known) in a line of <paramref name="alphabet"/> is <paramref name="letter"/>: what followed that word in
    /// real text, smoothed toward <see cref="Chance(CyrillicAlphabets.Alphabet, char)"/>.
    /// </summary>
    internal static double Chance(CyrillicAlphabets.Alphabet alphabet, char letter, uint previousWord)
    {
        double byAlphabet = Chance(alphabet, letter);
        ReadOnlySpan<uint> words = PreviousWords;
        int at = previousWord == 0 ? -1 : words.BinarySearch(previousWord);
        if (at < 0 || byAlphabet == 0)
        {
            return byAlphabet;
        }

        while (at > 0 && words[at - 1] == previousWord)
        {
            at--;
        }

        int total = 0, count = 0;
        char folded = char.ToLowerInvariant(letter);
        for (int k = at; k < words.Length && words[k] == previousWord; k++)
        {
            total += CountsAfterWords[k];
            count = LettersAfterWords[k] == folded ? CountsAfterWords[k] : count;
        }

        return (count + (WordPrior * byAlphabet)) / (total + WordPrior);
    }

    /// <summary>
    /// The chance that a word of one letter in a line of <paramref name="alphabet"/> is <paramref name="letter"/>
    /// (either case), never 0 for a Cyrillic letter; 0 for a character the table cannot weigh.
    /// </summary>
    internal static double Chance(CyrillicAlphabets.Alphabet alphabet, char letter)
    {
        var (byAlphabet, all, totals, total) = s_tables.Value;
        int a = (int)alphabet;
        if (letter is not (>= '\u0400' and <= '\u045F') || total == 0 || a >= byAlphabet.Length)
        {
            return 0;
        }

        char folded = char.ToLowerInvariant(letter);
        // (Every letter of the block keeps half a count in the pooled table: one never seen alone is unlikely, not impossible.)
        double pooled = (all.GetValueOrDefault(folded) + 0.5) / (total + (0.5 * 0x30));
        return (byAlphabet[a].GetValueOrDefault(folded) + (Prior * pooled)) / (totals[a] + Prior);
    }
}
