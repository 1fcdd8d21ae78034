using System.Diagnostics;
using System.Globalization;
using System.Text;
using MojibakeFix;
using MojibakeFix.Corpus;

// Accuracy report on corpora generated from the gettext catalogs (see README "Accuracy").
//   dotnet run -c Release --project tests/MojibakeFix.Accuracy -- [--stride N] [--languages zh,ja] [--only ISO-8859-2,Windows-1250] [--show-failures K] [--out FILE]
// A change meant to leave every output as it was (a faster search, a refactoring) is checked with --dump FILE: the
// Fix and FixUtf8 result of every case, one per line, to compare (cmp) with the same dump made at another commit.
// --suspects: how many held-out correct messages each language group sends to a repair pass (SuspectShareReport).
// --soak SEED COUNT [DIR]: COUNT documents of damaged and clean messages through every entry point, which must agree
// (tests/MojibakeFix.Corpus/Soak.cs).
int stride = 1, show = 0;
string[]? languagePrefixes = null; // language prefixes (zh,ja,ko) to look at only those catalogs
string[]? only = null; // category names to measure (exactly as reported); the other rows are left out
string? outFile = null, dumpFile = null;
// The generators of the library's tables learned from the catalogs: `-- --<name> <file.g.cs>`.
var generators = new Dictionary<string, Func<string, int>>
{
    ["--conventions"] = ConventionsGenerator.Run,
    ["--cjk-frequency"] = CjkFrequencyGenerator.Run,
    ["--swallowed-ascii"] = SwallowedAsciiGenerator.Run,
    ["--swallowed-ascii-letters"] = SwallowedAsciiGenerator.RunAfterLetters,
    ["--lost-punctuation"] = LostPunctuationGenerator.Run,
    ["--cjk-endings"] = CjkEndingsGenerator.Run,
    ["--letter-endings"] = LetterEndingsGenerator.Run,
    ["--common-letters"] = CommonLettersGenerator.Run,
    ["--letter-pairs"] = LetterPairsGenerator.Run,
    ["--latin-pairs"] = LatinPairsGenerator.Run,
    ["--latin-company"] = LatinCompanyGenerator.Run,
    ["--vowel-neighbours"] = VowelNeighboursGenerator.Run,
    ["--letter-grams"] = LetterGramsGenerator.Run,
    ["--word-endings"] = WordEndingsGenerator.Run,
    ["--phrase-endings"] = WordEndingsGenerator.RunPhrases,
    ["--quote-company"] = QuoteCompanyGenerator.Run,
    ["--one-letter-words"] = OneLetterWordsGenerator.Run,
    ["--script-pairs"] = ScriptPairsGenerator.Run,
    ["--cjk-variants"] = CjkVariantsGenerator.Run,
    ["--lost-endings"] = LostEndingsReport.Run, // (a report of counts, not a table)
};
if (args is [string generator, string generatedFile] && generators.TryGetValue(generator, out var generate))
{
    return generate(generatedFile);
}

if (args is ["--soak", string soakSeed, string soakCount, ..])
{
    return Soak.Run(int.Parse(soakSeed, CultureInfo.InvariantCulture), int.Parse(soakCount, CultureInfo.InvariantCulture), args.Length > 3 ? args[3] : null);
}

if (args is ["--suspects"])
{
    return SuspectShareReport.Run();
}

if (args is ["--ftfy", ..])
{
    return Ftfy(args.Length > 1 && args[1] == "--show-failures");
}

for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--stride": stride = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--languages": languagePrefixes = args[++i].Split(','); break;
        case "--only": only = args[++i].Split(','); break;
        case "--show-failures": show = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--out": outFile = args[++i]; break;
        case "--dump": dumpFile = args[++i]; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

if (!Catalogs.Available)
{
    Console.Error.WriteLine($"no gettext catalogs under {Catalogs.Root}");
    return 2;
}

var sw = Stopwatch.StartNew();
var corpus = AccuracyCorpus.Load(stride, languagePrefixes);
if (dumpFile is not null)
{
    return Dump(dumpFile);
}

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"Corpus: {corpus.Messages.Count:N0} distinct non-ASCII messages from {Catalogs.Files().Count():N0} catalogs (stride {stride}); {corpus.ExcludedAsAlreadyDamaged:N0} source messages left out because they are mojibake already.");
report.AppendLine();
report.AppendLine("| category | cases | exact | % | goal | ftfy 6.3.1 (given, not measured here) |");
report.AppendLine("|---|---:|---:|---:|---:|---|");
var failures = new StringBuilder();
var cleanByLanguage = new SortedDictionary<string, (int Changed, int Total)>(StringComparer.Ordinal);
bool allMet = true;
foreach (var category in AccuracyCorpus.All.Where(Measured))
{
    int total = 0, exact = 0, shown = 0;
    foreach (var c in corpus.Cases(category))
    {
        total++;
        string got = Mojibake.Fix(c.Input);
        bool ok = got == c.Expected;
        if (ok)
        {
            exact++;
        }
        else if (shown++ < show)
        {
            failures.AppendLine(CultureInfo.InvariantCulture, $"[{category.Name}] ({c.Language})\n  in:  {c.Input}\n  got: {got}\n  exp: {c.Expected}{Difference(c.Input, got, c.Expected)}");
        }

        if (category == AccuracyCorpus.Clean)
        {
            cleanByLanguage.TryGetValue(c.Language, out var counts);
            cleanByLanguage[c.Language] = (counts.Changed + (ok ? 0 : 1), counts.Total + 1);
        }
    }

    double share = total == 0 ? 0 : (double)exact / total;
    allMet &= share >= category.Goal;
    string goal = category.Goal > 0 ? $"≥ {category.Goal * 100:0.##}%" : "reported";
    report.AppendLine(CultureInfo.InvariantCulture, $"| {category.Name} | {total:N0} | {exact:N0} | {share * 100:F3}% | {goal} | {category.Ftfy} |");
}

report.AppendLine();
report.AppendLine("UTF-8 misread as other code pages (all code pages enabled by default):");
report.AppendLine();
report.AppendLine("| code page | cases | exact | % | goal | ftfy 6.3.1 (given, not measured here) |");
report.AppendLine("|---|---:|---:|---:|---:|---|");
foreach (var (category, codePage) in AccuracyCorpus.CodePages.Where(p => Measured(p.Category)))
{
    var (total, exact) = Tally(category, corpus.CodePageCases(codePage));

    double share = total == 0 ? 0 : (double)exact / total;
    report.AppendLine(CultureInfo.InvariantCulture, $"| {category.Name} | {total:N0} | {exact:N0} | {share * 100:F2}% | ≥ {category.Goal * 100:0.##}% | {category.Ftfy} |");
}

report.AppendLine();
report.AppendLine("Chains of two code pages (UTF-8 read as the first, saved as UTF-8, read as the second):");
report.AppendLine();
report.AppendLine("| chain | cases | exact | % | goal | ftfy 6.3.1 |");
report.AppendLine("|---|---:|---:|---:|---:|---|");
foreach (var (category, codePages) in AccuracyCorpus.Chains.Where(p => Measured(p.Category)))
{
    var (total, exact) = Tally(category, corpus.ChainCases(codePages));

    report.AppendLine(CultureInfo.InvariantCulture, $"| {category.Name} | {total:N0} | {exact:N0} | {Percent(exact, total)} | reported | {category.Ftfy} |");
}

report.AppendLine();
report.AppendLine("UTF-8 misread as double-byte code pages, by .NET's decoder (a byte it cannot read becomes `?`, `・` for Shift_JIS);");
report.AppendLine("measured on the three quarters of the messages the CJK frequency table was not learned from. \"lossless\": the");
report.AppendLine("cases whose damage kept every byte; \"lost bytes\": the others, where a restored character is a guess.");
report.AppendLine();
report.AppendLine("| code page | cases | exact | % | goal | lossless: cases | exact | lost bytes: cases | exact | CJK languages: cases | exact | ftfy 6.3.1 (given) |");
report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
foreach (var (category, codePage) in AccuracyCorpus.DoubleByteCodePages.Where(p => Measured(p.Category)))
{
    int total = 0, exact = 0, shown = 0, lossless = 0, losslessExact = 0, cjk = 0, cjkExact = 0;
    foreach (var c in corpus.DoubleByteCases(codePage))
    {
        total++;
        string got = Mojibake.Fix(c.Input);
        bool ok = got == c.Expected;
        bool kept = Damage.DoubleByteIsLossless(c.Expected, codePage);
        bool cjkLanguage = c.Language.StartsWith("zh", StringComparison.Ordinal) || c.Language.StartsWith("ja", StringComparison.Ordinal)
            || c.Language.StartsWith("ko", StringComparison.Ordinal);
        exact += ok ? 1 : 0;
        lossless += kept ? 1 : 0;
        losslessExact += kept && ok ? 1 : 0;
        cjk += cjkLanguage ? 1 : 0;
        cjkExact += cjkLanguage && ok ? 1 : 0;
        if (!ok && shown++ < show)
        {
            failures.AppendLine(CultureInfo.InvariantCulture, $"[{category.Name}{(kept ? "" : " lost")}] ({c.Language})\n  in:  {c.Input}\n  got: {got}\n  exp: {c.Expected}{Difference(c.Input, got, c.Expected)}");
        }
    }

    double share = total == 0 ? 0 : (double)exact / total;
    string goal = category.Goal > 0 ? $"≥ {category.Goal * 100:0.##}%" : "reported";
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {category.Name} | {total:N0} | {exact:N0} | {share * 100:F2}% | {goal} | {lossless:N0} | {Percent(losslessExact, lossless)} | {total - lossless:N0} | {Percent(exact - losslessExact, total - lossless)} | {cjk:N0} | {Percent(cjkExact, cjk)} | {category.Ftfy} |");
}

report.AppendLine();
var changedLanguages = cleanByLanguage.Where(kv => kv.Value.Changed > 0).ToList();
string languages = changedLanguages.Count == 0 ? " none." : string.Concat(changedLanguages.Select(kv => $" {kv.Key} {kv.Value.Changed}/{kv.Value.Total};"));
report.AppendLine(CultureInfo.InvariantCulture, $"Clean text changed in {changedLanguages.Count} of {cleanByLanguage.Count} languages:{languages}");

Console.Write(report);
if (show > 0)
{
    Console.WriteLine();
    Console.Write(failures);
}

Console.Error.WriteLine($"({sw.Elapsed.TotalSeconds:F1} s)");
if (outFile is not null)
{
    File.WriteAllText(outFile, report.ToString());
}

return allMet ? 0 : 1;

// Every case's Fix result and FixUtf8 result (as text), one line each, in a fixed order: the categories, the code
// pages, the chains and the double-byte pages, as the report lists them.
int Dump(string path)
{
    using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
    var utf8 = new System.Buffers.ArrayBufferWriter<byte>();
    long cases = 0;
    var all = AccuracyCorpus.All.SelectMany(corpus.Cases)
        .Concat(AccuracyCorpus.CodePages.SelectMany(p => corpus.CodePageCases(p.CodePage)))
        .Concat(AccuracyCorpus.Chains.SelectMany(p => corpus.ChainCases(p.CodePages)))
        .Concat(AccuracyCorpus.DoubleByteCodePages.SelectMany(p => corpus.DoubleByteCases(p.CodePage)));
    foreach (var c in all)
    {
        writer.WriteLine(Mojibake.Fix(c.Input));
        utf8.ResetWrittenCount();
        Mojibake.FixUtf8(Encoding.UTF8.GetBytes(c.Input), utf8);
        writer.WriteLine(Encoding.UTF8.GetString(utf8.WrittenSpan));
        cases++;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases:N0} cases written to {path} ({sw.Elapsed.TotalSeconds:F1} s)"));
    return 0;
}

// Whether --only (if given) names the category.
bool Measured(Category category) => only is null || only.Contains(category.Name, StringComparer.Ordinal);

// Counts the exact repairs of one category's cases, keeping the first failures for --show-failures.
(int Total, int Exact) Tally(Category category, IEnumerable<Case> cases)
{
    int total = 0, exact = 0, shown = 0;
    foreach (var c in cases)
    {
        total++;
        string got = Mojibake.Fix(c.Input);
        if (got == c.Expected)
        {
            exact++;
        }
        else if (shown++ < show)
        {
            failures.AppendLine(CultureInfo.InvariantCulture, $"[{category.Name}] ({c.Language})\n  in:  {c.Input}\n  got: {got}\n  exp: {c.Expected}{Difference(c.Input, got, c.Expected)}");
        }
    }

    return (total, exact);
}

// Where a failure of several lines went wrong: the first line whose repair differs, with its damaged form (empty
// for a failure of one line, whose three lines above say it all).
static string Difference(string input, string got, string expected)
{
    string[] a = got.Split('\n'), b = expected.Split('\n'), d = input.Split('\n');
    if (b.Length < 2 || a.Length != b.Length)
    {
        return "";
    }

    int k = 0;
    while (k < b.Length && a[k] == b[k])
    {
        k++;
    }

    return k == b.Length ? "" : $"\n  line {k + 1}:\n    in:  {(k < d.Length ? d[k] : "")}\n    got: {a[k]}\n    exp: {b[k]}";
}

static string Percent(int part, int whole) => whole == 0 ? "–" : (100.0 * part / whole).ToString("F2", CultureInfo.InvariantCulture) + "%";

// ftfy 6.3.1's test cases (../shared/corpora/ftfy): per file, how many come out as ftfy's encoding-only result
// (lossy originals compared with Lossy = Replace, as ftfy writes U+FFFD); negatives must come back unchanged. The
// last column compares FixOptions.Ftfy with ftfy's full fix_text result (the `fixed` field).
static int Ftfy(bool showFailures)
{
    if (FtfyCases.Folder is null)
    {
        Console.Error.WriteLine("../shared/corpora/ftfy not found");
        return 2;
    }

    var replace = FixOptions.Default with { Lossy = LossyRepair.Replace };
    Console.WriteLine("| file | cases | match | of which ftfy's own known failures | match with FixOptions.Ftfy against `fixed` |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    foreach (string file in FtfyCases.Files)
    {
        int total = 0, match = 0, knownFailureFixed = 0, presetMatch = 0;
        foreach (var c in FtfyCases.Read(file))
        {
            total++;
            bool lossy = c.Original.Contains('?') || c.Original.Contains('\uFFFD');
            string got = Mojibake.Fix(c.Original, lossy ? replace : FixOptions.Default);
            if (got == c.FixedEncoding)
            {
                match++;
                knownFailureFixed += c.ExpectPass ? 0 : 1;
            }
            else if (showFailures)
            {
                Console.Error.WriteLine($"[{file}] {c.Label}\n  in:  {c.Original}\n  got: {got}\n  exp: {c.FixedEncoding}");
            }

            // The preset reproduces ftfy's fix_text defaults, so it is compared with ftfy's full result.
            string preset = Mojibake.Fix(c.Original, FixOptions.Ftfy);
            if (preset == c.Fixed)
            {
                presetMatch++;
            }
            else if (showFailures)
            {
                Console.Error.WriteLine($"[{file}, FixOptions.Ftfy] {c.Label}\n  in:  {c.Original}\n  got: {preset}\n  exp: {c.Fixed}");
            }
        }

        Console.WriteLine($"| {file} | {total} | {match} | {knownFailureFixed} | {presetMatch} |");
    }

    return 0;
}
