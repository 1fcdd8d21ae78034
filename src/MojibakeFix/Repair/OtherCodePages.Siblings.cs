using System.Text;
using System.Text.Unicode;
using MojibakeFix.Internals;
using MojibakeFix.CodePages;
using MojibakeFix.Text;

namespace MojibakeFix.Repair;

internal static partial class OtherCodePages
{
    /// <summary>
    /// Sibling code pages (Windows-1250 and ISO-8859-2) often read every word of a line alike and tie on votes; a word
    /// whose two readings are about as likely (Bhután, Bhutån) then went to the page tried first. When the line's
    /// other accented letters and common words tell which reading fits (beside í and ý, ĂĄ is Czech á, not å; beside
    /// ø or "ikke" it is Danish å), the tied page that fits best is returned, to read such words and the line's
    /// words without evidence of their own; -1 when nothing speaks.
    /// </summary>
    private static int PreferredByCompany(string text, List<(int Start, int End)> words, Span<int> votes)
    {
        int max = MaxOf(votes);
        int winner = max > 0 ? votes.IndexOf(max) : -1;
        bool decided = false;
        for (int p = winner + 1; winner >= 0 && p < votes.Length; p++)
        {
            // Either page must lead by the margin a word needs on its own (LikelierBy); a closer line is left to its words.
            if (votes[p] == max && CompareByCompany(text, words, p, winner) is int lead && Math.Abs(lead) > LikelierBy)
            {
                decided = true;
                winner = lead > 0 ? p : winner;
            }
        }

        return decided ? winner : -1;
    }

    /// <summary>
    /// How much better (sixteenths of a binary logarithm) code page <paramref name="a"/> reads a line's words than
    /// <paramref name="b"/>, judged on the words whose two readings have one length and differ by accented letters:
    /// the pairs of letters in them (<see cref="LatinPairs.Likelihood"/>), and how each differing letter fits the
    /// accented letters both readings share and the line's ASCII words (<see cref="LatinCompany.Fit"/>). Negative when
    /// <paramref name="b"/> reads better; 0 when no such word differs or nothing in the line speaks.
    /// </summary>
    private static int CompareByCompany(string text, List<(int Start, int End)> words, int a, int b)
    {
        SingleByteCodePage pageA = SingleByteCodePage.Others[a], pageB = SingleByteCodePage.Others[b];
        WorkMeter.Add(text.Length * 2);
        var company = new StringBuilder();
        var differing = new List<(string A, string B)>();
        foreach (var (first, end) in words)
        {
            int start = first < 0 ? ~first : first;
            if (Read(text.AsSpan(start, end - start), pageA) is not string readA || Read(text.AsSpan(start, end - start), pageB) is not string readB
                || readA.Length != readB.Length)
            {
                continue;
            }

            bool differs = false;
            for (int k = 0; k < readA.Length; k++)
            {
                if (readA[k] == readB[k])
                {
                    company.Append(LatinCompany.IsAccented(readA[k]) ? readA[k] : ' ');
                }
                else
                {
                    differs |= LatinCompany.IsAccented(readA[k]) && LatinCompany.IsAccented(readB[k]);
                }
            }

            if (differs)
            {
                differing.Add((readA, readB));
            }
        }

        string letters = company.ToString();
        List<string> asciiWords = LatinCompany.AsciiWords(text);
        if (differing.Count == 0 || (letters.AsSpan().IndexOfAnyExcept(' ') < 0 && !asciiWords.Exists(LatinCompany.IsKnown)))
        {
            return 0;
        }

        int score = 0;
        foreach (var (readA, readB) in differing)
        {
            score += LatinPairs.Likelihood(readA) - LatinPairs.Likelihood(readB);
            for (int k = 0; k < readA.Length; k++)
            {
                if (readA[k] != readB[k] && LatinCompany.IsAccented(readA[k]) && LatinCompany.IsAccented(readB[k]))
                {
                    score += LatinCompany.Fit(readA[k], readB[k], letters, asciiWords) - LatinCompany.Fit(readB[k], readA[k], letters, asciiWords);
                }
            }
        }

        return score;
    }

    /// <summary>A word's bytes through a code page, decoded as UTF-8, or null when they are not valid UTF-8.</summary>
    private static string? Read(ReadOnlySpan<char> word, SingleByteCodePage page)
    {
        Span<byte> bytes = word.Length <= 256 ? stackalloc byte[word.Length] : new byte[word.Length];
        return Encode(word, page, bytes) && Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : null;
    }
}
