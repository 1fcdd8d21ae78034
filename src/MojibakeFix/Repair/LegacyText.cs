using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MojibakeFix.CodePages;
using MojibakeFix.Text;

namespace MojibakeFix.Repair;

/// <summary>
/// Text stored in a legacy single-byte code page of another script and read as Windows-1252 or Latin-1 — no UTF-8
/// involved: <c>Ïðèâåò</c> for Привет (Windows-1251), <c>ðÒÉ×ÅÔ</c> (KOI8-R), <c>ÅëëçíéêÜ</c> for Ελληνικά
/// (Windows-1253); ftfy #28 and #18. Correct Latin text almost never holds four letters in a row from
/// U+00C0–U+00FF with no ASCII letter beside them (date masks such as ÅÅÅÅ, alphabet samples; the accuracy
/// run's clean category checks that none is changed), while such text is made of nothing else. A line is read through the code page that turns its words
/// into the common letters of one script, and only when those words are not lost among ASCII letters.
/// </summary>
internal static class LegacyText
{
    private const int MinimumRun = 4;

    private static readonly Lazy<SingleByteCodePage[]> s_pages = new(() =>
        [SingleByteCodePage.ByName("windows-1251")!, SingleByteCodePage.ByName("koi8-r")!, SingleByteCodePage.ByName("windows-1253")!]);

    /// <summary>The vector width of the run search, chosen once: 512, 256, 128 or 0 (scalar).</summary>
    internal static readonly int BestWidth =
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;

    /// <summary>The start of the first run of four or more characters U+00C0–U+00FF at or after <paramref name="from"/>, or -1.</summary>
    internal static int IndexOfCandidate(ReadOnlySpan<char> s, int from) => IndexOfCandidate(s, from, BestWidth);

    /// <summary>
    /// The same at a given vector width (0 = scalar; the widths agree, so tests cover every path). A vector is
    /// classified to a bit mask of the lanes in U+00C0–U+00FF; four set bits in a row, counting the run carried
    /// from the vector before, mark a run. Accented Latin text, where such letters stand alone among ASCII ones,
    /// costs one compare per vector instead of a call per letter.
    /// </summary>
    internal static int IndexOfCandidate(ReadOnlySpan<char> s, int from, int width)
    {
        from = Math.Max(from, 0);
        int i = from, carried = 0; // carried: in-range characters just before i (from on), at most 3
        // The widest vector first, then each narrower one over what is left of a short line.
        ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(s));
        for (int w = width; w >= 128; w /= 2)
        {
            int lanes = w switch { 512 => Vector512<ushort>.Count, 256 => Vector256<ushort>.Count, _ => Vector128<ushort>.Count };
            for (; i + lanes <= s.Length; i += lanes)
            {
                ulong mask = w switch { 512 => Letters512(ref start, i), 256 => Letters256(ref start, i), _ => Letters128(ref start, i) };
                if (mask == 0)
                {
                    carried = 0;
                    continue;
                }

                // Bit j of `extended` is position i - 3 + j (the carried run fills bits 0–2); bit j of `runs` is
                // set when positions i - 3 + j … i + j are all in range. (At 512 bits the top three lanes fall off
                // and are found through the carried run or the tail.)
                ulong extended = (mask << 3) | (((1UL << carried) - 1) << (3 - carried));
                ulong runs = extended & (extended >> 1) & (extended >> 2) & (extended >> 3);
                if (runs != 0)
                {
                    return StartOfRun(s, i + BitOperations.TrailingZeroCount(runs) - 3, from);
                }

                int top = BitOperations.LeadingZeroCount(~mask << (64 - lanes)); // in-range lanes at the top
                carried = Math.Min(top == lanes ? carried + lanes : top, 3);
            }
        }

        for (; i < s.Length; i++)
        {
            carried = s[i] is >= '\u00C0' and <= '\u00FF' ? carried + 1 : 0;
            if (carried >= MinimumRun)
            {
                return StartOfRun(s, i - MinimumRun + 1, from);
            }
        }

        return -1;
    }

    /// <summary>
    /// The exact definition per position: four characters U+00C0–U+00FF from <paramref name="i"/>. The first such
    /// position at or after <c>from</c> is where <see cref="IndexOfCandidate(ReadOnlySpan{char}, int, int)"/> finds
    /// a run (a run's start is the first position of its four), so the whole-text classifier can test it alone.
    /// </summary>
    internal static bool StartsRunAt(ReadOnlySpan<char> s, int i) =>
        i + MinimumRun <= s.Length && s[i] is >= '\u00C0' and <= '\u00FF' && s[i + 1] is >= '\u00C0' and <= '\u00FF'
        && s[i + 2] is >= '\u00C0' and <= '\u00FF' && s[i + 3] is >= '\u00C0' and <= '\u00FF';

    /// <summary>The first position of the run that holds <paramref name="i"/>, not before <paramref name="from"/>.</summary>
    private static int StartOfRun(ReadOnlySpan<char> s, int i, int from)
    {
        while (i > from && s[i - 1] is >= '\u00C0' and <= '\u00FF')
        {
            i--;
        }

        return i;
    }

    private static ulong Letters128(ref ushort start, int i) =>
        Vector128.LessThanOrEqual(Vector128.LoadUnsafe(ref start, (nuint)i) - Vector128.Create((ushort)0xC0), Vector128.Create((ushort)0x3F)).ExtractMostSignificantBits();

    private static ulong Letters256(ref ushort start, int i) =>
        Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref start, (nuint)i) - Vector256.Create((ushort)0xC0), Vector256.Create((ushort)0x3F)).ExtractMostSignificantBits();

    private static ulong Letters512(ref ushort start, int i) =>
        Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref start, (nuint)i) - Vector512.Create((ushort)0xC0), Vector512.Create((ushort)0x3F)).ExtractMostSignificantBits();

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
