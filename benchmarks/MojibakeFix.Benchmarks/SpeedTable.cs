using System.Globalization;
using System.Text;

namespace MojibakeFix.Benchmarks;

/// <summary>
/// Turns BenchmarkDotNet's markdown report of <see cref="FixBenchmarks"/> into the README's speed table
/// (benchmarks/results/summary.md): MB/s of each path beside the bare scan and the transcode of the same run.
/// </summary>
internal static class SpeedTable
{
    // ftfy 6.3.1 on this kind of machine, as stated in the speed issue (not measured here: PyPI is unreachable).
    private const double FtfyBestMBps = 2.8;

    internal static int Write(string report, string output, string? readme)
    {
        var rows = new List<(string Method, string Input, string Bytes, double MBps, string Allocated)>();
        foreach (Func<string, string> cell in Rows(report))
        {
            rows.Add((cell("Method"), cell("Input"), cell("Bytes"), Rate(cell), cell("Allocated")));
        }

        var sb = new StringBuilder();
        sb.AppendLine("| input | size | Fix MB/s | Fix (span) MB/s | FixUtf8 MB/s | bare scan MB/s (baseline) | transcode MB/s | Fix ÷ scan | Fix ÷ transcode | Fix allocated | × ftfy (2.8 MB/s, given) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in rows.GroupBy(r => (r.Input, r.Bytes)))
        {
            double Get(string m) => group.First(r => r.Method == m).MBps;
            string span = group.Any(r => r.Method == "FixSpan") ? Get("FixSpan").ToString("N0", CultureInfo.InvariantCulture) : "–"; // older reports lack it
            double fix = Get("Fix"), scan = Get("BareScan"), transcode = Get("Transcode");
            string size = int.Parse(group.Key.Bytes, CultureInfo.InvariantCulture) switch
            {
                >= 1 << 20 and var b => $"{b >> 20} MB",
                var b => $"{b >> 10} KB",
            };
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {group.Key.Input} | {size} | {fix:N0} | {span} | {Get("FixUtf8"):N0} | {scan:N0} | {transcode:N0} | {fix / scan:P1} | {fix / transcode:P1} | {group.First(r => r.Method == "Fix").Allocated} | {fix / FtfyBestMBps:N0}× |");
        }

        File.WriteAllText(output, sb.ToString());
        Console.WriteLine($"wrote {output}");
        return readme is null ? 0 : Splice(readme, "speed", sb.ToString());
    }

    /// <summary>
    /// Compares two reports of <see cref="LanguageBenchmarks"/> (a commit before and after a change, each run alone):
    /// per language, Fix and FixUtf8 in MB/s and as a share of the bare scan of the same run, written to
    /// <paramref name="output"/> as a markdown table.
    /// </summary>
    internal static int WriteLanguages(string before, string after, string output)
    {
        var a = ReadLanguages(before);
        var b = ReadLanguages(after);
        var sb = new StringBuilder();
        sb.AppendLine("| language | Fix MB/s before | Fix MB/s after | FixUtf8 MB/s before | FixUtf8 MB/s after | Fix ÷ scan before | Fix ÷ scan after | FixUtf8 ÷ scan before | FixUtf8 ÷ scan after |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (string language in a.Keys.Where(b.ContainsKey))
        {
            var x = a[language];
            var y = b[language];
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {language} | {x.Fix:N0} | {y.Fix:N0} | {x.Utf8:N0} | {y.Utf8:N0} | {x.Fix / x.Scan:P1} | {y.Fix / y.Scan:P1} | {x.Utf8 / x.Scan:P1} | {y.Utf8 / y.Scan:P1} |");
        }

        File.WriteAllText(output, sb.ToString());
        Console.WriteLine($"wrote {output}");
        return 0;
    }

    /// <summary>Per language of a <see cref="LanguageBenchmarks"/> report: MB/s of the bare scan, Fix and FixUtf8.</summary>
    private static Dictionary<string, (double Scan, double Fix, double Utf8)> ReadLanguages(string report)
    {
        var rates = new Dictionary<(string Language, string Method), double>();
        foreach (Func<string, string> cell in Rows(report))
        {
            rates[(cell("Language"), cell("Method"))] = Rate(cell);
        }

        // In the order the languages first appear (BenchmarkDotNet sorts them).
        return rates.Keys.Select(k => k.Language).Distinct().Where(l => rates.ContainsKey((l, "BareScan")))
            .ToDictionary(l => l, l => (rates[(l, "BareScan")], rates[(l, "Fix")], rates[(l, "FixUtf8")]));
    }

    /// <summary>
    /// The result rows of a BenchmarkDotNet markdown report, each as a lookup of its cells by column name (bold
    /// marks removed).
    /// </summary>
    private static IEnumerable<Func<string, string>> Rows(string report)
    {
        string[] header = [];
        foreach (string raw in File.ReadLines(report))
        {
            if (!raw.StartsWith('|'))
            {
                continue;
            }

            string[] cells = raw.Trim('|').Split('|').Select(c => c.Trim().Replace("**", "", StringComparison.Ordinal)).ToArray();
            if (cells[0] == "Method")
            {
                header = cells;
                continue;
            }

            if (header.Length == 0 || cells[0].Length == 0 || cells[0].StartsWith('-'))
            {
                continue;
            }

            string[] columns = header;
            yield return name => cells[Array.IndexOf(columns, name)];
        }
    }

    /// <summary>A row's throughput column (<see cref="ThroughputConfig"/>), in MB/s.</summary>
    private static double Rate(Func<string, string> cell) =>
        double.Parse(cell("MB/s (UTF-16 in)").Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    /// <summary>
    /// Puts <paramref name="table"/> between the <c>&lt;!-- name:begin --&gt;</c> and <c>&lt;!-- name:end --&gt;</c>
    /// lines of <paramref name="readme"/>, so the README's table is the one generated from the results, never edited.
    /// </summary>
    internal static int Splice(string readme, string name, string table)
    {
        string text = File.ReadAllText(readme);
        string begin = $"<!-- {name}:begin -->\n", end = $"<!-- {name}:end -->";
        int from = text.IndexOf(begin, StringComparison.Ordinal);
        int to = text.IndexOf(end, StringComparison.Ordinal);
        if (from < 0 || to < from)
        {
            Console.Error.WriteLine($"{readme}: no {begin.Trim()} ... {end} block");
            return 2;
        }

        from += begin.Length;
        File.WriteAllText(readme, string.Concat(text.AsSpan(0, from), table.ReplaceLineEndings("\n"), text.AsSpan(to)));
        Console.WriteLine($"updated the {name} table in {readme}");
        return 0;
    }
}
