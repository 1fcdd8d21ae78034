using System.Globalization;
using System.Text;
using MojibakeFix.Corpus;

/// <summary>
/// Counts, in the training quarter of the gettext catalogs (<see cref="Catalogs.IsTraining"/>), which ASCII character
/// below U+0040 stands between a CJK character and the character after it, per that next character, and writes
/// the most frequent one as a C# table for the library (src/MojibakeFix/Lossy/SwallowedAscii.g.cs):
/// <c>dotnet run -c Release --project tests/MojibakeFix.Accuracy -- --swallowed-ascii src/MojibakeFix/Lossy/SwallowedAscii.g.cs</c>.
/// A double-byte decoder that meets a lead byte before such a character loses both into one marker.
/// </summary>
internal static class SwallowedAsciiGenerator
{
    private const int MinimumCount = 20; // fewer sightings of a next character: the most frequent one overall

    internal static int Run(string outFile) => Run(outFile, CjkFrequencyGenerator.IsCjk, "", "a CJK character", "--swallowed-ascii", "SwallowedAscii.g.cs");

    /// <summary>
    /// The same table after a letter of two UTF-8 bytes whose second byte is 81–9F (Shift_JIS reads it as a lead
    /// and loses it with the ASCII character after it: ﾑ・ for с and a space), for
    /// src/MojibakeFix/Lossy/SwallowedAsciiAfterLetters.g.cs (<c>--swallowed-ascii-letters</c>).
    /// </summary>
    internal static int RunAfterLetters(string outFile) => Run(outFile, IsLetterShiftJisLoses, "AfterLetters",
        "a letter whose second UTF-8 byte is 81–9F", "--swallowed-ascii-letters", "SwallowedAsciiAfterLetters.g.cs");

    private static bool IsLetterShiftJisLoses(char c) => c is >= '\u0080' and < '\u0800' && char.IsLetter(c) && (0x80 | (c & 0x3F)) is >= 0x81 and <= 0x9F;

    private static int Run(string outFile, Func<char, bool> before, string suffix, string beforeText, string option, string fileName)
    {
        var counts = new int[129, 0x40]; // next character (ASCII, or 128 for any other) × the character between
        var pairCounts = new int[129, 130, 0x40]; // the same per next character and the one after it (129: none)
        var openCounts = new int[129, 0x40]; // the same per next character where a parenthesis open before closes nowhere after
        foreach (var m in Catalogs.Messages())
        {
            if (!Catalogs.IsTraining(m.Text) || Damage.LooksAlreadyDamaged(m.Text))
            {
                continue;
            }

            string t = m.Text;
            int depth = 0; // parentheses open before
            for (int i = 0; i + 2 < t.Length; i++)
            {
                depth += t[i] == '(' ? 1 : t[i] == ')' ? -1 : 0;
                if (before(t[i]) && t[i + 1] < 0x40 && depth > 0 && t.IndexOf(')', i + 2) < 0)
                {
                    openCounts[Math.Min((int)t[i + 2], 128), t[i + 1]]++;
                }

                if (before(t[i]) && t[i + 1] < 0x40)
                {
                    counts[Math.Min((int)t[i + 2], 128), t[i + 1]]++;
                    pairCounts[Math.Min((int)t[i + 2], 128), i + 3 < t.Length ? Math.Min((int)t[i + 3], 128) : 129, t[i + 1]]++;
                }
            }
        }

        var overall = new int[0x40];
        for (int next = 0; next <= 128; next++)
        {
            for (int b = 0; b < 0x40; b++)
            {
                overall[b] += counts[next, b];
            }
        }

        int fallback = ArgMax(overall);
        var table = new StringBuilder();
        var all = new char[129];
        int learned = 0;
        for (int next = 0; next <= 128; next++)
        {
            // The answer for a next character is learned from the pairs too rare to have their own (those with
            // their own answer, below, do not need it), or from all of them when those are too few.
            int seen = 0;
            var row = new int[0x40];
            for (int after = 0; after < 130; after++)
            {
                if (PairSeen(pairCounts, next, after) < MinimumCount)
                {
                    for (int b = 0; b < 0x40; b++)
                    {
                        row[b] += pairCounts[next, after, b];
                        seen += pairCounts[next, after, b];
                    }
                }
            }

            if (seen < MinimumCount)
            {
                seen = 0;
                for (int b = 0; b < 0x40; b++)
                {
                    row[b] = counts[next, b];
                    seen += row[b];
                }
            }

            int best = seen >= MinimumCount ? ArgMax(row) : fallback;
            learned += seen >= MinimumCount ? 1 : 0;
            all[next] = (char)best;
            table.Append(CultureInfo.InvariantCulture, $"\\u{best:X4}");
        }

        // Where the character after the next one changes the answer (a digit before $ is a positional argument,
        // %2$s; before a space it is a number): next, after (U+0081 for none), guess, for every such pair seen often.
        var exceptions = new StringBuilder();
        int exceptionCount = 0;
        for (int next = 0; next <= 128; next++)
        {
            for (int after = 0; after < 130; after++)
            {
                var row = new int[0x40];
                int seen = 0;
                for (int b = 0; b < 0x40; b++)
                {
                    row[b] = pairCounts[next, after, b];
                    seen += row[b];
                }

                int best = ArgMax(row);
                if (seen >= MinimumCount && best != all[next])
                {
                    exceptions.Append(CultureInfo.InvariantCulture, $"\\u{next:X4}\\u{after:X4}\\u{best:X4}");
                    exceptionCount++;
                }
            }
        }

        // Where a parenthesis is open before and none closes after (%s을(를) 읽기, (으)로): next, guess, for every next
        // character seen so often whose guess differs (most often the closing parenthesis).
        var open = new StringBuilder();
        int openCount = 0;
        for (int next = 0; next <= 128; next++)
        {
            var row = new int[0x40];
            int seen = 0;
            for (int b = 0; b < 0x40; b++)
            {
                row[b] = openCounts[next, b];
                seen += row[b];
            }

            int best = ArgMax(row);
            if (seen >= MinimumCount && best != all[next])
            {
                open.Append(CultureInfo.InvariantCulture, $"\\u{next:X4}\\u{best:X4}");
                openCount++;
            }
        }

        var sb = new StringBuilder();
        sb.AppendLine("// <auto-generated>");
        sb.AppendLine("// Per character after it (U+0000–U+007F, then one entry for any other), the ASCII character below U+0040 seen most");
        sb.AppendLine(CultureInfo.InvariantCulture, $"// often right after {beforeText} in the training quarter of the gettext catalogs, counted where the pair of that");
        sb.AppendLine(CultureInfo.InvariantCulture, $"// character and the next one has no entry of its own in ByNextTwo{suffix} ({learned} of 129 entries seen at least {MinimumCount} times,");
        sb.AppendLine(CultureInfo.InvariantCulture, $"// the others U+{fallback:X4}, the most frequent overall). Made by");
        sb.AppendLine(CultureInfo.InvariantCulture, $"// dotnet run -c Release --project tests/MojibakeFix.Accuracy -- {option} src/MojibakeFix/Lossy/{fileName}");
        sb.AppendLine("// </auto-generated>");
        sb.AppendLine();
        sb.AppendLine("namespace MojibakeFix.Lossy;");
        sb.AppendLine();
        sb.AppendLine("internal static partial class SwallowedAscii");
        sb.AppendLine("{");
        sb.AppendLine(CultureInfo.InvariantCulture, $"    private const string ByNext{suffix} =");
        AppendString(sb, table.ToString());
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"    // {exceptionCount} pairs of the next character and the one after it (U+0081: none) whose guess differs, with that guess.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"    private const string ByNextTwo{suffix} =");
        AppendString(sb, exceptions.ToString());
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"    // {openCount} next characters whose guess differs where a parenthesis is open before and none closes after, with that guess.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"    private const string ByNextInParentheses{suffix} =");
        AppendString(sb, open.ToString());

        sb.AppendLine("}");
        File.WriteAllText(outFile, sb.ToString());
        Console.WriteLine($"{learned} of 129 entries learned; fallback U+{fallback:X4}; {exceptionCount} pairs; {openCount} in parentheses");
        return 0;

        static int PairSeen(int[,,] pairCounts, int next, int after)
        {
            int seen = 0;
            for (int b = 0; b < 0x40; b++)
            {
                seen += pairCounts[next, after, b];
            }

            return seen;
        }

        static int ArgMax(int[] values)
        {
            int best = 0;
            for (int k = 1; k < values.Length; k++)
            {
                best = values[k] > values[best] ? k : best;
            }

            return best;
        }
    }

    /// <summary>A string constant of <c>\uXXXX</c> escapes, 16 characters a line (shared with the other table generators).</summary>
    internal static void AppendString(StringBuilder sb, string escaped)
    {
        const int Width = 6 * 16;
        for (int i = 0; i < Math.Max(escaped.Length, 1); i += Width)
        {
            string part = escaped.Substring(i, Math.Min(Width, escaped.Length - i));
            sb.AppendLine(CultureInfo.InvariantCulture, $"        {(i == 0 ? "" : "+ ")}\"{part}\"{(i + Width >= escaped.Length ? ";" : "")}");
        }
    }
}
