using System.Text;
using MojibakeFix.Corpus;

namespace MojibakeFix.Benchmarks;

/// <summary>
/// Benchmark inputs, built deterministically: clean multilingual text (catalog messages of 24 languages in
/// turn, or the repository's sample where the catalogs are absent), the same text misread as Windows-1252, and
/// a feed where about 1 line in 100 is damaged. Only held-out messages (<see cref="Catalogs.IsTraining"/> false):
/// the library's tables were learned from the training quarter, and text they have seen would flatter the search.
/// </summary>
internal static class Inputs
{
    /// <summary>The languages of the clean text, in the order their lines take turns.</summary>
    internal static readonly string[] Languages =
    [
        "fr", "de", "it", "es", "pt_BR", "ru", "uk", "pl", "cs", "tr", "el", "he", "ar", "ja", "zh_CN", "ko", "vi",
        "hu", "ro", "sv", "fi", "nl", "hi", "th",
    ];

    /// <summary>
    /// Those of <paramref name="inputs"/> named in MOJIBAKEFIX_BENCH_LANGUAGES (comma-separated), or all of them: an
    /// A/B of a change that touches a few languages need not run every one.
    /// </summary>
    internal static IEnumerable<string> Picked(IEnumerable<string> inputs) =>
        Environment.GetEnvironmentVariable("MOJIBAKEFIX_BENCH_LANGUAGES") is { Length: > 0 } only
            ? inputs.Where(i => only.Split(',').Contains(i))
            : inputs;

    private static readonly Lazy<string[]> s_lines = new(LoadLines);

    private static readonly Lazy<Dictionary<string, string[]>> s_byLanguage = new(LoadByLanguage);

    private static Dictionary<string, string[]> LoadByLanguage() =>
        !Catalogs.Available ? [] : Catalogs.Messages()
            .Where(m => Languages.Contains(m.Language) && m.Text.Length is > 20 and < 300 && !m.Text.Contains('\n') && !Catalogs.IsTraining(m.Text))
            .GroupBy(m => m.Language)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Text).Distinct().Take(2000).ToArray());

    private static string[] LoadLines()
    {
        if (Catalogs.Available)
        {
            var byLanguage = s_byLanguage.Value;
            var lines = new List<string>();
            for (int i = 0; i < 2000; i++)
            {
                foreach (string language in Languages)
                {
                    if (byLanguage.TryGetValue(language, out var texts) && i < texts.Length)
                    {
                        lines.Add(texts[i]);
                    }
                }
            }

            return [.. lines];
        }

        return ["Il più bello dei giorni: l’analisi è pubblicata.", "Привет, мир! Ελληνικά 日本語 한국어 עברית", "Déjà vu, naïve café, Zürich, Straße."];
    }

    /// <summary>Clean text of about <paramref name="bytes"/> bytes of UTF-16.</summary>
    internal static string Clean(int bytes) => Build(bytes, damageEvery: 0);

    /// <summary>
    /// Clean text of one language alone, about <paramref name="bytes"/> bytes of UTF-16: its messages of the mixed
    /// text, one per line, repeated (the repository's sample where the catalogs are absent).
    /// </summary>
    internal static string CleanIn(string language, int bytes)
    {
        string[] lines = s_byLanguage.Value.TryGetValue(language, out var texts) ? texts : s_lines.Value;
        return Repeat(lines, bytes / 2);
    }

    /// <summary>The lines of <see cref="CleanIn"/> for <paramref name="language"/> (1 MB of them, repeated where fewer).</summary>
    internal static string[] CleanLinesIn(string language) =>
        CleanIn(language, 1 << 20).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// <paramref name="lines"/> in turn, one per line, until the text holds <paramref name="chars"/> characters (the
    /// last line cut there); empty where there are no lines.
    /// </summary>
    internal static string Repeat(string[] lines, int chars)
    {
        if (lines.Length == 0)
        {
            return "";
        }

        var text = new StringBuilder(chars + 1024);
        for (int i = 0; text.Length < chars; i = (i + 1) % lines.Length)
        {
            text.Append(lines[i]).Append('\n');
        }

        return text.ToString(0, chars);
    }

    /// <summary>
    /// The languages' texts of <see cref="CleanIn"/>, about <paramref name="bytes"/> bytes of UTF-16 in all: one
    /// language after another when <paramref name="byLine"/> is false, else their lines in turn (the first line of
    /// each language, then the second of each...), so the two hold the same lines in another order.
    /// </summary>
    internal static string AllLanguages(int bytes, bool byLine)
    {
        string[][] texts = [.. Languages.Select(l => CleanIn(l, bytes / Languages.Length).Split('\n', StringSplitOptions.RemoveEmptyEntries))];
        var sb = new StringBuilder(bytes / 2 + 512);
        if (!byLine)
        {
            foreach (string[] lines in texts)
            {
                foreach (string line in lines)
                {
                    sb.Append(line).Append('\n');
                }
            }

            return sb.ToString();
        }

        for (int i = 0; texts.Any(t => i < t.Length); i++)
        {
            foreach (string[] lines in texts)
            {
                if (i < lines.Length)
                {
                    sb.Append(lines[i]).Append('\n');
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>The clean text, all of it misread as Windows-1252.</summary>
    internal static string Damaged(int bytes)
    {
        string damaged = Damage.Cp1252(Build(bytes, damageEvery: 0));
        return damaged[..Math.Min(damaged.Length, bytes / 2)];
    }

    /// <summary>A feed where about one line in a hundred was misread.</summary>
    internal static string Feed(int bytes) => Build(bytes, damageEvery: 100);

    private static string Build(int bytes, int damageEvery)
    {
        var sb = new StringBuilder(bytes / 2 + 256);
        string[] lines = s_lines.Value;
        for (int i = 0; sb.Length * 2 < bytes; i++)
        {
            string line = lines[i % lines.Length];
            sb.Append(damageEvery > 0 && i % damageEvery == 7 ? Damage.Cp1252(line) : line).Append('\n');
        }

        return sb.ToString(0, Math.Min(sb.Length, bytes / 2));
    }
}
