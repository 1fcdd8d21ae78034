namespace MojibakeFix.Text;

/// <summary>
/// How often an accented Latin letter (U+00C0–U+024F) stands beside another letter or a word's edge in real text,
/// learned from the gettext catalogs: when two sibling code pages both read a word (Windows-1253 and ISO-8859-7,
/// Windows-1250 and ISO-8859-2), a reading whose accented letters sit among neighbours real text never gives them
/// is the unlikely one (fâr, kânnen, opçáes: för, können, opções). A space stands for a word's edge.
/// </summary>
internal static partial class LatinPairs
{
    private static readonly Lazy<Dictionary<int, int>> s_table = new(() =>
    {
        var pairs = new Dictionary<int, int>(All.Length / 3);
        for (int i = 0; i + 2 < All.Length; i += 3)
        {
            pairs.Add(All[i] << 16 | All[i + 1], All[i + 2]);
        }

        return pairs;
    });

    private static bool IsAccented(char c) => c is >= '\u00C0' and <= '\u024F' && char.IsLetter(c);

    /// <summary>
    /// The pairs of a word that hold an accented Latin letter and real text hardly ever shows (seen fewer than three
    /// times in the training quarter), letters case folded and anything else a word's edge; a symbol between two
    /// letters (n÷vratový) counts as one too.
    /// </summary>
    internal static int UnseenPairs(ReadOnlySpan<char> word)
    {
        var counts = s_table.Value;
        int unseen = 0;
        char previous = ' ';
        for (int k = 0; k <= word.Length; k++)
        {
            char c = k < word.Length && char.IsLetter(word[k]) ? char.ToLowerInvariant(word[k]) : ' ';
            if ((IsAccented(previous) || IsAccented(c)) && !counts.ContainsKey(previous << 16 | c))
            {
                unseen++;
            }

            if (k > 0 && k + 1 < word.Length && word[k] >= 0x80 && !char.IsLetter(word[k]) && char.IsLetter(word[k - 1]) && char.IsLetter(word[k + 1]))
            {
                unseen++;
            }

            previous = c;
        }

        return unseen;
    }

    /// <summary>
    /// How often real text shows the pairs of a word that hold an accented Latin letter: the sum of the binary
    /// logarithms of their counts in the training quarter (a pair seen fewer than three times counts as none), in
    /// sixteenths. Two sibling code pages that read a word with the same letters but one (Bhután and Bhutån, ISO-8859-2
    /// and Windows-1250; és and Ês) are told apart by it when neither reading has an unseen pair.
    /// </summary>
    internal static int Likelihood(ReadOnlySpan<char> word)
    {
        var counts = s_table.Value;
        int sum = 0;
        char previous = ' ';
        for (int k = 0; k <= word.Length; k++)
        {
            char c = k < word.Length && char.IsLetter(word[k]) ? char.ToLowerInvariant(word[k]) : ' ';
            if ((IsAccented(previous) || IsAccented(c)) && counts.TryGetValue(previous << 16 | c, out int count))
            {
                sum += (int)(Math.Log2(count + 1) * 16);
            }

            previous = c;
        }

        return sum;
    }
}
