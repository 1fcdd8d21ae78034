using System.Text;

namespace MojibakeFix.Fixers;

/// <summary>
/// Brings text to a Unicode normalization form with the runtime's normalizer. Lone surrogates, which the normalizer
/// rejects, are kept where they are and the text between them is normalized; each stretch that changes is one site.
/// </summary>
internal static class UnicodeNormalization
{
    internal static bool MayApply(ReadOnlySpan<char> text, NormalizationForm form)
    {
        // ASCII is in every form: one vectorized test answers most text.
        return !Ascii.IsValid(text) && !IsNormalized(text, form);
    }

    internal static string Apply(string text, NormalizationForm form, List<Edit>? edits)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        Rewriter output = new(text, edits);
        bool changed = false;
        for (int start = 0; start < text.Length;)
        {
            int end = NextLone(text, start);
            int stop = end < 0 ? text.Length : end;
            if (stop > start)
            {
                changed |= NormalizeStretch(text, start, stop, form, ref output);
            }

            start = stop + 1;
        }

        return changed ? output.Finish() : text;
    }

    /// <summary>Normalizes text[start..stop] (no lone surrogate in it), reporting each changed stretch between starters.</summary>
    private static bool NormalizeStretch(string text, int start, int stop, NormalizationForm form, ref Rewriter output)
    {
        ReadOnlySpan<char> span = text.AsSpan(start, stop - start);
        if (IsNormalized(span, form))
        {
            return false;
        }

        // Cut the stretch into pieces at ASCII characters other than combining-prone ones: normalization never
        // reaches across an ASCII character that is followed by another ASCII character, so each piece normalizes
        // on its own and the explanation names the pieces that changed.
        bool changed = false;
        int pieceStart = start;
        for (int k = start; k <= stop; k++)
        {
            bool cut = k == stop || (text[k] < 0x80 && (k + 1 >= stop || text[k + 1] < 0x80));
            if (!cut)
            {
                continue;
            }

            int pieceEnd = k == stop ? stop : k + 1;
            ReadOnlySpan<char> piece = text.AsSpan(pieceStart, pieceEnd - pieceStart);
            if (!Ascii.IsValid(piece) && !IsNormalized(piece, form))
            {
                string normalized = Normalize(piece, form);
                if (!piece.SequenceEqual(normalized))
                {
                    // Trim what stayed the same at either end, so the site is only what changed.
                    int head = piece.CommonPrefixLength(normalized);
                    int tail = 0;
                    while (tail < piece.Length - head && tail < normalized.Length - head && piece[^(tail + 1)] == normalized[^(tail + 1)])
                    {
                        tail++;
                    }

                    output.Replace(pieceStart + head, piece.Length - head - tail, normalized.AsSpan(head, normalized.Length - head - tail), FixKind.Normalization);
                    changed = true;
                }
            }

            pieceStart = pieceEnd;
        }

        return changed;
    }

    private static bool IsNormalized(ReadOnlySpan<char> text, NormalizationForm form)
    {
        try
        {
            return text.IsNormalized(form);
        }
        catch (ArgumentException)
        {
            return false; // a lone surrogate: not known to be normalized, so Apply looks at the text between them
        }
    }

    private static string Normalize(ReadOnlySpan<char> text, NormalizationForm form)
    {
        try
        {
            return text.ToString().Normalize(form);
        }
        catch (ArgumentException)
        {
            return text.ToString();
        }
    }

    /// <summary>The next lone surrogate at or after <paramref name="from"/>, or -1.</summary>
    private static int NextLone(string text, int from)
    {
        for (int k = from; k < text.Length; k++)
        {
            char c = text[k];
            if (char.IsHighSurrogate(c) && k + 1 < text.Length && char.IsLowSurrogate(text[k + 1]))
            {
                k++;
            }
            else if (char.IsSurrogate(c))
            {
                return k;
            }
        }

        return -1;
    }
}
