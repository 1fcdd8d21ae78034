namespace MojibakeFix.Text;

/// <summary>
/// The letters, marks and digits below U+3000 that real text uses (learned from the gettext catalogs): when two
/// code pages both decode a word, the decoding made of common letters is the likely one (ص, not ؾ).
/// </summary>
internal static partial class CommonLetters
{
    private static readonly Lazy<ulong[]> s_bits = new(() =>
    {
        var bits = new ulong[0x3000 / 64];
        foreach (char c in All)
        {
            bits[c >> 6] |= 1UL << c;
        }

        return bits;
    });

    /// <summary>True for ASCII, for a common letter, mark or digit, and for anything from U+3000 up (not judged here).</summary>
    internal static bool IsCommon(int codePoint) =>
        codePoint < 0x80 || codePoint >= 0x3000 || (s_bits.Value[codePoint >> 6] & 1UL << codePoint) != 0;
}
