using System.Runtime.CompilerServices;
using MojibakeFix.Detection;
using MojibakeFix.Internals;
using MojibakeFix.Text;

namespace MojibakeFix.Repair;

internal ref partial struct Repairer
{
    /// <summary>
    /// <see cref="Run"/> on one line of UTF-8 whose every non-ASCII character lies in a plain run: a run of whole
    /// sequences between ASCII characters that the Windows-1252 pass writes as its decoding (most lines of
    /// Windows-1252 damage), decided as <see cref="TryEmitPlainRun"/> decides it (proof in the run, or letters of one
    /// script) or, for a letter alone, as <see cref="Decide"/> does (<see cref="LatinAlone"/>). Writes the line with
    /// each run replaced by the bytes its characters stand for, which are the UTF-8 of that decoding, so the line is
    /// never transcoded. False, with nothing decided, for any other line (a non-ASCII character outside such a run, a
    /// run whose decision the shortcut does not know, a byte that is not UTF-8): the caller then takes the decoding
    /// path. The decisions are made by the same functions on the same characters, each decoded from its bytes.
    /// </summary>
    /// <param name="line">The line, its break included; no byte of it is read as a character outside it.</param>
    /// <param name="destination">At least as long as <paramref name="line"/> (a repair only shortens it).</param>
    /// <param name="written">The bytes written.</param>
    /// <returns>True when at least one run was repaired, every other byte is ASCII, and the proof a run's acceptance needs is in the line.</returns>
    internal static bool TryRunPlainUtf8(ReadOnlySpan<byte> line, Span<byte> destination, out int written)
    {
        written = 0;
        if (t_generalPathOnly)
        {
            return false;
        }

        bool taken = ReadPlainRuns(line, destination, ref written, out int examined);
        WorkMeter.Add(examined); // the bytes looked at: a line given up early costs only what was read of it
        return taken;
    }

    private static bool ReadPlainRuns(ReadOnlySpan<byte> line, Span<byte> destination, ref int written, out int i)
    {
        Span<char> images = stackalloc char[4]; // one sequence's characters, as TryEmitPlainRun reads them
        Span<int> points = stackalloc int[MaxChain]; // a run's decoded code points
        int w = 0, runs = 0;
        bool proven = false, needsProof = false; // some run holds proof (DocEvidence); some run's acceptance needs it
        i = 0;
        int lastGroupEnd = -1; // where the last run ended (its ASCII right neighbour): Repairer._lastGroupEnd
        while (true)
        {
            int k = line[i..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            int gap = k < 0 ? line.Length - i : k;
            line.Slice(i, gap).CopyTo(destination[w..]);
            w += gap;
            i += gap;
            if (k < 0)
            {
                break;
            }

            // A run starts here. Everything left of it is ASCII or a run already written, so its left neighbour is an
            // ASCII character (Left), and no lead image lies within three characters of it (WouldFormNewSequence).
            int start = i;
            int left = start > 0 ? line[start - 1] : -1;
            int left2 = start >= 2 && start - 1 != lastGroupEnd ? line[start - 2] : -1;
            bool grading = true, anyDefinite = false;
            int previous = -1, count = 0; // previous: the last UTF-16 unit of the decoding so far
            while (true)
            {
                int length = ReadImage(line, i, out char c0);
                if (length == 0 || !Sequence.IsLeadChar(c0) || count == MaxChain)
                {
                    return false;
                }

                int n = Sequence.LengthOfLead(c0);
                images[0] = c0;
                int j = i + length;
                for (int m = 1; m < n; m++)
                {
                    int size = ReadImage(line, j, out images[m]);
                    if (size == 0)
                    {
                        return false; // ASCII, the line's end, or a character no Windows-1252 byte reads as
                    }

                    j += size;
                }

                int cp = ReadPlainSequence(images, 0, c0, n, previous, count == 0 ? left : points[count - 1],
                    out uint bytes, out bool plausible, out _, out _);
                if (cp < 0)
                {
                    return false;
                }

                if (grading)
                {
                    Evidence evidence = SequenceReader.Grade(images, 0, n);
                    anyDefinite |= evidence == Evidence.Definite && c0 != '\u00D7' && plausible;
                    grading = !anyDefinite;
                }

                // The decoding's UTF-8 is the sequence's bytes (DecodeUtf8 takes only the one valid form).
                for (int m = 0; m < n; m++)
                {
                    destination[w++] = (byte)(bytes >> (8 * m));
                }

                points[count] = cp;
                previous = cp < 0x10000 ? cp : 0xDC00 + (cp & 0x3FF);
                count++;
                i = j;
                if (i == line.Length || line[i] < 0x80)
                {
                    break;
                }
            }

            // Decide's answer for the run, where the shortcut knows it: proven, a word of one script, or a Latin letter
            // alone, which may need proof elsewhere in the line (known at its end).
            int right = i < line.Length ? line[i] : -1;
            if (anyDefinite)
            {
                proven = true;
                if (count == 1 && IsCaseAnomalyBetween(points[0], left, left2, right))
                {
                    return false;
                }
            }
            else if (!IsSameScriptRun(points[..count]))
            {
                Verdict verdict = count == 1 ? LatinAlone(line, start, i, points[0], images[..Sequence.LengthOfLead(images[0])], left, right) : Verdict.Reject;
                if (verdict == Verdict.Reject)
                {
                    return false;
                }

                needsProof |= verdict == Verdict.IfProven;
            }

            lastGroupEnd = i;
            runs++;
        }

        written = w;
        return runs > 0 && (proven || !needsProof);
    }

    /// <summary>
    /// Decide's answer for a sequence alone in its run without proof of its own: what <see cref="AcceptAlone"/>
    /// answers for a common Latin letter (<see cref="AcceptLatinAlone"/>) or a no-break space after Ã or Â after a
    /// small letter or a symbol; <see cref="Verdict.Reject"/> for anything the shortcut does not decide (a letter of
    /// another script, a symbol, neighbours it does not read), which the line's decoding then decides.
    /// </summary>
    private static Verdict LatinAlone(ReadOnlySpan<byte> line, int start, int end, int cp, ReadOnlySpan<char> images, int l, int r)
    {
        char lead = images[0];
        bool endsInSpace = images[^1] == '\u00A0';
        if (endsInSpace && lead is '\u00C3' or '\u00C2')
        {
            // AcceptNoBreakSpace's first rules: after a small letter (già, namedÂ ), and Â clinging to a
            // non-letter or before French punctuation in a damaged line. A capital or a space before it is left.
            if (CharInfo.IsLower(l))
            {
                return Verdict.Accept;
            }

            if (lead == '\u00C2')
            {
                bool clings = l < 0 || (!CharInfo.IsSpace(l) && !CharInfo.IsLetter(l));
                return clings ? Verdict.Accept : r is ':' or ';' or '!' or '?' or '%' ? Verdict.IfProven : Verdict.Reject;
            }

            return Verdict.Reject;
        }

        if (!CharInfo.IsLetter(cp) || CharInfo.ScriptOf(cp) != Script.Latin || !CharInfo.IsCommonLatinLetter(cp))
        {
            return Verdict.Reject;
        }

        // LeftOf(start - 1): the character two before the sequence in the line as it was, -1 before the line.
        int leftOfLeft = start >= 2 ? line[start - 2] : -1;
        if (leftOfLeft >= 0x80)
        {
            return Verdict.Reject; // the end of an earlier run: not read here
        }

        bool apostrophe = images[1..].IndexOfAny('\u2019', '\u00B4') >= 0;
        bool clitic = false;
        if (apostrophe)
        {
            // IsClitic(end): the letters after the sequence, when ASCII, are ’s ’t ’d ’m ’ll ’re ’ve.
            int w = end;
            while (w < line.Length && w - end < 3 && char.IsAsciiLetter((char)line[w]))
            {
                w++;
            }

            if (w < line.Length && w - end < 3 && line[w] >= 0x80)
            {
                return Verdict.Reject;
            }

            if (w - end < 3)
            {
                Span<char> letters = stackalloc char[2]; // ASCII letters: each byte is its character
                for (int m = end; m < w; m++)
                {
                    letters[m - end] = (char)line[m];
                }

                clitic = IsCliticWord(letters[..(w - end)]);
            }
        }

        return AcceptLatinAlone(cp, lead, l, r, leftOfLeft, endsInSpace, clitic);
    }

    /// <summary>
    /// The character at <paramref name="at"/> when it is one a Windows-1252 byte 0x80–0xFF reads as (U+0080–U+07FF
    /// in two bytes, or U+2000–U+2FFF in three, where its specials lie), and its length in bytes; 0 for ASCII, the
    /// end of the line, an invalid byte, or any other character, none of which a sequence is made of.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per character of a run: ahead-of-time code would call it
    private static int ReadImage(ReadOnlySpan<byte> s, int at, out char c)
    {
        c = '\0';
        if ((uint)at >= (uint)s.Length)
        {
            return 0;
        }

        uint b0 = s[at];
        if (b0 - 0xC2 <= 0xDF - 0xC2)
        {
            if (at + 1 < s.Length && (s[at + 1] & 0xC0) == 0x80)
            {
                c = (char)(((b0 & 0x1F) << 6) | (s[at + 1] & 0x3Fu));
                return 2;
            }

            return 0;
        }

        if (b0 == 0xE2 && at + 2 < s.Length && (s[at + 1] & 0xC0) == 0x80 && (s[at + 2] & 0xC0) == 0x80)
        {
            c = (char)(0x2000 | ((s[at + 1] & 0x3Fu) << 6) | (s[at + 2] & 0x3Fu));
            return 3;
        }

        return 0;
    }
}
