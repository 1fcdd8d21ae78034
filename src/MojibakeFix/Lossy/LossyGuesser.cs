using MojibakeFix.Detection;
using MojibakeFix.Text;

namespace MojibakeFix.Lossy;

/// <summary>Where a lost punctuation mark stood, judged from its neighbours.</summary>
internal enum PunctuationSlot : byte
{
    /// <summary>Between two letters: an apostrophe (<c>l’analisi</c>).</summary>
    WordInternal,

    /// <summary>Before a word: an opening quote.</summary>
    Opening,

    /// <summary>After a word: a closing quote, an apostrophe, an ellipsis.</summary>
    Closing,

    /// <summary>Between spaces: a dash.</summary>
    Spaced,

    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>Document conventions that decide which quote or dash a lost sequence was.</summary>
/// <param name="LowClosingQuotes">German-style „…“: the closing quote is the one others open with.</param>
/// <param name="EmDash">The document writes em dashes.</param>
/// <param name="Open">The language's opening quote.</param>
/// <param name="Close">The language's closing quote.</param>
internal readonly record struct PunctuationStyle(bool LowClosingQuotes, bool EmDash, char Open = '\u201C', char Close = '\u201D');

/// <summary>
/// Restores a UTF-8 punctuation sequence whose bytes 0x80–0x9F were lost (<c>lâ??analisi</c>,
/// <c>cooperazioneâ?•</c>): every character the known bytes allow is tried in the order the context makes
/// likely, and the first that fits wins.
/// </summary>
internal static class LossyGuesser
{
    // Candidates, most frequent in running text first; all start with byte E2.
    private static ReadOnlySpan<int> General =>
    [
        0x2019, 0x201C, 0x201D, 0x2013, 0x2014, 0x2026, 0x2018, 0x201E, 0x2022, 0x20AC, 0x2122, 0x201A,
        0x2039, 0x203A, 0x2020, 0x2021, 0x2030, 0x2032, 0x2033, 0x2010, 0x2011, 0x202F, 0x2212,
        0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2009,
        0x2002, 0x2003, 0x2007, 0x2008, 0x200A, 0x2012, 0x2015, 0x2016, 0x2017, 0x201B, 0x201F, 0x2023,
        0x2024, 0x2025, 0x2027, 0x2034, 0x2035, 0x203B, 0x203C, 0x203D, 0x203E, 0x2044, 0x2116, 0x2190,
        0x2192, 0x2191, 0x2193, 0x2264, 0x2265, 0x2260, 0x221E, 0x2248, 0x2022,
    ];

    internal static PunctuationSlot Classify(int left, int right)
    {
        // Format placeholders and markup count as words: “%s”, “$HOME”, “<file>”.
        bool leftWord = CharInfo.IsLetter(left) || CharInfo.IsDigit(left);
        bool rightWord = CharInfo.IsLetter(right) || CharInfo.IsDigit(right) || right is '%' or '$' or '<' or '[' or '{';
        bool leftOpen = left < 0 || CharInfo.IsSpace(left) || left is '(' or '[' or '{' or '/' or '-';
        bool rightOpen = right < 0 || CharInfo.IsSpace(right);
        if (leftWord && rightWord)
        {
            return PunctuationSlot.WordInternal;
        }

        if (leftOpen && rightWord)
        {
            return PunctuationSlot.Opening;
        }

        if (leftOpen && rightOpen)
        {
            return PunctuationSlot.Spaced;
        }

        if (!leftOpen && (rightOpen || right is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']'))
        {
            return PunctuationSlot.Closing;
        }

        return PunctuationSlot.Other;
    }

    /// <summary>The most likely code point for a lossy sequence, or -1 when nothing fits.</summary>
    internal static int Guess(in Sequence seq, PunctuationSlot slot, PunctuationStyle style, bool quoteOpen)
    {
        if (seq.Lead != 0xE2 || seq.ByteCount != 3)
        {
            return -1;
        }

        int dash = style.EmDash ? 0x2014 : 0x2013;
        // Only quotes encoded as E2 80 xx can hide behind â??; « » fall back to the common pair.
        int open = style.Open is >= '\u2018' and <= '\u201F' ? style.Open : 0x201C;
        int close = style.Close is >= '\u2018' and <= '\u201F' ? style.Close : 0x201D;
        int closer = style.LowClosingQuotes ? 0x201C : quoteOpen ? close : 0x2019;
        (int, int, int) preferred = slot switch
        {
            PunctuationSlot.WordInternal => (0x2019, 0x2010, 0x2011),
            PunctuationSlot.Opening => (style.LowClosingQuotes ? 0x201E : open, 0x201C, 0x2018),
            PunctuationSlot.Closing => (closer, close, 0x2026),
            PunctuationSlot.Spaced => (dash, 0x2026, 0x2022),
            _ => (0x2019, 0x201D, 0x2026),
        };

        if (Fits(seq, preferred.Item1))
        {
            return preferred.Item1;
        }

        if (Fits(seq, preferred.Item2))
        {
            return preferred.Item2;
        }

        if (Fits(seq, preferred.Item3))
        {
            return preferred.Item3;
        }

        foreach (int cp in General)
        {
            if (Fits(seq, cp))
            {
                return cp;
            }
        }

        return -1;
    }

    /// <summary>True when some candidate fits the bytes the sequence kept; in guess mode nothing else is touched.</summary>
    internal static bool CanGuess(in Sequence seq)
    {
        if (seq.Lead != 0xE2 || seq.ByteCount != 3)
        {
            return false;
        }

        foreach (int cp in General)
        {
            if (Fits(seq, cp))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="cp"/>'s UTF-8 agrees with every byte the sequence kept.</summary>
    internal static bool Fits(in Sequence seq, int cp)
    {
        uint bytes = Sequence.EncodeUtf8(cp, out int count);
        if (count != seq.ByteCount)
        {
            return false;
        }

        for (int k = 0; k < count; k++)
        {
            byte want = (byte)(bytes >> (8 * k));
            int bit = 1 << k;
            if ((seq.UnknownMask & bit) != 0)
            {
                if (want is < 0x80 or > 0xBF)
                {
                    return false;
                }
            }
            else if ((seq.BulletMask & bit) != 0)
            {
                // PDF text extraction prints '•' for the bytes WinAnsi leaves undefined.
                if (want is not (0x95 or 0x81 or 0x8D or 0x8F or 0x90 or 0x9D))
                {
                    return false;
                }
            }
            else if (want != seq.ByteAt(k))
            {
                return false;
            }
        }

        return true;
    }
}
