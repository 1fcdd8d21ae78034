using System.Globalization;
using System.Text;
using MojibakeFix.Corpus;

/// <summary>
/// Counts, in the training quarter of the gettext catalogs (<see cref="Catalogs.IsTraining"/>), the visible punctuation
/// marks of U+2010–U+205E (three bytes of UTF-8, E2 80 or E2 81 and one more) by what stands before and after it, and
/// writes the most frequent as a C# table for the library (src/MojibakeFix/Lossy/LostPunctuation.g.cs):
/// <c>dotnet run -c Release --project tests/MojibakeFix.Accuracy -- --lost-punctuation src/MojibakeFix/Lossy/LostPunctuation.g.cs</c>.
/// A double-byte decoder loses the last byte of such a mark, with the ASCII character after it when one below
/// U+0040 follows (then the table holds the mark and that character), or alone at the end of the text. A second
/// table holds the contexts where the class of the character after the next one changes the answer ("“: %s" after a
/// space and a placeholder, "“, and" after a space and a word).
/// </summary>
internal static class LostPunctuationGenerator
{
    private const int MinimumCount = 5, Kinds = MojibakeFix.Lossy.LostPunctuation.Kinds;

    // A context of three is kept from this many sightings (3 to 20 tried on the test quarter: 3 and 5 did about as well,
    // 10 and 20 worse).
    private const int ExceptionMinimum = 5;


    // The marks of the block that text is written with: dashes, quotes, bullets, ellipsis, primes, guillemets, and
    // the joiners (Malayalam writes ല്‍ with one); not the spaces, direction marks and other format characters.
    private static bool IsMark(char c) => c is '\u200C' or '\u200D' or >= '\u2010' and <= '\u2027' or >= '\u2030' and <= '\u205E';

    internal static int Run(string outFile)
    {
        // Per kind before × next (ASCII, 128 any other, 129 the end): (mark << 8 | ASCII character between, 0 none) → count.
        var counts = new Dictionary<int, int>[Kinds * 130];
        for (int k = 0; k < counts.Length; k++)
        {
            counts[k] = [];
        }

        // Per kind before, next character and the class of the one after it (LostPunctuation.AfterNextKey): the same.
        var byNextTwo = new Dictionary<int, Dictionary<int, int>>();
        foreach (var m in Catalogs.Messages())
        {
            if (!Catalogs.IsTraining(m.Text) || Damage.LooksAlreadyDamaged(m.Text))
            {
                continue;
            }

            string t = m.Text;
            bool letters = false; // a letter beyond ASCII so far
            for (int i = 0; i < t.Length; i++)
            {
                if (!IsMark(t[i]))
                {
                    letters |= MojibakeFix.Lossy.LostPunctuation.IsOtherLetter(t[i]);
                    continue;
                }

                int cls = MojibakeFix.Lossy.LostPunctuation.KindBefore(i > 0 ? t[i - 1] : -1, letters);
                if (i + 1 == t.Length)
                {
                    Add(counts[cls * 130 + 129], t[i] << 8);
                }
                else if (t[i + 1] < 0x40 && i + 2 < t.Length)
                {
                    Add(counts[cls * 130 + Math.Min((int)t[i + 2], 128)], t[i] << 8 | t[i + 1]);
                    int afterKey = cls << 16 | Math.Min((int)t[i + 2], 128) << 8 | MojibakeFix.Lossy.LostPunctuation.AfterNextKey(i + 3 < t.Length ? t[i + 3] : -1);
                    Add(byNextTwo.TryGetValue(afterKey, out var d) ? d : byNextTwo[afterKey] = [], t[i] << 8 | t[i + 1]);
                }
            }
        }

        // Too few sightings: the most frequent answer of the class before, over every next character but the end.
        var byClass = new int[Kinds];
        for (int cls = 0; cls < Kinds; cls++)
        {
            var merged = new Dictionary<int, int>();
            for (int next = 0; next < 129; next++)
            {
                foreach (var (key, n) in counts[cls * 130 + next])
                {
                    merged[key] = merged.GetValueOrDefault(key) + n;
                }
            }

            byClass[cls] = merged.Count == 0 ? 0 : Best(merged);
        }

        var table = new StringBuilder();
        int learned = 0;
        for (int k = 0; k < counts.Length; k++)
        {
            int seen = counts[k].Values.Sum();
            int best = seen >= MinimumCount ? Best(counts[k]) : k % 130 == 129 ? 0 : byClass[k / 130];
            learned += seen >= MinimumCount ? 1 : 0;
            table.Append(CultureInfo.InvariantCulture, $"\\u{best >> 8:X4}\\u{best & 0xFF:X4}");
        }

        // The contexts of three whose most frequent answer differs from that of their kind and next character alone
        // ("“: %s" where "“, and" is the rule before a space), seen often enough, sorted for a binary search.
        var exceptions = new StringBuilder();
        int exceptionCount = 0;
        foreach (var (key, answers) in byNextTwo.OrderBy(kv => kv.Key))
        {
            int best = Best(answers);
            int k = (key >> 16) * 130 + ((key >> 8) & 0xFF);
            if (answers.Values.Sum() >= ExceptionMinimum && counts[k].Values.Sum() >= MinimumCount && best != Best(counts[k]))
            {
                exceptions.Append(CultureInfo.InvariantCulture, $"\\u{key >> 16:X4}\\u{key & 0xFFFF:X4}\\u{best >> 8:X4}\\u{best & 0xFF:X4}");
                exceptionCount++;
            }
        }

        var sb = new StringBuilder();
        sb.AppendLine("// <auto-generated>");
        sb.AppendLine("// Per kind of what stands before (LostPunctuation.KindBefore: the character, and a letter beyond ASCII earlier) and per character");
        sb.AppendLine("// after (U+0000–U+007F, any other, the end): the visible punctuation mark of U+2010–U+205E seen most often in the");
        sb.AppendLine("// training quarter of the gettext catalogs, and the ASCII character below U+0040 between (U+0000: none), or");
        sb.AppendLine(CultureInfo.InvariantCulture, $"// U+0000 where nothing was learned at the end. {learned} of {counts.Length} entries seen at least {MinimumCount} times. Made by");
        sb.AppendLine("// dotnet run -c Release --project tests/MojibakeFix.Accuracy -- --lost-punctuation src/MojibakeFix/Lossy/LostPunctuation.g.cs");
        sb.AppendLine("// </auto-generated>");
        sb.AppendLine();
        sb.AppendLine("namespace MojibakeFix.Lossy;");
        sb.AppendLine();
        sb.AppendLine("internal static partial class LostPunctuation");
        sb.AppendLine("{");
        sb.AppendLine("    private const string ByContext =");
        SwallowedAsciiGenerator.AppendString(sb, table.ToString());
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"    // {exceptionCount} contexts of the kind before (high), the next character and the class of the one after it (low) whose");
        sb.AppendLine("    // answer differs, with that answer, sorted by context.");
        sb.AppendLine("    private const string ByNextTwo =");
        SwallowedAsciiGenerator.AppendString(sb, exceptions.ToString());

        sb.AppendLine("}");
        File.WriteAllText(outFile, sb.ToString());
        Console.WriteLine($"{learned} of {counts.Length} entries learned; {exceptionCount} contexts of three");
        return 0;

        static void Add(Dictionary<int, int> d, int key) => d[key] = d.GetValueOrDefault(key) + 1;

        static int Best(Dictionary<int, int> d) => d.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
    }
}
