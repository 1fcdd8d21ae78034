namespace MojibakeFix.Lossy;

/// <summary>
/// Letters and marks of two or three bytes of UTF-8 outside the CJK table (Cyrillic, Indic, Georgian, Thai,
/// Vietnamese…) that end a stretch of such text, by frequency in real text, alone and after the one, two or three characters
/// before them. A double-byte misreading loses the last byte of such a letter exactly there: before an ASCII
/// character or at the end (啶膏ぎ啶距え 啶曕ぎ啶距啶? for समान कमांड). The letter's other bytes survive and leave 64
/// candidates; these ranks choose among them.
/// </summary>
internal static partial class LetterEndings
{
    // Rank per entry (its characters packed 16 bits each, the letter last), for each of the four tables; built once,
    // on first use.
    private static readonly Lazy<Dictionary<long, int>> s_letters = new(() => Rank(LettersByRank, 1));
    private static readonly Lazy<Dictionary<long, int>> s_pairs = new(() => Rank(PairsByRank, 2));
    private static readonly Lazy<Dictionary<long, int>> s_triples = new(() => Rank(TriplesByRank, 3));
    private static readonly Lazy<Dictionary<long, int>> s_quadruples = new(() => Rank(QuadruplesByRank, 4));

    /// <summary>The rank of a letter after three characters at the end of a stretch (0 the most frequent), or -1 when rare there.</summary>
    internal static int QuadrupleRankOf(char first, char before, char previous, char letter) =>
        s_quadruples.Value.TryGetValue((long)first << 48 | (long)before << 32 | (long)previous << 16 | letter, out int rank) ? rank : -1;

    /// <summary>The rank of a letter after two characters at the end of a stretch (0 the most frequent), or -1 when rare there.</summary>
    internal static int TripleRankOf(char before, char previous, char letter) =>
        s_triples.Value.TryGetValue((long)before << 32 | (long)previous << 16 | letter, out int rank) ? rank : -1;

    /// <summary>The rank of a letter after <paramref name="previous"/> at the end of a stretch (0 the most frequent), or -1 when rare there.</summary>
    internal static int PairRankOf(char previous, char letter) =>
        s_pairs.Value.TryGetValue((long)previous << 16 | letter, out int rank) ? rank : -1;

    /// <summary>The rank of a letter alone at the end of a stretch (0 the most frequent), or -1 when rare there.</summary>
    internal static int RankOf(char letter) => s_letters.Value.TryGetValue(letter, out int rank) ? rank : -1;

    // Entries of `width` characters written one after another, most frequent first (an entry listed twice keeps its
    // first rank).
    private static Dictionary<long, int> Rank(string byRank, int width)
    {
        var ranks = new Dictionary<long, int>(byRank.Length / width);
        for (int i = 0; i + width <= byRank.Length; i += width)
        {
            long key = 0;
            foreach (char c in byRank.AsSpan(i, width))
            {
                key = key << 16 | c;
            }

            ranks.TryAdd(key, i / width);
        }

        return ranks;
    }
}
