namespace MojibakeFix.Lossy;

/// <summary>
/// The ASCII character a double-byte decoder most likely lost with a lead byte. GBK, EUC-KR and Big5 read a lead
/// byte followed by a byte that cannot be its trail (space, digits, most punctuation) as one unreadable pair: both
/// become one <c>?</c>. In UTF-8 misread so, the lead is the last byte of a CJK character and the other byte is the
/// ASCII character after it; which one, learned from real text, depends mostly on what follows (a space before
/// <c>%s</c> or a letter, a colon before a space).
/// </summary>
internal static partial class SwallowedAscii
{
    /// <summary>
    /// The most likely ASCII character (below U+0040) between a CJK character (or, where
    /// <paramref name="afterLetter"/>, a letter whose second UTF-8 byte is 81–9F, which Shift_JIS loses so: ﾑ・ for
    /// с and a space) and <paramref name="next"/>, which <paramref name="after"/> follows (-1: nothing does);
    /// <paramref name="inParentheses"/>: a parenthesis is open before and none closes after, so the character often does.
    /// </summary>
    internal static char Before(char next, int after, bool afterLetter = false, bool inParentheses = false)
    {
        string byNextTwo = afterLetter ? ByNextTwoAfterLetters : ByNextTwo;
        int n = Math.Min((int)next, 128), a = after < 0 ? 129 : Math.Min(after, 128);
        if (inParentheses)
        {
            string open = afterLetter ? ByNextInParenthesesAfterLetters : ByNextInParentheses;
            for (int k = 0; k + 1 < open.Length; k += 2)
            {
                if (open[k] == n)
                {
                    return open[k + 1];
                }
            }
        }

        for (int k = 0; k + 2 < byNextTwo.Length; k += 3)
        {
            if (byNextTwo[k] == n && byNextTwo[k + 1] == a)
            {
                return byNextTwo[k + 2];
            }
        }

        return (afterLetter ? ByNextAfterLetters : ByNext)[n];
    }
}
