namespace MojibakeFix.Lossy;

/// <summary>
/// How often two letters stand side by side in real text, for the letters a lossy rendering loses (two-byte
/// letters whose second UTF-8 byte is 80–9F: ł ś Ö Ü п…), learned from the gettext catalogs.
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

    private static readonly Lazy<Dictionary<char, int>> s_totals = new(() =>
    {
        var totals = new Dictionary<char, int>();
        for (int i = 0; i + 2 < All.Length; i += 3)
        {
            totals[All[i + 1]] = totals.GetValueOrDefault(All[i + 1]) + All[i + 2];
        }

        return totals;
    });

    /// <summary>How often a letter (case folded) is seen after another letter: the weight of its pairs.</summary>
    internal static int Total(char letter) => s_totals.Value.GetValueOrDefault(char.ToLowerInvariant(letter));

    /// <summary>The count of <paramref name="first"/> followed by <paramref name="second"/>, case folded (0 when rare).</summary>
    internal static int Count(char first, char second) =>
        s_counts.Value.GetValueOrDefault(char.ToLowerInvariant(first) << 16 | char.ToLowerInvariant(second));
}
