using System.Globalization;

namespace MojibakeFix.Lossy;

/// <summary>
/// The punctuation mark (U+200C–U+205E: quotes, dashes, ellipsis, joiners) whose last byte a double-byte decoder
/// lost, and the ASCII character it lost with it: <c>鈥?s鈥?</c> is „%s“ or “%s”, <c>鈥?</c> between words a dash.
/// Learned from real text by what stands before the mark and what follows the marker.
/// </summary>
internal static partial class LostPunctuation
{
    /// <summary>The kinds of context before a mark the table tells apart.</summary>
    internal const int Kinds = 12;

    /// <summary>
    /// The kind of <paramref name="before"/>: 0 the start (-1), 1 a space, 2 an ASCII letter or digit, 3 other ASCII,
    /// 4 a nonspacing mark (a virama before a joiner), 5 any other character; 6 more when the text before holds a
    /// letter beyond ASCII (English quotes “%s”, many other languages „%s“).
    /// </summary>
    internal static int KindBefore(int before, bool afterOtherLetters) =>
        (afterOtherLetters ? 6 : 0) + (before < 0 ? 0 : before == ' ' ? 1 : before < 0x80 ? (char.IsAsciiLetterOrDigit((char)before) ? 2 : 3)
        : CharUnicodeInfo.GetUnicodeCategory(before) == UnicodeCategory.NonSpacingMark ? 4 : 5);

    /// <summary>Whether <paramref name="c"/> is a letter beyond ASCII (for <see cref="KindBefore"/>).</summary>
    internal static bool IsOtherLetter(char c) => c >= 0x80 && char.IsLetter(c);

    /// <summary>
    /// The likeliest mark after <paramref name="before"/> (-1: the start) whose marker <paramref name="next"/>
    /// follows (-1: the end), or U+0000 when nothing was learned; <paramref name="swallowed"/> is the ASCII
    /// character lost with its last byte (U+0000 at the end: the byte was alone). <paramref name="afterNext"/> is the
    /// character after the next one (-1: none; -2: not known): where the table learned a different answer for the
    /// three together (<c>ByNextTwo</c>), that answer.
    /// </summary>
    internal static char Guess(int before, bool afterOtherLetters, int next, out char swallowed, int afterNext = -2)
    {
        int kind = KindBefore(before, afterOtherLetters);
        if (next >= 0 && afterNext > -2)
        {
            // The character after the next one, where known, tells more: a placeholder after the space ("“: %s"),
            // a capital (“. The), a line break (“\n).
            int key = Math.Min(next, 128) << 8 | AfterNextKey(afterNext);
            for (int k = 0; k + 3 < ByNextTwo.Length; k += 4)
            {
                if (ByNextTwo[k] == kind && ByNextTwo[k + 1] == key)
                {
                    swallowed = ByNextTwo[k + 3];
                    return ByNextTwo[k + 2];
                }
            }
        }

        int at = 2 * (kind * 130 + (next < 0 ? 129 : Math.Min(next, 128)));
        swallowed = ByContext[at + 1];
        return ByContext[at];
    }

    /// <summary>
    /// The class of the character after the next one, for <see cref="Guess"/>: 'a' for a small ASCII letter, 'A' for a
    /// capital, '0' for a digit, 128 for any other beyond ASCII, 129 for none (-1), else the character itself.
    /// </summary>
    internal static int AfterNextKey(int c) =>
        c < 0 ? 129 : c >= 0x80 ? 128 : char.IsAsciiLetterLower((char)c) ? 'a' : char.IsAsciiLetterUpper((char)c) ? 'A' : char.IsAsciiDigit((char)c) ? '0' : c;
}
