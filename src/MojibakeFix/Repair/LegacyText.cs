using MojibakeFix.CodePages;
using MojibakeFix.Text;

namespace MojibakeFix.Repair;

/// <summary>
/// Text stored in a legacy single-byte code page of another script and read as Windows-1252 or Latin-1 — no UTF-8
/// involved: <c>Ïðèâåò</c> for Привет (Windows-1251), <c>ðÒÉ×ÅÔ</c> (KOI8-R), <c>ÅëëçíéêÜ</c> for Ελληνικά
/// (Windows-1253); ftfy #28 and #18. Correct Latin text almost never holds four letters in a row from
/// U+00C0–U+00FF with no ASCII letter beside them (11 of 1.8 million catalog messages, date masks such as
/// ÅÅÅÅ), while such text is made of nothing else. A line is read through the code page that turns its words
/// into the common letters of one script, and only when those words are not lost among ASCII letters.
/// </summary>
internal static class LegacyText
{
    private const int MinimumRun = 4;

    private static readonly Lazy<SingleByteCodePage[]> s_pages = new(() =>
        [SingleByteCodePage.ByName("windows-1251")!, SingleByteCodePage.ByName("koi8-r")!, SingleByteCodePage.ByName("windows-1253")!]);

    /// <summary>The start of the first run of four or more characters U+00C0–U+00FF at or after <paramref name="from"/>, or -1.</summary>
    internal static int IndexOfCandidate(ReadOnlySpan<char> s, int from)
    {
        while (from < s.Length)
        {
            int i = s[from..].IndexOfAnyInRange('\u00C0', '\u00FF');
            if (i < 0)
            {
                return -1;
            }

            i += from;
            int end = i;
            while (end < s.Length && s[end] is >= '\u00C0' and <= '\u00FF')
            {
                end++;
            }

            if (end - i >= MinimumRun)
            {
                return i;
            }

            from = end;
        }

        return -1;
    }

    /// <summary>Repairs one line; returns the same instance when nothing changed.</summary>
    internal static string Repair(string line, List<FixStep>? steps)
    {
        if (IndexOfCandidate(line, 0) < 0 || !OutweighsAscii(line) || !AllWindows1252(line))
        {
            return line;
        }

        // The page that reads the most words; of equals (Windows-1251 and KOI8-R swap the case of most letters),
        // the one that gives more small letters, as running text has.
        SingleByteCodePage? best = null;
        (int Words, int Small) bestScore = (0, 0);
        foreach (SingleByteCodePage page in s_pages.Value)
        {
            var score = ReadsAsWords(line, page);
            if (score.Words > bestScore.Words || (score.Words == bestScore.Words && score.Small > bestScore.Small))
            {
                (best, bestScore) = (page, score);
            }
        }

        if (best is null)
        {
            return line;
        }

        char[] output = line.ToCharArray();
        for (int start = NextToken(line, 0, out int end); start >= 0; start = NextToken(line, end, out end))
        {
            if (TryDecode(line.AsSpan(start, end - start), best, output.AsSpan(start, end - start)))
            {
                steps?.Add(new FixStep(start, end - start, line[start..end], new string(output, start, end - start), [best.Name], 0.9, false, FixKind.LegacyCodePage));
            }
            else
            {
                line.AsSpan(start, end - start).CopyTo(output.AsSpan(start));
            }
        }

        return new string(output);
    }

    /// <summary>
    /// Every character is one Windows-1252 or Latin-1 shows for a byte: a line read that way holds nothing else
    /// (no Ż, no Ж, no CJK), so a line that does is not such text, whatever its runs.
    /// </summary>
    private static bool AllWindows1252(ReadOnlySpan<char> line)
    {
        foreach (char c in line)
        {
            if (c > 0xFF && ByteOf(c) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Characters from 80–FF (the misread letters) at least a third as many as ASCII letters: not Danish text
    /// with a ÅÅÅÅ date mask.
    /// </summary>
    private static bool OutweighsAscii(ReadOnlySpan<char> line)
    {
        int high = 0, ascii = 0;
        foreach (char c in line)
        {
            high += c >= 0x80 && c != '\u00A0' ? 1 : 0;
            ascii += char.IsAsciiLetter(c) ? 1 : 0;
        }

        return 3 * high > ascii; // format strings bring some ASCII: "%s: çáîé seek"
    }

    /// <summary>
    /// How many of the line's words the code page reads into common letters of one script, or 0 when a word with
    /// a run of four letters U+00C0–U+00FF does not read so (the evidence must hold for the page).
    /// </summary>
    private static (int Words, int Small) ReadsAsWords(string line, SingleByteCodePage page)
    {
        int words = 0, small = 0;
        bool evidence = false;
        Span<char> decoded = stackalloc char[64];
        for (int start = NextToken(line, 0, out int end); start >= 0; start = NextToken(line, end, out end))
        {
            ReadOnlySpan<char> token = line.AsSpan(start, end - start);
            Span<char> target = token.Length <= decoded.Length ? decoded[..token.Length] : new char[token.Length];
            if (TryDecode(token, page, target))
            {
                // The run of four that proves the line must not be one letter repeated (a date mask, ÉÉÉÉ-HH-NN).
                evidence |= IndexOfCandidate(token, 0) >= 0 && DistinctAtLeast(token, 3);
                words++;
                foreach (char c in target)
                {
                    small += char.IsLower(c) ? 1 : 0;
                }
            }
            else if (IndexOfCandidate(token, 0) >= 0)
            {
                return (0, 0);
            }
        }

        return evidence ? (words, small) : (0, 0);
    }

    private static bool DistinctAtLeast(ReadOnlySpan<char> token, int count)
    {
        Span<char> seen = stackalloc char[count];
        int n = 0;
        foreach (char c in token)
        {
            if (!seen[..n].Contains(c))
            {
                seen[n++] = c;
                if (n == count)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The next word made of characters from 80–FF (no-break space aside) with no ASCII letter beside it, from
    /// <paramref name="from"/>; its start, or -1.
    /// </summary>
    private static int NextToken(string line, int from, out int end)
    {
        for (int i = from; i < line.Length; i++)
        {
            if (!IsHigh(line[i]))
            {
                continue;
            }

            end = i;
            while (end < line.Length && IsHigh(line[end]))
            {
                end++;
            }

            if ((i > 0 && char.IsAsciiLetter(line[i - 1])) || (end < line.Length && char.IsAsciiLetter(line[end])))
            {
                i = end;
                continue; // inside a Latin word (café, Ärger): not misread text
            }

            return i;
        }

        end = line.Length;
        return -1;
    }

    private static bool IsHigh(char c) => c >= 0x80 && c != '\u00A0' && ByteOf(c) >= 0x80;

    private static int ByteOf(char c) => c <= 0xFF ? c : Windows1252.TryGetByte(c, out byte b) ? b : -1;

    /// <summary>
    /// Decodes a word through a code page into <paramref name="target"/>: true when every character becomes a
    /// common letter of the page's script (or punctuation such as « » № —) in one case pattern (Привет, ПРИВЕТ,
    /// привет), not the case breaks a wrong page gives.
    /// </summary>
    private static bool TryDecode(ReadOnlySpan<char> token, SingleByteCodePage page, Span<char> target)
    {
        Script script = Script.None;
        int letters = 0, breaks = 0;
        for (int k = 0; k < token.Length; k++)
        {
            char c = page.ToChar((byte)ByteOf(token[k]));
            target[k] = c;
            if (char.IsLetter(c))
            {
                Script s = CharInfo.ScriptOf(c);
                if (s is Script.Latin or Script.None or Script.Other || (script != Script.None && s != script) || !CommonLetters.IsCommon(c))
                {
                    return false;
                }

                script = s;
                letters++;
                breaks += k > 0 && char.IsLower(target[k - 1]) && char.IsUpper(c) ? 1 : 0;

                // Two letters real text never puts side by side (тщ in "àèìòù", an alphabet sample read as
                // Windows-1251), where the letter-pair table knows one of them.
                if (k > 0 && char.IsLetter(target[k - 1]) && Lossy.LetterPairs.Knows(target[k - 1], c) && Lossy.LetterPairs.Count(target[k - 1], c) == 0)
                {
                    return false;
                }
            }
            else if (c is not ('«' or '»' or '„' or '“' or '”' or '–' or '—' or '…' or '№' or '’' or '‘'))
            {
                return false;
            }
        }

        return letters > 0 && breaks == 0;
    }
}
