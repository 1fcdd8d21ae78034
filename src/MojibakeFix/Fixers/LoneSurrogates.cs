namespace MojibakeFix.Fixers;

/// <summary>Replaces each surrogate code unit that is not half of a pair with U+FFFD.</summary>
internal static class LoneSurrogates
{
    internal static bool MayApply(ReadOnlySpan<char> text) => IndexOfLone(text, 0) >= 0;

    internal static string Apply(string text, List<Edit>? edits)
    {
        int at = IndexOfLone(text, 0);
        if (at < 0)
        {
            return text;
        }

        var output = new Rewriter(text, edits);
        while (at >= 0)
        {
            output.Replace(at, 1, "\uFFFD", FixKind.LoneSurrogate);
            at = IndexOfLone(text, at + 1);
        }

        return output.Finish();
    }

    /// <summary>The next lone surrogate at or after <paramref name="from"/>, or -1; pairs are skipped whole.</summary>
    private static int IndexOfLone(ReadOnlySpan<char> text, int from)
    {
        while (from < text.Length)
        {
            int k = text[from..].IndexOfAnyInRange('\uD800', '\uDFFF');
            if (k < 0)
            {
                return -1;
            }

            k += from;
            if (char.IsHighSurrogate(text[k]) && k + 1 < text.Length && char.IsLowSurrogate(text[k + 1]))
            {
                from = k + 2;
                continue;
            }

            return k;
        }

        return -1;
    }
}
