namespace MojibakeFix.Lossy;

/// <summary>
/// A letter model of the words that hold letters a lossy rendering loses (second UTF-8 byte 80–9F: ł ś Ö п р ّ…):
/// how often each sequence of one to four letters or marks (case folded, a space for a word's edge) stands in such
/// words of the gettext catalogs, as a chance of each letter after the three before it (interpolated absolute
/// discounting, backing off to shorter histories where the counts are thin).
/// </summary>
internal static partial class LetterGrams
{
    /// <summary>The longest sequence counted: a letter and the three before it.</summary>
    internal const int Order = 4;

    private const double Discount = 0.75;

    private sealed class Model
    {
        public readonly Dictionary<ulong, int> Counts = new(All.Length / 5);

        // For each history: the count of everything that follows it, and how many different characters do.
        public readonly Dictionary<ulong, (int Total, int Kinds)> Histories = [];

        public long Letters;
    }

    private static readonly Lazy<Model> s_model = new(Load);

    private static Model Load()
    {
        var model = new Model();
        Span<char> gram = stackalloc char[Order];
        int length = 0;
        for (int i = 0; i < All.Length;)
        {
            // An entry: its shared-prefix mark, the characters that differ, its count.
            length = All[i++] switch { '!' => 0, '#' => 1, '$' => 2, _ => 3 };
            while (!char.IsAsciiDigit(All[i]))
            {
                gram[length++] = All[i++];
            }

            int count = 0;
            while (i < All.Length && char.IsAsciiDigit(All[i]))
            {
                count = count * 10 + All[i++] - '0';
            }

            model.Counts[Key(gram[..length])] = count;
            if (length == 1)
            {
                model.Letters += count;
            }
            else
            {
                ulong history = Key(gram[..(length - 1)]);
                var (total, kinds) = model.Histories.GetValueOrDefault(history);
                model.Histories[history] = (total + count, kinds + 1);
            }
        }

        return model;
    }

    /// <summary>Whether the model saw <paramref name="folded"/> (case folded) at all.</summary>
    internal static bool Knows(char folded) => s_model.Value.Counts.ContainsKey(folded);

    /// <summary>
    /// The history after <paramref name="history"/> (<paramref name="length"/> characters packed as for
    /// <see cref="Chance(ulong, int, char)"/>) and <paramref name="next"/>: its last three characters.
    /// </summary>
    internal static ulong Pack(ulong history, ref int length, char next)
    {
        length = Math.Min(length + 1, Order - 1);
        return (history << 16 | next) & ((1UL << (16 * length)) - 1);
    }

    /// <summary>Up to four characters as one key (no character is 0, so lengths differ in their keys).</summary>
    private static ulong Key(ReadOnlySpan<char> gram)
    {
        ulong key = 0;
        foreach (char c in gram)
        {
            key = key << 16 | c;
        }

        return key;
    }

    /// <summary>
    /// The chance of <paramref name="next"/> (case folded; a space is the word's end) after
    /// <paramref name="history"/> (the up to three case-folded characters before it, a space for the word's start).
    /// </summary>
    internal static double Chance(ReadOnlySpan<char> history, char next) => Chance(Key(history), history.Length, next);

    /// <summary>
    /// <see cref="Chance(ReadOnlySpan{char}, char)"/> for a history of <paramref name="length"/> characters packed
    /// 16 bits each, the last one lowest (as <see cref="Pack"/> makes it): no span to read again per history.
    /// </summary>
    internal static double Chance(ulong history, int length, char next)
    {
        // The guesses ask the same few histories again and again (every candidate letter, every pass over a
        // line): the answers are kept per thread in a small table indexed by a hash, each entry checked.
        var cache = t_cache ??= new CacheEntry[CacheSize];
        ulong hash = (history * 0x9E3779B97F4A7C15UL) ^ ((ulong)next * 0xC2B2AE3D27D4EB4FUL);
        ref CacheEntry entry = ref cache[(int)(hash >> (64 - CacheBits))];
        if (entry.Next == next && entry.History == history && next != '\0')
        {
            return entry.Chance;
        }

        double chance = Compute(history, length, next);
        entry = new CacheEntry { History = history, Next = next, Chance = chance };
        return chance;
    }

    private const int CacheBits = 12, CacheSize = 1 << CacheBits;

    // (Packed histories hold no character 0, so a history's value tells its length too.)
    private struct CacheEntry
    {
        public ulong History;
        public char Next;
        public double Chance;
    }

    [ThreadStatic]
    private static CacheEntry[]? t_cache;

    private static double Compute(ulong history, int length, char next)
    {
        Model model = s_model.Value;
        double chance = (model.Counts.GetValueOrDefault(next) + 0.5) / (model.Letters + 150);
        for (int suffix = 1; suffix <= length; suffix++)
        {
            ulong key = history & (suffix == 4 ? ulong.MaxValue : (1UL << (16 * suffix)) - 1);
            if (!model.Histories.TryGetValue(key, out var seen))
            {
                break; // a longer history holding this one was never seen either
            }

            int count = model.Counts.GetValueOrDefault(key << 16 | next);
            chance = (Math.Max(count - Discount, 0) + Discount * seen.Kinds * chance) / seen.Total;
        }

        return chance;
    }
}
