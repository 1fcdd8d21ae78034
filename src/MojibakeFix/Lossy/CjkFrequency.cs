namespace MojibakeFix.Lossy;

/// <summary>
/// How common a CJK character is in real text (kana, ideographs, hangul, CJK and full-width punctuation): whether
/// <see cref="ByRank"/> holds it, and where, learned from the gettext catalogs. Damage made by reading UTF-8 as a
/// double-byte code page is full of rare characters; the text it came from is full of common ones.
/// </summary>
internal static partial class CjkFrequency
{
    /// <summary>The UTF-8 bytes of the ranked characters, three per character, in rank order.</summary>
    internal static ReadOnlySpan<byte> Utf8ByRank => s_utf8.Value;

    private static readonly Lazy<byte[]> s_utf8 = new(() => System.Text.Encoding.UTF8.GetBytes(ByRank));

    /// <summary>The character of a rank.</summary>
    internal static char CharAt(int rank) => ByRank[rank];

    // Pair rank per (first << 16 | second); built once, on first use.
    private static readonly Lazy<Dictionary<int, int>> s_pairs = new(() => RankPairs(PairsByRank));

    /// <summary>
    /// The rank of each pair of a table of pairs written one after another, most frequent first, keyed by
    /// first &lt;&lt; 16 | second (a pair listed twice keeps its first rank).
    /// </summary>
    internal static Dictionary<int, int> RankPairs(string pairsByRank)
    {
        var pairs = new Dictionary<int, int>(pairsByRank.Length / 2);
        for (int i = 0; i + 1 < pairsByRank.Length; i += 2)
        {
            pairs.TryAdd(pairsByRank[i] << 16 | pairsByRank[i + 1], i / 2);
        }

        return pairs;
    }

    /// <summary>How many pairs are ranked: the rank past the last, for a pair the table lacks.</summary>
    internal static int PairCount => s_pairs.Value.Count;

    /// <summary>The rank of two adjacent characters as a pair (0 the most frequent), or -1 when the pair is rare.</summary>
    internal static int PairRankOf(char first, char second) =>
        s_pairs.Value.TryGetValue(first << 16 | second, out int rank) ? rank : -1;

    /// <summary>
    /// The ranked character whose pair with <paramref name="second"/> ranks best (U+0000 where no pair ends in it):
    /// the character likeliest to stand before it. One lookup in an index built once, not a walk of every ranked
    /// character.
    /// </summary>
    internal static char LikeliestBefore(char second) => s_likeliestBefore.Value.TryGetValue(second, out char first) ? first : '\0';

    // Per second character, the first of its best-ranked pair: the pairs in rank order, the first sighting kept.
    private static readonly Lazy<Dictionary<char, char>> s_likeliestBefore = new(() =>
    {
        var before = new Dictionary<char, char>();
        ulong[] ranked = CommonBits;
        for (int i = 0; i + 1 < PairsByRank.Length; i += 2)
        {
            if (IsCommon(ranked, PairsByRank[i]))
            {
                before.TryAdd(PairsByRank[i + 1], PairsByRank[i]);
            }
        }

        return before;
    });

    /// <summary>One bit per UTF-16 code unit, set for a ranked character: 8 KB, so a loop that looks up every
    /// character of CJK text stays in the first-level cache. Pinned, so a vector gather may take its address.</summary>
    internal static ulong[] CommonBits => s_commonBits.Value;

    private static readonly Lazy<ulong[]> s_commonBits = new(() =>
    {
        ulong[] bits = GC.AllocateArray<ulong>(65536 / 64, pinned: true);
        foreach (char c in ByRank)
        {
            bits[c >> 6] |= 1UL << c;
        }

        return bits;
    });

    /// <summary>Whether a character is ranked, by <see cref="CommonBits"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] // once per CJK character of every scan
    internal static bool IsCommon(ulong[] bits, char c) => (bits[c >> 6] & 1UL << c) != 0;

    /// <summary>The number of characters ranked.</summary>
    internal static int Count => ByRank.Length;

    /// <summary>True for a character of the frequent set.</summary>
    internal static bool IsCommon(int codePoint) => codePoint is >= 0 and <= 0xFFFF && IsCommon(s_commonBits.Value, (char)codePoint);

    /// <summary>Kana, ideographs, hangul, CJK symbols and full-width forms: the characters the table ranks.</summary>
    internal static bool IsCjk(int codePoint) =>
        codePoint is >= 0x3000 and <= 0x9FFF or >= 0xAC00 and <= 0xD7A3 or >= 0xFF01 and <= 0xFFEF;
}
