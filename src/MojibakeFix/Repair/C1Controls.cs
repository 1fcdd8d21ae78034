using MojibakeFix.CodePages;
using MojibakeFix.Text;

namespace MojibakeFix.Repair;

/// <summary>
/// C1 controls (U+0080–U+009F) are bytes 80–9F a Latin-1 decoder let through. Most such text was Windows-1252
/// (’ “ ” – —), but text from a Mac (MacRoman) or from DOS (cp850, cp437) keeps letters there: <c>Coatl\x87n</c>
/// is Coatlán in MacRoman and "Coatl‡n" in Windows-1252. A line's controls are read through such a code page only
/// when the line proves it (ftfy #18): a control inside or at the end of a word that Windows-1252 makes into a
/// symbol no word holds there or a capital after a small letter, or Windows-1252 letters in words that real text
/// clearly shows less than the page's (<see cref="LatinPairs"/>), while the code page makes every such control a
/// Latin letter of the word's case. Of the pages that do, the one whose words read most plainly by the same table
/// is taken (MacRoman, then cp850, then cp437 where they read alike): <c>K\x94nig</c> is König in cp850 and Kînig
/// in MacRoman.
/// </summary>
internal static class C1Controls
{
    private static readonly Lazy<SingleByteCodePage[]> s_letterPages = new(() =>
        [SingleByteCodePage.ByName("macintosh")!, SingleByteCodePage.ByName("cp850")!, SingleByteCodePage.ByName("cp437")!]);

    /// <summary>The code page whose letters the line's C1 controls stand for, or null for Windows-1252.</summary>
    internal static SingleByteCodePage? LetterPageOf(ReadOnlySpan<char> line)
    {
        int first = line.IndexOfAnyInRange('\u0080', '\u009F');
        if (first < 0)
        {
            return null;
        }

        // Where no control proves the line, Windows-1252's letters in words (kšnnen, mœsica) are weighed against
        // the pages' readings: a page must read those words clearly more plainly (SoftMargin).
        bool evidence = HasEvidence(line, first, out bool lettersInWords);
        if (!evidence && !lettersInWords)
        {
            return null;
        }

        // Of the pages that read every such control as a letter of its word, the one whose words real text shows
        // most plainly (the fewest pairs of letters it never shows, then the most common ones: lêer from cp850,
        // not làer from MacRoman); of equals, the first, in order of how common the damage is.
        SingleByteCodePage? best = null;
        int bestUnseen = int.MaxValue, bestLikelihood = 0;
        foreach (SingleByteCodePage page in s_letterPages.Value)
        {
            if (ReadsAsLetters(line, first, page))
            {
                var (unseen, likelihood) = Plainness(line, first, page);
                if (unseen < bestUnseen || (unseen == bestUnseen && likelihood > bestLikelihood))
                {
                    (best, bestUnseen, bestLikelihood) = (page, unseen, likelihood);
                }
            }
        }

        return evidence || (best is not null && bestUnseen + SoftMargin <= Plainness(line, first, null).Unseen) ? best : null;
    }

    // How many fewer unseen pairs a page's reading must have than Windows-1252's letters (a rare but real word such
    // as grešci or bœuf has one).
    private const int SoftMargin = 2;

    /// <summary>
    /// The <see cref="LatinPairs"/> measures of the words that hold a control, read through <paramref name="page"/>
    /// (null: Windows-1252).
    /// </summary>
    private static (int Unseen, int Likelihood) Plainness(ReadOnlySpan<char> line, int first, SingleByteCodePage? page)
    {
        Span<char> word = stackalloc char[64];
        int unseen = 0, likelihood = 0;
        for (int i = first; i < line.Length; i++)
        {
            if (line[i] is < '\u0080' or > '\u009F')
            {
                continue;
            }

            int start = i, end = i + 1;
            while (start > 0 && char.IsLetter(line[start - 1]))
            {
                start--;
            }

            while (end < line.Length && (char.IsLetter(line[end]) || line[end] is >= '\u0080' and <= '\u009F'))
            {
                end++;
            }

            if (end - start <= word.Length)
            {
                for (int k = start; k < end; k++)
                {
                    // (Windows-1252's punctuation there fits, or it would have been evidence: a word's edge.)
                    word[k - start] = line[k] is < '\u0080' or > '\u009F' ? line[k]
                        : page is not null ? page.ToChar((byte)line[k])
                        : IsWordLetter(Windows1252.ToChar((byte)line[k])) ? Windows1252.ToChar((byte)line[k]) : ' ';
                }

                unseen += LatinPairs.UnseenPairs(word[..(end - start)]);
                likelihood += LatinPairs.Likelihood(word[..(end - start)]);
            }

            i = end - 1; // each word once: the scan stays linear
        }

        return (unseen, likelihood);
    }

    private static bool IsBetweenLetters(ReadOnlySpan<char> line, int i) =>
        i > 0 && i + 1 < line.Length && char.IsLetter(line[i - 1]) && char.IsLetter(line[i + 1]);

    /// <summary>
    /// Whether <paramref name="c"/>, at <paramref name="i"/>, is a capital after a small letter of a word: not after
    /// the s of a %s (%sŽádné, a format string's argument before a capital).
    /// </summary>
    private static bool CapitalAfterSmall(char c, ReadOnlySpan<char> line, int i) =>
        char.IsUpper(c) && char.IsLower(line[i - 1]) && !(i >= 2 && line[i - 2] == '%');

    private static bool EndsWord(ReadOnlySpan<char> line, int i) =>
        i > 0 && char.IsLetter(line[i - 1]) && (i + 1 == line.Length || !char.IsLetter(line[i + 1]));

    /// <summary>
    /// Whether a control stands where Windows-1252's reading of it cannot; <paramref name="lettersInWords"/>: whether
    /// one it reads as a letter (š, œ) stands inside or at the end of a word, where a page's letter may fit better.
    /// </summary>
    private static bool HasEvidence(ReadOnlySpan<char> line, int first, out bool lettersInWords)
    {
        lettersInWords = false;
        for (int i = first; i < line.Length; i++)
        {
            if (line[i] is < '\u0080' or > '\u009F')
            {
                continue;
            }

            char c = Windows1252.ToChar((byte)line[i]);
            bool between = IsBetweenLetters(line, i), ends = EndsWord(line, i);
            if ((between && !FitsInWord(c, line, i)) || (ends && !FitsAfterWord(c, line[..i])))
            {
                return true;
            }

            lettersInWords |= (between || ends) && IsWordLetter(c);
        }

        return false;
    }

    /// <summary>
    /// Whether the Windows-1252 reading of a control right after a word can stand there: closing quotes, the
    /// apostrophe, dashes, the ellipsis, ™, a bullet, a dagger (a footnote), and ‘ “ where a quote opened them
    /// (German „hin“, “l“) — not ‘ “ otherwise (Colombi‘ for Colombië), ‚ „ ‰ ˆ, an undefined byte or the double
    /// dagger, which far more often is MacRoman's á ending a word (est‡ for está).
    /// </summary>
    private static bool FitsAfterWord(char c, ReadOnlySpan<char> before) =>
        c is '\u2019' or '\u201D' or '\u203A' or '\u2013' or '\u2014' or '\u2026' or '\u2122' or '\u2022' or '\u2020'
        || (IsWordLetter(c) && !CapitalAfterSmall(c, before, before.Length))
        || (c == '\u2018' && before.IndexOfAny("\u0082\u0091\u201A\u2018") >= 0)
        || (c == '\u201C' && before.IndexOfAny("\u0084\u0093\u201E\u201C") >= 0);

    // š, œ, Ž…: letters of words, unlike the modifier letters ˆ and ˜ that Windows-1252 also puts there.
    private static bool IsWordLetter(char c) => char.IsLetter(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.ModifierLetter;

    /// <summary>
    /// Whether the Windows-1252 reading of a control between two letters can stand in a correct word: a letter
    /// (š, œ), a dash, or an apostrophe of an elision (l’homme, dell’anno, O’Brien) or a contraction (don’t,
    /// we’ll) — not tur’stico.
    /// </summary>
    private static bool FitsInWord(char c, ReadOnlySpan<char> line, int i)
    {
        if (IsWordLetter(c))
        {
            return !CapitalAfterSmall(c, line, i); // not a capital after a small letter: spŠter
        }

        if (c is '\u2013' or '\u2014')
        {
            return true;
        }

        if (c is not ('\u2019' or '\u2018'))
        {
            return false; // ‚ „ … † ‡ ˆ ‰ ‹ › “ ” • ˜ ™ and undefined bytes
        }

        char next = line[i + 1];
        if (char.IsUpper(next) || next > 0x7F || "aeiouyh".Contains(next))
        {
            return true; // elision before a vowel (d’ús) or h, or a name
        }

        int wordStart = i;
        while (wordStart > 0 && char.IsLetter(line[wordStart - 1]))
        {
            wordStart--;
        }

        if (char.IsUpper(line[wordStart]))
        {
            return true; // after a name: Boole’schen
        }

        int rest = 0;
        while (i + 1 + rest < line.Length && char.IsLetter(line[i + 1 + rest]))
        {
            rest++;
        }

        ReadOnlySpan<char> tail = line.Slice(i + 1, rest);
        return tail is "s" or "t" or "d" or "m" or "n" or "r" or "ll" or "re" or "ve"; // don’t, we’ll, Welsh ’r
    }

    private static bool ReadsAsLetters(ReadOnlySpan<char> line, int first, SingleByteCodePage page)
    {
        for (int i = first; i < line.Length; i++)
        {
            if (line[i] is >= '\u0080' and <= '\u009F' && (IsBetweenLetters(line, i) || EndsWord(line, i)))
            {
                char c = page.ToChar((byte)line[i]);
                // The case of the word: no capital after a small letter or before one (MÅller is not Müller).
                if (!IsWordLetter(c) || CharInfo.ScriptOf(c) != Script.Latin
                    || (char.IsUpper(c) && (char.IsLower(line[i - 1]) || (i + 1 < line.Length && char.IsLower(line[i + 1])))))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
