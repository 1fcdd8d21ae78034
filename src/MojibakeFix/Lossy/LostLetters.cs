using System.Globalization;
using MojibakeFix.CodePages;

namespace MojibakeFix.Lossy;

/// <summary>
/// A two-byte letter whose second byte (80–9F) a lossy rendering turned into <c>?</c> after its Windows-1252
/// misreading: <c>PrzykÅ?ad</c> for Przykład, <c>Ã?sterreich</c> for Österreich. The lead byte's character and a
/// letter right after the <c>?</c> show the damage (correct text has no <c>?</c> inside a word); the letter is
/// picked from the 32 the lead byte allows by how often it stands between its neighbours in real text
/// (<see cref="LetterPairs"/>), and marked as a guess.
/// </summary>
internal static class LostLetters
{
    /// <summary>The position of the first <c>?</c> at or after <paramref name="from"/> that may stand for a lost byte, or -1.</summary>
    internal static int IndexOfCandidate(ReadOnlySpan<char> text, int from)
    {
        for (int q = text[from..].IndexOf('?'); q >= 0; )
        {
            q += from;
            if (IsCandidate(text, q))
            {
                return q;
            }

            from = q + 1;
            int next = text[from..].IndexOf('?');
            q = next;
        }

        return -1;
    }

    /// <summary>The exact definition, for a <c>?</c> at <paramref name="q"/>: a two-byte lead image before it and a letter after it.</summary>
    internal static bool IsCandidate(ReadOnlySpan<char> text, int q) =>
        q >= 1 && q + 1 < text.Length && char.IsLetter(text[q + 1]) && Windows1252.TryGetByte(text[q - 1], out byte b) && b is >= 0xC2 and <= 0xDF;

    private static bool TryDecodePair(char lead, char continuation, out char letter)
    {
        letter = '\0';
        if (Windows1252.TryGetByte(lead, out byte l) && l is >= 0xC2 and <= 0xDF && Windows1252.TryGetByte(continuation, out byte c) && c is >= 0x80 and <= 0xBF)
        {
            letter = (char)((l & 0x1F) << 6 | (c & 0x3F));
        }

        return char.IsLetter(letter);
    }

    /// <summary>
    /// Whether <see cref="Repair"/> may change the text: some candidate's lead byte makes a letter with a lost
    /// second byte. Asked before a clean line is made a string; it may answer true where the word then reads no
    /// better (one string made, nothing changed), never false where it would change.
    /// </summary>
    internal static bool MayChange(ReadOnlySpan<char> text, FixOptions options)
    {
        if (options.Lossy == LossyRepair.Leave)
        {
            return false;
        }

        for (int q = text.Length < 3 ? -1 : IndexOfCandidate(text, 1); q >= 0; q = IndexOfCandidate(text, q + 1))
        {
            Windows1252.TryGetByte(text[q - 1], out byte lead);
            for (int second = 0x80; second < 0xA0; second++)
            {
                if (IsWordChar((char)((lead & 0x1F) << 6 | (second & 0x3F))))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Repairs what it can; returns the same instance when nothing changed.</summary>
    internal static string Repair(string text, FixOptions options, List<FixStep>? steps)
    {
        int q = text.Length < 3 ? -1 : text.IndexOf('?', 1);
        if (q < 0 || options.Lossy == LossyRepair.Leave)
        {
            return text;
        }

        char[]? output = null;
        int written = 0, copied = 0;
        var units = new List<Unit>();
        char[] chosen = [];
        for (; q >= 0 && q + 1 < text.Length; q = text.IndexOf('?', q + 1))
        {
            if (!IsCandidate(text, q) || q - 1 < copied)
            {
                continue;
            }

            // The word around the lost byte, as units: lost letters, two-byte letters still shown as their
            // Windows-1252 pair (Ø§ for ا), and single characters.
            int start = q - 1, end = q + 1;
            while (start > copied && !char.IsWhiteSpace(text[start - 1]))
            {
                start--;
            }

            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            Units(text.AsSpan(start, end - start), start, units);
            if (chosen.Length < units.Count)
            {
                chosen = new char[Math.Max(units.Count, 2 * chosen.Length)];
            }

            Choose(units, chosen.AsSpan(0, units.Count));
            for (int u = 0; u < units.Count; u++)
            {
                if (!units[u].Lost || chosen[u] == '\0')
                {
                    continue;
                }

                int at = units[u].Start;
                string replacement = options.Lossy == LossyRepair.Replace ? "\uFFFD" : chosen[u].ToString();
                output ??= new char[text.Length];
                text.AsSpan(copied, at - copied).CopyTo(output.AsSpan(written));
                written += at - copied;
                replacement.CopyTo(output.AsSpan(written));
                written += replacement.Length;
                steps?.Add(new FixStep(at, 2, text.Substring(at, 2), replacement, ["windows-1252"], 0.6, true, FixKind.LossySequence));
                copied = at + 2;
            }

            q = Math.Max(q, end - 1);
        }

        if (output is null)
        {
            return text;
        }

        text.AsSpan(copied).CopyTo(output.AsSpan(written));
        written += text.Length - copied;
        return new string(output, 0, written);
    }

    /// <summary>One character of a damaged word: a letter whose second byte was lost (its lead known), or a known character.</summary>
    private readonly record struct Unit(int Start, bool Lost, char Known, byte Lead);

    private static void Units(ReadOnlySpan<char> word, int offset, List<Unit> units)
    {
        units.Clear();
        for (int i = 0; i < word.Length;)
        {
            if (i + 1 < word.Length && word[i + 1] == '?' && IsCandidate(word, i + 1)
                && Windows1252.TryGetByte(word[i], out byte lead))
            {
                units.Add(new Unit(offset + i, true, '\0', lead));
                i += 2;
            }
            else if (i + 1 < word.Length && TryDecodePair(word[i], word[i + 1], out char letter))
            {
                units.Add(new Unit(offset + i, false, letter, 0));
                i += 2;
            }
            else
            {
                units.Add(new Unit(offset + i, false, word[i], 0));
                i++;
            }
        }
    }

    private static bool IsWordChar(char c) => char.IsLetter(c) || char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    /// <summary>
    /// The most likely letters for the lost units of each run of word characters, jointly (Viterbi over the
    /// letter-pair chances, word edges included), so that neighbouring lost letters (Ù?Ù?Ù? in Arabic) inform
    /// each other. A unit with no candidate seen in real text gets '\0' and is left as it is.
    /// </summary>
    private static void Choose(List<Unit> units, Span<char> chosen)
    {
        chosen.Clear();
        for (int u = 0; u < units.Count;)
        {
            if (!IsWordUnit(units[u]))
            {
                u++;
                continue;
            }

            int end = u;
            bool anyLost = false;
            while (end < units.Count && IsWordUnit(units[end]))
            {
                anyLost |= units[end].Lost;
                end++;
            }

            if (anyLost && end - u <= MaxRun)
            {
                Viterbi(units, u, end, chosen);
            }

            u = end;
        }
    }

    private const int MaxRun = 64; // longer runs of letters are no words; left alone, keeping the work linear

    private static bool IsWordUnit(Unit unit) => unit.Lost || IsWordChar(unit.Known);

    private static void Viterbi(List<Unit> units, int from, int to, Span<char> chosen)
    {
        int n = to - from;
        var states = new char[n][];
        var scores = new double[n][];
        var back = new int[n][];
        char previousKnown = ' ';
        for (int k = 0; k < n; k++)
        {
            Unit unit = units[from + k];
            states[k] = unit.Lost ? Candidates(unit.Lead, units, from + k) : [unit.Known];
            scores[k] = new double[states[k].Length];
            back[k] = new int[states[k].Length];
            for (int s = 0; s < states[k].Length; s++)
            {
                char c = states[k][s];
                double best = double.NegativeInfinity;
                int arg = 0;
                if (k == 0)
                {
                    best = Transition(' ', c);
                }
                else
                {
                    for (int p = 0; p < states[k - 1].Length; p++)
                    {
                        double score = scores[k - 1][p] + Transition(states[k - 1][p], c);
                        if (score > best)
                        {
                            (best, arg) = (score, p);
                        }
                    }
                }

                // Of a capital and its small letter (equal counts, case folded), the case of the known neighbours.
                bool upper = char.IsUpper(previousKnown) || (from + k + 1 < to && char.IsUpper(units[from + k + 1].Known));
                scores[k][s] = best - (unit.Lost && char.IsUpper(c) != upper && char.ToLowerInvariant(c) != char.ToUpperInvariant(c) ? 1e-3 : 0);
                back[k][s] = arg;
            }

            previousKnown = unit.Lost ? previousKnown : unit.Known;
        }

        int last = 0;
        double top = double.NegativeInfinity;
        for (int s = 0; s < states[n - 1].Length; s++)
        {
            double score = scores[n - 1][s] + Transition(states[n - 1][s], ' ');
            if (score > top)
            {
                (top, last) = (score, s);
            }
        }

        if (double.IsNegativeInfinity(top))
        {
            return;
        }

        for (int k = n - 1; k >= 0; k--)
        {
            chosen[from + k] = units[from + k].Lost ? states[k][last] : '\0';
            last = back[k][last];
        }
    }

    /// <summary>The letters and marks a lead byte makes with a lost second byte 80–9F (no kashida, no modifier letters).</summary>
    private static char[] Candidates(byte lead, List<Unit> units, int at)
    {
        var list = new List<char>(32);
        for (int second = 0x80; second < 0xA0; second++)
        {
            char c = (char)((lead & 0x1F) << 6 | (second & 0x3F));
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.OtherLetter
                || (category == UnicodeCategory.NonSpacingMark && at > 0 && IsWordUnit(units[at - 1])))
            {
                list.Add(c);
            }
        }

        return [.. list];
    }

    /// <summary>
    /// The log chance of <paramref name="next"/> after <paramref name="previous"/> (a space is a word's edge), from
    /// the letter-pair counts with a little smoothing; pairs of two known characters are the same for every
    /// reading and count nothing.
    /// </summary>
    private static double Transition(char previous, char next)
    {
        const double Smoothing = 0.1;
        int followed = LetterPairs.Followed(previous);
        return Math.Log((LetterPairs.Count(previous, next) + Smoothing) / (followed + 64 * Smoothing));
    }
}
