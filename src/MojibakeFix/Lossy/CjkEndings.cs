namespace MojibakeFix.Lossy;

/// <summary>
/// Pairs of adjacent CJK characters that end a stretch of CJK text (the end of the text or an ASCII character
/// follows), by frequency in real text: a character lost there is better guessed from these than from all pairs
/// (です and ます end Japanese sentences; でき and ません go on).
/// </summary>
internal static partial class CjkEndings
{
    // Pair rank per (first << 16 | second); built once, on first use.
    private static readonly Lazy<Dictionary<int, int>> s_pairs = new(() => CjkFrequency.RankPairs(PairsByRank));

    /// <summary>The rank of two adjacent characters as a pair ending CJK text (0 the most frequent), or -1 when rare there.</summary>
    internal static int PairRankOf(char first, char second) =>
        s_pairs.Value.TryGetValue(first << 16 | second, out int rank) ? rank : -1;
}
