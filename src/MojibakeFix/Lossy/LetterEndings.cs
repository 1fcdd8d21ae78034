namespace MojibakeFix.Lossy;

/// <summary>
/// Letters and marks of two or three bytes of UTF-8 outside the CJK table (Cyrillic, Indic, Georgian, Thai,
/// Vietnamese…) that end a stretch of such text, by frequency in real text, alone and after the one to four characters
/// before them. A double-byte misreading loses the last byte of such a letter exactly there: before an ASCII
/// character or at the end (啶膏ぎ啶距え 啶曕ぎ啶距啶? for समान कमांड). The letter's other bytes survive and leave 64
/// candidates; these counts choose among them.
/// </summary>
internal static partial class LetterEndings
{
    /// <summary>The longest history the tables hold: the four characters before a letter.</summary>
    internal const int LongestHistory = 4;

    // Absolute discounting, as for LetterGrams: each seen count gives up this much to the shorter history's guess.
    private const double Discount = 0.75;

    private static readonly Lazy<Model> s_model = new(() => new Model());

    /// <summary>
    /// The chance of <paramref name="letter"/> ending a stretch after <paramref name="before"/> (up to the four
    /// characters before it, the nearest last; shorter where the text before is not known), interpolated over the
    /// tables from the letter alone up (absolute discounting); 0 for a letter never seen ending one.
    /// </summary>
    internal static double Chance(ReadOnlySpan<char> before, char letter)
    {
        Model m = s_model.Value;
        if (!m.Counts[0].TryGetValue((0, letter), out int alone))
        {
            return 0;
        }

        double chance = (double)alone / m.LetterTotal;
        long history = 0;
        for (int n = 1; n <= Math.Min(before.Length, LongestHistory); n++)
        {
            history |= (long)before[^n] << (16 * (n - 1));
            if (!m.Histories[n].TryGetValue(history, out var seen))
            {
                break; // a longer history holding this one was never seen either
            }

            int count = m.Counts[n].GetValueOrDefault((history, letter));
            chance = (Math.Max(count - Discount, 0) + (Discount * seen.Kinds * chance)) / seen.Total;
        }

        return chance;
    }

    /// <summary>The tables' counts by history length, and per history how often something followed it and how many kinds; built once, on first use.</summary>
    private sealed class Model
    {
        internal readonly Dictionary<(long History, char Letter), int>[] Counts =
        [
            Read(LettersByRank, 1, LetterCounts), Read(PairsByRank, 2, PairCounts), Read(TriplesByRank, 3, TripleCounts),
            Read(QuadruplesByRank, 4, QuadrupleCounts), Read(QuintuplesByRank, 5, QuintupleCounts),
        ];

        internal readonly Dictionary<long, (int Total, int Kinds)>[] Histories = new Dictionary<long, (int Total, int Kinds)>[LongestHistory + 1];

        internal readonly long LetterTotal;

        internal Model()
        {
            for (int n = 1; n <= LongestHistory; n++)
            {
                var histories = Histories[n] = [];
                foreach (var ((history, _), count) in Counts[n])
                {
                    var (total, kinds) = histories.GetValueOrDefault(history);
                    histories[history] = (total + count, kinds + 1);
                }
            }

            foreach (int count in Counts[0].Values)
            {
                LetterTotal += count;
            }
        }

        // Entries of `width` characters written one after another, most frequent first (an entry listed twice keeps
        // its first count), with their counts as steps: a count, then the index of the first entry after the ones
        // that have it. The key: the characters before the letter (the nearest lowest), and the letter.
        private static Dictionary<(long, char), int> Read(string byRank, int width, ReadOnlySpan<ushort> steps)
        {
            var counts = new Dictionary<(long, char), int>(byRank.Length / width);
            int step = 0;
            for (int i = 0; i + width <= byRank.Length; i += width)
            {
                while (step + 3 < steps.Length && i / width >= steps[step + 1])
                {
                    step += 2;
                }

                long history = 0;
                for (int n = 1; n < width; n++)
                {
                    history |= (long)byRank[i + width - 1 - n] << (16 * (n - 1));
                }

                counts.TryAdd((history, byRank[i + width - 1]), steps[step]);
            }

            return counts;
        }
    }
}
