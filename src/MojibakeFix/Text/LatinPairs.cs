namespace MojibakeFix.Text;

/// <summary>
/// How often an accented Latin letter (U+00C0–U+024F) stands beside another letter or a word's edge in real text,
/// learned from the gettext catalogs: when two sibling code pages both read a word (Windows-1253 and ISO-8859-7,
/// Windows-1250 and ISO-8859-2), a reading whose accented letters sit among neighbours real text never gives them
/// is the unlikely one (fâr, kânnen, opçáes: för, können, opções). A space stands for a word's edge.
/// </summary>
internal static partial class LatinPairs
{
    private static readonly Lazy<HashSet<int>> s_table = new(() =>
    {
        var pairs = new HashSet<int>(All.Length / 3);
        for (int i = 0; i + 2 < All.Length; i += 3)
        {
            pairs.Add(All[i] << 16 | All[i + 1]);
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
            if ((IsAccented(previous) || IsAccented(c)) && !counts.Contains(previous << 16 | c))
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
}
