using MojibakeFix.Lossy;

namespace MojibakeFix.Corpus;

/// <summary>
/// The CJK characters (<see cref="CjkFrequency.IsCjk"/>, what the library's frequency table ranks) of the training
/// quarter of the catalogs (<see cref="Catalogs.IsTraining"/>, messages that are not mojibake already): how often each
/// was seen, and each pair of adjacent ones. The frequency table's generator and the benchmark that recounts the
/// table at another threshold both count them here, so the two cannot drift apart.
/// </summary>
public static class CjkCounts
{
    /// <summary>Counts per character (indexed by the UTF-16 code unit), and per adjacent pair (first &lt;&lt; 16 | second).</summary>
    public static (int[] Characters, Dictionary<long, int> Pairs) OfTrainingQuarter()
    {
        var counts = new int[65536];
        var pairs = new Dictionary<long, int>();
        foreach (var m in Catalogs.Messages())
        {
            if (!Catalogs.IsTraining(m.Text) || Damage.LooksAlreadyDamaged(m.Text))
            {
                continue;
            }

            string t = m.Text;
            for (int i = 0; i < t.Length; i++)
            {
                if (CjkFrequency.IsCjk(t[i]))
                {
                    counts[t[i]]++;
                    if (i + 1 < t.Length && CjkFrequency.IsCjk(t[i + 1]))
                    {
                        long key = (long)t[i] << 16 | t[i + 1];
                        pairs[key] = pairs.GetValueOrDefault(key) + 1;
                    }
                }
            }
        }

        return (counts, pairs);
    }
}
