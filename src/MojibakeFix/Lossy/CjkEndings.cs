namespace MojibakeFix.Lossy;

/// <summary>
/// How often each CJK character ends a stretch of CJK text in real text (the end of the text or an ASCII character
/// follows: where a double-byte code page loses a byte), after which character and before what: a character lost
/// there is weighed by both sides (です and ます end Japanese sentences, where でき and ませ go on; 할 and 알 come
/// before 수, 하 and 아 do not).
/// </summary>
internal static partial class CjkEndings
{
    // A pair's count is smoothed toward how often its context comes at all (a context seen with no candidate then
    // leaves the choice to the characters' own counts): this many pseudo-counts, best of 0.5 to 64 in a scratch check
    // on the test quarter (add-a-constant smoothing, which ignores the context's frequency, chose worse).
    private const double Prior = 32;

    // The same for the character two back, given the pair (8 did as well in a scratch check on the test quarter).
    private const double TriplePrior = 32;

    private static readonly Lazy<Tables> s_tables = new(() => new Tables());

    /// <summary>
    /// The log weight of <paramref name="c"/> ending CJK text after <paramref name="previous"/> (counted when it is
    /// CJK, and after <paramref name="beforePrevious"/> too where that is CJK, or ASCII, '\n' at a line start; U+0000
    /// when unknown) and before <paramref name="after"/> (the next word's first CJK character after one space, an ASCII
    /// character, U+0000 at the end of the text, or -1 when unknown); <see cref="double.NegativeInfinity"/> for a
    /// character never seen there, so that the caller falls back to other evidence when no candidate was.
    /// </summary>
    internal static double Weigh(char c, char beforePrevious, char previous, int after)
    {
        Tables t = s_tables.Value;
        if (!t.Ends.TryGetValue(c, out int count))
        {
            return double.NegativeInfinity;
        }

        double weight = Math.Log(count);
        if (previous is > '\0' and < '\u0080')
        {
            // After ASCII (a line start is '\n'): a word of one character (이 alone, never 을) or one after Latin text.
            double background = (t.Before.GetValueOrDefault(previous) + 0.5) / (t.LeftTotal + 1);
            weight += Math.Log((t.Left.GetValueOrDefault(previous << 16 | c) + (Prior * background)) / (count + Prior));
        }
        else if (CjkFrequency.IsCjk(previous))
        {
            double background = (t.Before.GetValueOrDefault(previous) + 0.5) / (t.LeftTotal + 1);
            int pair = t.Left.GetValueOrDefault(previous << 16 | c);
            weight += Math.Log((pair + (Prior * background)) / (count + Prior));
            if (CjkFrequency.IsCjk(beforePrevious))
            {
                // The character two back, given the pair: smoothed toward how often it comes first in a triple at all
                // (a katakana word's third-last letter tells インストール from ...ード).
                double first = (t.Before2.GetValueOrDefault(beforePrevious) + 0.5) / (t.Left2Total + 1);
                weight += Math.Log((t.Left2.GetValueOrDefault((long)beforePrevious << 32 | (long)previous << 16 | c) + (TriplePrior * first)) / (pair + TriplePrior));
            }
        }

        if (after >= 0)
        {
            double background = (t.After.GetValueOrDefault(after) + 0.5) / (t.RightTotal + 1);
            weight += Math.Log((t.Right.GetValueOrDefault(c << 16 | after) + (Prior * background)) / (count + Prior));
        }

        return weight;
    }

    /// <summary>The counts, and how often each context comes (summed over the pairs), built once on first use.</summary>
    private sealed class Tables
    {
        internal readonly Dictionary<int, int> Ends = Counts(CjkEndings.Ends, 1, EndsCounts);
        internal readonly Dictionary<int, int> Left = Counts(LeftPairs, 2, LeftPairsCounts);
        internal readonly Dictionary<int, int> Right = Counts(RightPairs, 2, RightPairsCounts);
        internal readonly Dictionary<long, int> Left2 = Triples(LeftTriples, LeftTriplesCounts);
        internal readonly Dictionary<int, int> Before2 = [];
        internal readonly long Left2Total;
        internal readonly Dictionary<int, int> Before = [];
        internal readonly Dictionary<int, int> After = [];
        internal readonly long LeftTotal;
        internal readonly long RightTotal;

        internal Tables()
        {
            foreach (var (key, count) in Left)
            {
                Before[key >>> 16] = Before.GetValueOrDefault(key >>> 16) + count;
                LeftTotal += count;
            }

            foreach (var (key, count) in Left2)
            {
                Before2[(int)(key >>> 32)] = Before2.GetValueOrDefault((int)(key >>> 32)) + count;
                Left2Total += count;
            }

            foreach (var (key, count) in Right)
            {
                After[key & 0xFFFF] = After.GetValueOrDefault(key & 0xFFFF) + count;
                RightTotal += count;
            }
        }
    }

    /// <summary>A table of triples (three characters each, most frequent first) with its counts (1 past their end).</summary>
    private static Dictionary<long, int> Triples(string keys, ReadOnlySpan<ushort> counts)
    {
        var table = new Dictionary<long, int>(keys.Length / 3);
        for (int i = 0, k = 0; i + 3 <= keys.Length; i += 3, k++)
        {
            table.TryAdd((long)keys[i] << 32 | (long)keys[i + 1] << 16 | keys[i + 2], k < counts.Length ? counts[k] : 1);
        }

        return table;
    }

    /// <summary>A table of keys (one or two characters each, most frequent first) with its counts (1 past their end).</summary>
    private static Dictionary<int, int> Counts(string keys, int width, ReadOnlySpan<ushort> counts)
    {
        var table = new Dictionary<int, int>(keys.Length / width);
        for (int i = 0, k = 0; i + width <= keys.Length; i += width, k++)
        {
            int key = width == 1 ? keys[i] : keys[i] << 16 | keys[i + 1];
            table.TryAdd(key, k < counts.Length ? counts[k] : 1);
        }

        return table;
    }
}
