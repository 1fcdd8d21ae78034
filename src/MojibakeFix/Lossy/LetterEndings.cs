namespace MojibakeFix.Lossy;

/// <summary>
/// Letters and marks of two or three bytes of UTF-8 outside the CJK table (Cyrillic, Indic, Georgian, Thai,
/// Vietnamese…) that end a stretch of such text, by frequency in real text, alone and after the one or two characters
/// before them. A double-byte misreading loses the last byte of such a letter exactly there: before an ASCII
/// character or at the end (啶膏ぎ啶距え 啶曕ぎ啶距啶? for समान कमांड). The letter's other bytes survive and leave 64
/// candidates; these ranks choose among them.
/// </summary>
internal static partial class LetterEndings
{
    // Pair rank per (previous << 16 | letter), and letter rank alone; built once, on first use.
    private static readonly Lazy<Dictionary<int, int>> s_pairs = new(() => CjkFrequency.RankPairs(PairsByRank));
    private static readonly Lazy<Dictionary<char, int>> s_letters = new(() =>
    {
        var ranks = new Dictionary<char, int>(LettersByRank.Length);
        for (int i = 0; i < LettersByRank.Length; i++)
        {
            ranks.TryAdd(LettersByRank[i], i);
        }

        return ranks;
    });

    private static readonly Lazy<Dictionary<long, int>> s_triples = new(() =>
    {
        var ranks = new Dictionary<long, int>(TriplesByRank.Length / 3);
        for (int i = 0; i + 2 < TriplesByRank.Length; i += 3)
        {
            ranks.TryAdd((long)TriplesByRank[i] << 32 | (long)TriplesByRank[i + 1] << 16 | TriplesByRank[i + 2], i / 3);
        }

        return ranks;
    });

    /// <summary>The rank of a letter after two characters at the end of a stretch (0 the most frequent), or -1 when rare there.</summary>
    internal static int TripleRankOf(char before, char previous, char letter) =>
        s_triples.Value.TryGetValue((long)before << 32 | (long)previous << 16 | letter, out int rank) ? rank : -1;

    /// <summary>The rank of a letter after <paramref name="previous"/> at the end of a stretch (0 the most frequent), or -1 when rare there.</summary>
    internal static int PairRankOf(char previous, char letter) =>
        s_pairs.Value.TryGetValue(previous << 16 | letter, out int rank) ? rank : -1;

    /// <summary>The rank of a letter alone at the end of a stretch (0 the most frequent), or -1 when rare there.</summary>
    internal static int RankOf(char letter) => s_letters.Value.TryGetValue(letter, out int rank) ? rank : -1;
}
