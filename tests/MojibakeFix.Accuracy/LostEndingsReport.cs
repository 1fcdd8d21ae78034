using System.Globalization;
using System.Text;
using MojibakeFix.Corpus;

/// <summary>
/// Counts, in the training quarter of the gettext catalogs (<see cref="Catalogs.IsTraining"/>), what a double-byte
/// page's marker at the very end of the damaged text stood for: the last byte of the last character alone, or with the
/// line break after it, or with another ASCII character; by the shape of the text's last line (indented: it starts
/// with a space or a tab); and how often an angle bracket left open closes right after a character a marker may have
/// taken along. The library's guesses (DoubleByteCodePages.SwallowedAtEnd, ClosesNoAngleAfter) follow these counts:
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

        // The placeholders' angle brackets: after a character of three UTF-8 bytes (whose last byte a marker may take
        // along with the ASCII character after it, below 0x40), in a line whose last angle bracket before opens and
        // with no '>' ahead before the next '<' (DoubleByteCodePages.ClosesNoAngleAfter), how often that character is
        // the closing '>', inside the text and at its end.
        int inside = 0, insideClosing = 0, atEnd = 0, atEndClosing = 0;
        foreach (var m in Catalogs.Messages())
        {
            string t = m.Text;
            if (!Catalogs.IsTraining(t) || Damage.LooksAlreadyDamaged(t) || !t.Contains('<'))
            {
                continue;
            }

            for (int i = 1; i <= t.Length; i++)
            {
                if (t[i - 1] < 0x800 || char.IsSurrogate(t[i - 1]) || (i < t.Length && t[i] >= 0x40))
                {
                    continue;
                }

                int lineStart = t.LastIndexOf('\n', i - 1) + 1;
                int lastAngle = t.AsSpan(lineStart, i - lineStart).LastIndexOfAny('<', '>');
                if (lastAngle < 0 || t[lineStart + lastAngle] != '<')
                {
                    continue;
                }

                if (i == t.Length || (i + 1 == t.Length && t[i] != '\n'))
                {
                    // The text ends after the character, or after one ASCII character that is no line break.
                    atEnd++;
                    atEndClosing += i < t.Length && t[i] == '>' ? 1 : 0;
                    continue;
                }

                ReadOnlySpan<char> ahead = t.AsSpan(i + 1);
                int lineEnd = ahead.IndexOf('\n');
                ahead = lineEnd < 0 ? ahead : ahead[..lineEnd];
                int next = ahead.IndexOfAny('<', '>');
                if (next < 0 || ahead[next] == '<')
                {
                    inside++;
                    insideClosing += t[i] == '>' ? 1 : 0;
                }
            }
        }

        report.AppendLine();
        report.AppendLine("A character of three UTF-8 bytes in a line whose last angle bracket before it opens, with no '>' ahead before");
        report.AppendLine("the next '<': the ASCII character after it (below 0x40), or the end of the text (after it or one more character).");
        report.AppendLine();
        report.AppendLine("| where | places | '>' |");
        report.AppendLine("|---|---:|---:|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| inside the text | {inside:N0} | {Share(insideClosing, inside)} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| at its end | {atEnd:N0} | {Share(atEndClosing, atEnd)} |");

        Console.Write(report);
        File.WriteAllText(outFile, report.ToString());
        return 0;
    }

    private static string Share(int n, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"{n:N0} ({(total == 0 ? 0 : 100.0 * n / total):F1}%)");
}
