namespace MojibakeFix.Lossy;

/// <summary>
/// How often two letters stand side by side in real text, for the letters a lossy rendering loses (two-byte
/// letters and marks whose second UTF-8 byte is 80–9F: ł ś Ö Ü п ّ…), learned from the gettext catalogs. A space
/// stands for a word's edge: (' ', c) counts words that start with c, (c, ' ') words that end with it.
/// </summary>
internal static partial class LetterPairs
{
    private static readonly Lazy<Dictionary<int, int>> s_counts = new(() =>
    {
        var counts = new Dictionary<int, int>(All.Length / 3);
        for (int i = 0; i + 2 < All.Length; i += 3)
        {
            counts[All[i] << 16 | All[i + 1]] = All[i + 2];
        }

        return counts;
    });

    private static readonly Lazy<Dictionary<char, int>> s_followed = new(() =>
    {
        var totals = new Dictionary<char, int>();
        for (int i = 0; i + 2 < All.Length; i += 3)
        {
            totals[All[i]] = totals.GetValueOrDefault(All[i]) + All[i + 2];
        }

        return totals;
    });

    /// <summary>
    /// How often a letter of the table's kind (case folded) is followed by anything, a word's end included: the
    /// denominator of the chance of what follows it.
    /// </summary>
    internal static int Followed(char letter) => s_followed.Value.GetValueOrDefault(char.ToLowerInvariant(letter));

    /// <summary>
    /// Whether the table counts this pair at all: one of the two is a letter or mark whose second UTF-8 byte is
    /// 80–9F, so a count of 0 means the pair is rare in real text, not unknown.
    /// </summary>
    internal static bool Knows(char first, char second) => IsCounted(char.ToLowerInvariant(first)) || IsCounted(char.ToLowerInvariant(second));

    private static bool IsCounted(char c) => c is >= '\u0080' and < '\u0800' && (c & 0x3F) < 0x20;

    /// <summary>The count of <paramref name="first"/> followed by <paramref name="second"/>, case folded (0 when rare); a space is a word's edge.</summary>
    internal static int Count(char first, char second) =>
        s_counts.Value.GetValueOrDefault(char.ToLowerInvariant(first) << 16 | char.ToLowerInvariant(second));
}
