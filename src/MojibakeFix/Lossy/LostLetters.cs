using System.Globalization;
using MojibakeFix.CodePages;

namespace MojibakeFix.Lossy;

/// <summary>
/// A two-byte letter whose second byte (80–9F) a lossy rendering turned into <c>?</c> after its Windows-1252
/// misreading: <c>PrzykÅ?ad</c> for Przykład, <c>Ã?sterreich</c> for Österreich. The lead byte's character and a
/// letter right after the <c>?</c> show the damage (correct text has no <c>?</c> inside a word); the letter is
/// picked from the 32 the lead byte allows by a letter model of real words (<see cref="LetterGrams"/>: each letter
/// after the three before it), all the lost letters of a word together, and marked as a guess.
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
    /// The most likely letters for the lost units of each run of word characters, jointly (a beam search over the
    /// letter model, word edges included), so that neighbouring lost letters (Ñ?Ñ?Ñ? in Russian, Ù?Ù?Ù? in Arabic)
    /// inform each other. A run with a lost unit no letter fits is left as it is.
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
                Decode(units, u, end, chosen);
            }

            u = end;
        }
    }

    private const int MaxRun = 64; // longer runs of letters are no words; left alone, keeping the work linear

    private static bool IsWordUnit(Unit unit) => unit.Lost || IsWordChar(unit.Known);

    private const int Beam = 32; // readings kept per letter: enough for the best, and bounded work per letter

    /// <summary>One partial reading of a run: its log chance, its last characters (case folded) and its choices.</summary>
    private readonly record struct Reading(double Score, string Tail, char[] Chosen);

    /// <summary>
    /// The most likely reading of the run from <paramref name="from"/> to <paramref name="to"/> under the letter
    /// model (<see cref="LetterGrams"/>: each letter after the three before it, the word's edges included), by a beam
    /// search: readings that end in the same three letters are merged (the model sees no further back), and the best
    /// <see cref="Beam"/> are kept at each letter, so the work is linear in the run.
    /// </summary>
    private static void Decode(List<Unit> units, int from, int to, Span<char> chosen)
    {
        int n = to - from;
        var readings = new List<Reading> { new(0, " ", new char[n]) };
        var next = new Dictionary<string, Reading>(StringComparer.Ordinal);
        char previousKnown = ' ';
        for (int k = 0; k < n; k++)
        {
            Unit unit = units[from + k];
            char[] states = unit.Lost ? Candidates(unit.Lead, units, from + k) : [unit.Known];
            if (states.Length == 0)
            {
                return; // no letter fits: the run is left as it is
            }

            // Of a capital and its small letter (equal chances, case folded), the case of the known neighbours.
            bool upper = char.IsUpper(previousKnown) || (from + k + 1 < to && char.IsUpper(units[from + k + 1].Known));
            next.Clear();
            foreach (Reading reading in readings)
            {
                foreach (char c in states)
                {
                    char folded = char.ToLowerInvariant(c);
                    double score = reading.Score + Math.Log(LetterGrams.Chance(reading.Tail, folded))
                        - (unit.Lost && char.IsUpper(c) != upper && char.ToLowerInvariant(c) != char.ToUpperInvariant(c) ? 1e-3 : 0);
                    string tail = reading.Tail.Length < LetterGrams.Order - 1 ? reading.Tail + folded : string.Concat(reading.Tail.AsSpan(1), [folded]);
                    if (!next.TryGetValue(tail, out Reading held) || score > held.Score)
                    {
                        char[] picks = reading.Chosen;
                        if (unit.Lost)
                        {
                            picks = (char[])picks.Clone();
                            picks[k] = c;
                        }

                        next[tail] = new Reading(score, tail, picks);
                    }
                }
            }

            readings.Clear();
            readings.AddRange(next.Values);
            readings.Sort(static (a, b) => b.Score.CompareTo(a.Score) is int order and not 0 ? order : string.CompareOrdinal(a.Tail, b.Tail));
            if (readings.Count > Beam)
            {
                readings.RemoveRange(Beam, readings.Count - Beam);
            }

            previousKnown = unit.Lost ? previousKnown : unit.Known;
        }

        Reading best = default;
        double top = double.NegativeInfinity;
        foreach (Reading reading in readings)
        {
            double score = reading.Score + Math.Log(LetterGrams.Chance(reading.Tail, ' '));
            if (score > top)
            {
                (top, best) = (score, reading);
            }
        }

        for (int k = 0; k < n; k++)
        {
            chosen[from + k] = units[from + k].Lost ? best.Chosen[k] : '\0';
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
}
