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
    internal static double Chance(ReadOnlySpan<char> history, char next)
    {
        Model model = s_model.Value;
        double chance = (model.Counts.GetValueOrDefault(next) + 0.5) / (model.Letters + 150);
        for (int start = history.Length - 1; start >= 0; start--)
        {
            ulong key = Key(history[start..]);
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
