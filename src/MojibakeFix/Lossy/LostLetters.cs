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

    private static bool IsCandidate(ReadOnlySpan<char> text, int q) =>
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
    /// Whether <see cref="Repair"/> changes the text: some candidate has a letter to restore (the first one
    /// decided reads only the text, so this is exact). Asked before a clean line is made a string.
    /// </summary>
    internal static bool MayChange(ReadOnlySpan<char> text, FixOptions options)
    {
        if (options.Lossy == LossyRepair.Leave)
        {
            return false;
        }

        for (int q = text.Length < 3 ? -1 : IndexOfCandidate(text, 1); q >= 0; q = IndexOfCandidate(text, q + 1))
        {
            if (BestLetter(text, q, LetterBefore(text, q)) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static char LetterBefore(ReadOnlySpan<char> text, int q) =>
        q >= 3 && TryDecodePair(text[q - 3], text[q - 2], out char b1) ? b1 : q >= 2 ? text[q - 2] : ' ';

    /// <summary>The letter the candidate <c>?</c> at <paramref name="q"/> most likely lost, or -1.</summary>
    private static int BestLetter(ReadOnlySpan<char> text, int q, char before)
    {
        Windows1252.TryGetByte(text[q - 1], out byte b);
        char next = IsCandidate(text, q + 2) ? '\0' : q + 2 < text.Length && TryDecodePair(text[q + 1], text[q + 2], out char a1) ? a1 : text[q + 1];
        int best = -1;
        long bestScore = 0;
        for (int second = 0x80; second < 0xA0; second++)
        {
            char c = (char)((b & 0x1F) << 6 | (second & 0x3F));
            if (!char.IsLetter(c))
            {
                continue;
            }

            // Both neighbours must be seen with it in real text (a letter at a word's start has only the next).
            // P(c | before) · P(after | c), up to a constant: count(before, c) · count(c, after) / count(c).
            long after = next == '\0' ? 1 : LetterPairs.Count(c, next);
            long first = char.IsLetter(before) ? LetterPairs.Count(before, c) : 1;
            // (At a word's start there is no letter before: count(c, after) alone, the joint frequency.)
            long score = first == 0 || after == 0 ? 0 : char.IsLetter(before) ? first * after * 1000 / (LetterPairs.Total(c) + 1) : after * 1000;
            // Of a capital and its small letter (equal counts), the case of the neighbours: a capital beside a
            // capital, else the small letter.
            bool upperContext = char.IsUpper(next) || char.IsUpper(before);
            if (score > bestScore || (score == bestScore && best >= 0 && char.IsUpper(c) == upperContext && char.IsUpper((char)best) != upperContext))
            {
                bestScore = score;
                best = c;
            }
        }

        return best;
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
        int written = 0, copied = 0, lastEnd = -1;
        for (; q >= 0 && q + 1 < text.Length; q = text.IndexOf('?', q + 1))
        {
            if (!IsCandidate(text, q))
            {
                continue;
            }

            // The neighbours as letters: a previous guess, or a two-byte letter still shown as its Windows-1252
            // pair (Ø§ for ا), or the character itself; a neighbour that is itself a lost letter is unknown.
            char before = lastEnd == q - 1 && written > 0 ? output![written - 1] : LetterBefore(text, q);
            int best = BestLetter(text, q, before);
            if (best < 0)
            {
                continue;
            }

            string replacement = options.Lossy == LossyRepair.Replace ? "\uFFFD" : ((char)best).ToString();
            output ??= new char[text.Length];
            text.AsSpan(copied, q - 1 - copied).CopyTo(output.AsSpan(written));
            written += q - 1 - copied;
            replacement.CopyTo(output.AsSpan(written));
            written += replacement.Length;
            steps?.Add(new FixStep(q - 1, 2, text.Substring(q - 1, 2), replacement, ["windows-1252"], 0.6, true, FixKind.LossySequence));
            copied = q + 1;
            lastEnd = q + 1;
        }

        if (output is null)
        {
            return text;
        }

        text.AsSpan(copied).CopyTo(output.AsSpan(written));
        written += text.Length - copied;
        return new string(output, 0, written);
    }
}
