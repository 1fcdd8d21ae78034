using System.Globalization;
using System.Text;
using MojibakeFix.Corpus;

/// <summary>
/// Counts, in the training quarter of the gettext catalogs (<see cref="Catalogs.IsTraining"/>), what a double-byte
/// page's marker at the very end of the damaged text stood for: the last byte of the last character alone, or with the
/// line break after it, or with another ASCII character; by the shape of the text's last line (indented: it starts
/// with a space or a tab). The library's end-of-text guess (DoubleByteCodePages.SwallowedAtEnd) follows these counts:
/// <c>dotnet run -c Release --project tests/MojibakeFix.Accuracy -- --lost-endings FILE.md</c> writes them.
/// </summary>
internal static class LostEndingsReport
{
    private static readonly (int CodePage, string Name, char Marker)[] Pages =
        [(936, "GBK", '?'), (932, "Shift_JIS", '\u30FB'), (949, "EUC-KR", '?'), (950, "Big5", '?')];

    internal static int Run(string outFile)
    {
        var report = new StringBuilder();
        report.AppendLine("Texts of the training quarter whose damage ends in the page's marker, by what the marker took along");
        report.AppendLine("after the last character's byte, and by the shape of the text's last line.");
        report.AppendLine();
        report.AppendLine("| page | last line | texts | nothing | line break | other ASCII |");
        report.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var (codePage, name, marker) in Pages)
        {
            // [indented] → (nothing, line break, other)
            var counts = new (int Nothing, int Break, int Other)[2];
            foreach (var m in Catalogs.Messages())
            {
                string t = m.Text;
                if (!Catalogs.IsTraining(t) || Damage.LooksAlreadyDamaged(t) || t.Length < 2 || t[^1] == marker)
                {
                    continue;
                }

                string damaged = Damage.DoubleByte(t, codePage);
                if (damaged.Length == 0 || damaged[^1] != marker)
                {
                    continue;
                }

                // What followed the last character beyond ASCII: nothing, or the ASCII the marker took with its byte.
                int last = t.Length - 1;
                while (last >= 0 && t[last] < 0x80)
                {
                    last--;
                }

                if (last < 0 || t.Length - 1 - last > 1)
                {
                    continue; // (the marker ends the damage, but more than one ASCII character ends the text)
                }

                int lineStart = t.LastIndexOf('\n', Math.Max(0, t.Length - 2)) + 1;
                int shape = t[lineStart] is ' ' or '\t' ? 1 : 0;
                ref var c = ref counts[shape];
                if (last == t.Length - 1)
                {
                    c.Nothing++;
                }
                else if (t[^1] == '\n')
                {
                    c.Break++;
                }
                else
                {
                    c.Other++;
                }
            }

            for (int shape = 0; shape < 2; shape++)
            {
                var (nothing, lineBreak, other) = counts[shape];
                int total = nothing + lineBreak + other;
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {name} | {(shape == 1 ? "indented" : "at the margin")} | {total:N0} | {Share(nothing, total)} | {Share(lineBreak, total)} | {Share(other, total)} |");
            }
        }

        Console.Write(report);
        File.WriteAllText(outFile, report.ToString());
        return 0;
    }

    private static string Share(int n, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"{n:N0} ({(total == 0 ? 0 : 100.0 * n / total):F1}%)");
}
