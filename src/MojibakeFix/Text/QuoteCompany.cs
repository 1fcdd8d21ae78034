namespace MojibakeFix.Text;

/// <summary>
/// Which double quotes a line's words and letters keep company with in real text, learned from the gettext catalogs:
/// how many messages of each style (“…” in English and Danish, „…“ in German and Bulgarian, „…” in Polish, ”…” in
/// Finnish and Swedish, «…» in French) hold each word of ASCII letters and each letter beyond ASCII. A lost quote
/// of a line that holds no accented letter (English, Danish without æ, ø or å) takes the shape its words tell.
/// </summary>
internal static partial class QuoteCompany
{
    /// <summary>The styles, each as its opening and closing quote.</summary>
    internal static readonly string[] Styles = ["\u201C\u201D", "\u201E\u201C", "\u201E\u201D", "\u201D\u201D", "\u00AB\u00BB"];

    // The styles of General Punctuation quotes (E2 80 xx), which alone a double-byte code page can lose a byte of: the
    // first of the table. Guillemets are a style of the table all the same, whose languages' words speak for it.
    private const int QuoteStyles = 4;

    // Add-a-half smoothing of a feature's share of a style's messages.
    private const double Smoothing = 0.5;

    // No word of the table is longer (checked by the tests): a longer word of a line is none of its features.
    internal const int LongestWord = 40;

    private static readonly Lazy<Dictionary<string, int>> s_index = new(() =>
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        int k = 0;
        foreach (var range in FeatureList.AsSpan().Split(' '))
        {
            string feature = FeatureList[range];
            if (feature.Length > 0)
            {
                index[feature] = k++;
            }
        }

        return index;
    });

    /// <summary>The words and letters the table holds.</summary>
    internal static IEnumerable<string> TableFeatures => s_index.Value.Keys;

    /// <summary>The style of a text's first pair of double quotes (an index into <see cref="Styles"/>), or -1.</summary>
    internal static int StyleOf(ReadOnlySpan<char> text)
    {
        int open = text.IndexOfAny("\u201C\u201D\u201E\u00AB\u00BB");
        if (open < 0)
        {
            return -1;
        }

        int close = text[(open + 1)..].IndexOfAny("\u201C\u201D\u201E\u00AB\u00BB");
        if (close < 0)
        {
            return -1;
        }

        return (text[open], text[open + 1 + close]) switch
        {
            ('\u201C', '\u201D') => 0,
            ('\u201E', '\u201C') => 1,
            ('\u201E', '\u201D') => 2,
            ('\u201D', '\u201D') => 3,
            ('\u00AB', '\u00BB') or ('\u00BB', '\u00AB') => 4,
            _ => -1,
        };
    }

    /// <summary>
    /// The features of a text, each once: its words of ASCII letters (two at least, no letter beside them, case folded)
    /// and its letters beyond ASCII outside the CJK range (case folded), each a string of one character.
    /// </summary>
    internal static HashSet<string> Features(ReadOnlySpan<char> text)
    {
        var features = new HashSet<string>(StringComparer.Ordinal);
        foreach (string word in LatinCompany.AsciiWords(text))
        {
            features.Add(word);
        }

        foreach (char c in text)
        {
            if (IsLetterFeature(c))
            {
                features.Add(char.ToLowerInvariant(c).ToString());
            }
        }

        return features;
    }

    /// <summary>
    /// The style the words of ASCII letters of <paramref name="line"/> and the <paramref name="letters"/> beyond ASCII
    /// (those the line reads as, where it is damage) tell best of the styles of General Punctuation quotes (the first
    /// four), by naive Bayes over the messages that hold them; -1 when the table holds none of them.
    /// </summary>
    internal static int StyleFor(ReadOnlySpan<char> line, ReadOnlySpan<char> letters)
    {
        var index = s_index.Value.GetAlternateLookup<ReadOnlySpan<char>>();
        ReadOnlySpan<ushort> counts = StyleCounts;
        ReadOnlySpan<int> messages = MessagesByStyle;
        Span<double> score = stackalloc double[Styles.Length];
        int total = 0;
        for (int s = 0; s < score.Length; s++)
        {
            total += messages[s];
        }

        for (int s = 0; s < score.Length; s++)
        {
            score[s] = Math.Log((double)messages[s] / total);
        }

        // Each feature counts once, as the table counted messages: a bit per feature marks those already added. The
        // words are folded into a buffer and looked up as spans, so a correct line that gets here allocates nothing.
        int known = 0;
        Span<ulong> added = stackalloc ulong[(s_index.Value.Count + 63) / 64];
        added.Clear(); // (the assembly skips zeroing its locals)
        Span<char> folded = stackalloc char[LongestWord];
        for (int i = 0; i < line.Length;)
        {
            int end = i;
            while (end < line.Length && char.IsAsciiLetter(line[end]))
            {
                end++;
            }

            // A word as LatinCompany.AsciiWords takes it: two ASCII letters at least, no letter of any script beside it.
            if (end - i >= 2 && end - i <= LongestWord && (i == 0 || !char.IsLetter(line[i - 1])) && (end == line.Length || !char.IsLetter(line[end]))
                && System.Text.Ascii.ToLower(line[i..end], folded, out int n) == System.Buffers.OperationStatus.Done
                && index.TryGetValue(folded[..n], out int k) && (added[k >> 6] & 1UL << k) == 0)
            {
                added[k >> 6] |= 1UL << k;
                Add(score, counts.Slice(k * Styles.Length, Styles.Length), messages);
                known++;
            }

            i = end > i ? end : i + 1;
        }

        Span<char> seen = stackalloc char[32];
        int distinct = 0;
        foreach (char c in letters)
        {
            char lower = char.ToLowerInvariant(c);
            if (!IsLetterFeature(lower) || seen[..distinct].Contains(lower) || distinct == seen.Length)
            {
                continue;
            }

            seen[distinct++] = lower;
            if (index.TryGetValue(new ReadOnlySpan<char>(in lower), out int k))
            {
                Add(score, counts.Slice(k * Styles.Length, Styles.Length), messages);
                known++;
            }
        }

        if (known == 0)
        {
            return -1;
        }

        int best = 0;
        for (int s = 1; s < QuoteStyles; s++)
        {
            best = score[s] > score[best] ? s : best;
        }

        return best;
    }

    private static void Add(Span<double> score, ReadOnlySpan<ushort> counts, ReadOnlySpan<int> messages)
    {
        for (int s = 0; s < score.Length; s++)
        {
            score[s] += Math.Log((counts[s] + Smoothing) / (messages[s] + (2 * Smoothing)));
        }
    }

    private static bool IsLetterFeature(char c) => c >= 0x80 && c < 0x3000 && char.IsLetter(c);
}
