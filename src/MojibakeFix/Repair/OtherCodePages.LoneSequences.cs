using System.Numerics;
using MojibakeFix.CodePages;

namespace MojibakeFix.Repair;

internal static partial class OtherCodePages
{
    /// <summary>
    /// Whether some code page reads the two characters as one two-byte sequence that a lone word makes: a Latin-1
    /// letter (è, à, å, é: the Italian, French, Norwegian, Irish one-letter words) or the punctuation that stands
    /// apart from letters (« » º ª ¿ ¡ · © ° and the no-break space).
    /// </summary>
    private static bool IsLoneSequence(char a, char b) => LoneSequencePages(a, b) != 0;

    /// <summary>The code pages (bits of <see cref="SingleByteCodePage.Others"/>) that read <paramref name="a"/><paramref name="b"/> as <see cref="IsLoneSequence"/> says.</summary>
    private static ushort LoneSequencePages(char a, char b)
    {
        ushort pages = (ushort)(SingleByteCodePage.LeadMasks[a] & SingleByteCodePage.ContinuationMasks[b]);
        ushort reading = 0;
        for (ushort rest = pages; rest != 0; rest &= (ushort)(rest - 1))
        {
            int p = BitOperations.TrailingZeroCount(rest);
            SingleByteCodePage page = SingleByteCodePage.Others[p];
            if (page.TryGetByte(a, out byte lead) && page.TryGetByte(b, out byte continuation) && lead is >= 0xC2 and <= 0xDF
                && IsLoneCharacter((lead & 0x1F) << 6 | (continuation & 0x3F)) != LoneKind.None)
            {
                reading |= (ushort)(1 << p);
            }
        }

        return reading;
    }

    private enum LoneKind
    {
        None,
        Letter,
        Punctuation,
    }

    private static LoneKind IsLoneCharacter(int c) => c switch
    {
        0xD7 or 0xF7 => LoneKind.None, // × ÷
        >= 0xC0 and <= 0xFF => LoneKind.Letter,
        0xA0 or 0xA1 or 0xA9 or 0xAA or 0xAB or 0xB0 or 0xB7 or 0xBA or 0xBB or 0xBF => LoneKind.Punctuation,
        _ => LoneKind.None,
    };

    /// <summary>
    /// A line of ASCII words whose only other characters are lone two-byte sequences of one code page (Italian
    /// "Il file УЈ vuoto", French "ТЋ%sТЛ", ISO-8859-5): each such sequence has no evidence of its own, as a word
    /// alone, but the line around it is plain Latin text, and the sequence reads as what stands alone in such
    /// text: a one-letter word (è, à, å) or punctuation set apart from letters (« » º). The code page that reads
    /// every one of them (the first in <see cref="SingleByteCodePage.Others"/> when several do), or -1. Lines
    /// of Windows-1252 damage are left to that pass.
    /// </summary>
    private static int LoneSequencePage(ReadOnlySpan<char> s)
    {
        ushort pages = ushort.MaxValue;
        bool latinWord = false, any = false;
        for (int start = 0; start < s.Length;)
        {
            int end = start;
            bool ascii = true;
            while (end < s.Length && s[end] is not (' ' or '\t' or '\n' or '\r'))
            {
                ascii &= s[end] < 0x80;
                end++;
            }

            ReadOnlySpan<char> word = s[start..end];
            if (ascii)
            {
                latinWord |= HasThreeAsciiLetters(word);
            }
            else
            {
                pages &= LoneWordPages(word, pages);
                if (pages == 0)
                {
                    return -1;
                }

                any = true;
            }

            start = end + 1;
        }

        return any && latinWord && !IsWindows1252Image(s, out _) ? BitOperations.TrailingZeroCount(pages) : -1;
    }

    // A Latin word of three letters or more: an abbreviation (OK) beside an emoticon (`¬´ in MacRoman) is no such line.
    private static bool HasThreeAsciiLetters(ReadOnlySpan<char> word)
    {
        for (int k = 0; k + 2 < word.Length; k++)
        {
            if (char.IsAsciiLetter(word[k]) && char.IsAsciiLetter(word[k + 1]) && char.IsAsciiLetter(word[k + 2]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The code pages among <paramref name="pages"/> that read every non-ASCII character of the word as part of a
    /// lone sequence: a letter with no letter beside it (c'è), punctuation anywhere but inside a run of letters.
    /// </summary>
    private static ushort LoneWordPages(ReadOnlySpan<char> word, ushort pages)
    {
        for (int k = 0; k < word.Length && pages != 0; k++)
        {
            if (word[k] < 0x80)
            {
                continue;
            }

            if (k + 1 >= word.Length)
            {
                return 0;
            }

            pages &= LoneSequencePages(word[k], word[k + 1]);
            bool letterBefore = k > 0 && char.IsLetter(word[k - 1]);
            bool letterAfter = k + 2 < word.Length && char.IsLetter(word[k + 2]);
            for (ushort rest = pages; rest != 0; rest &= (ushort)(rest - 1))
            {
                int p = BitOperations.TrailingZeroCount(rest);
                SingleByteCodePage page = SingleByteCodePage.Others[p];
                page.TryGetByte(word[k], out byte lead);
                page.TryGetByte(word[k + 1], out byte continuation);
                LoneKind kind = IsLoneCharacter((lead & 0x1F) << 6 | (continuation & 0x3F));
                if ((kind == LoneKind.Letter && (letterBefore || letterAfter)) || (kind == LoneKind.Punctuation && letterBefore && letterAfter))
                {
                    pages &= (ushort)~(1 << p);
                }
            }

            k++;
        }

        return pages;
    }

    /// <summary>Reads a line that <see cref="LoneSequencePage"/> accepts; the same instance when it does not.</summary>
    private static string RepairLoneSequences(string text, List<FixStep>? steps)
    {
        int p = LoneSequencePage(text);
        if (p < 0)
        {
            return text;
        }

        SingleByteCodePage page = SingleByteCodePage.Others[p];
        var words = new List<(int Start, int End)>();
        var decisions = new List<(string? Decoded, string? Name, bool Lossy)>();
        for (int start = 0; start < text.Length;)
        {
            int end = start;
            while (end < text.Length && text[end] is not (' ' or '\t' or '\n' or '\r'))
            {
                end++;
            }

            ReadOnlySpan<char> word = text.AsSpan(start, end - start);
            if (word.ContainsAnyExceptInRange('\0', '\u007F'))
            {
                var decoded = new System.Text.StringBuilder(word.Length);
                for (int k = 0; k < word.Length; k++)
                {
                    if (word[k] < 0x80)
                    {
                        decoded.Append(word[k]);
                        continue;
                    }

                    page.TryGetByte(word[k], out byte lead);
                    page.TryGetByte(word[k + 1], out byte continuation);
                    decoded.Append((char)((lead & 0x1F) << 6 | (continuation & 0x3F)));
                    k++;
                }

                words.Add((start, end));
                decisions.Add((decoded.ToString(), page.Name, false));
            }

            start = end + 1;
        }

        return Apply(text, words, [.. decisions], steps);
    }
}
