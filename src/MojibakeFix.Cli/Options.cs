namespace MojibakeFix.Cli;

/// <summary>What the command line asked for.</summary>
internal sealed class Options
{
    internal List<string> Files { get; } = [];

    internal string? Output { get; set; }

    internal bool InPlace { get; set; }

    internal bool Check { get; set; }

    internal bool Explain { get; set; }

    internal bool JsonLines { get; set; }

    internal List<string> Fields { get; } = [];

    internal bool CsvMode { get; set; }

    internal bool Tsv { get; set; }

    internal List<string> Columns { get; } = [];

    internal string? Encoding { get; set; }

    internal bool Guess { get; set; }

    internal bool Quiet { get; set; }

    internal bool Verbose { get; set; }

    // Invalid bytes come out byte for byte unless --modified-utf8 asks for CESU-8 and C0 80 to be rewritten.
    internal FixOptions Fix { get; set; } = FixOptions.Default with { DecodeModifiedUtf8 = false };

    /// <summary>Blocks repaired at once (worker threads); all cores up to 16 unless --jobs says otherwise.</summary>
    internal int Jobs { get; set; } = Math.Clamp(Environment.ProcessorCount, 1, 16);

    /// <summary>Bytes per block; the hidden MOJIFIX_CHUNK_BYTES variable lets tests force tiny blocks.</summary>
    internal int ChunkBytes { get; set; } = int.TryParse(Environment.GetEnvironmentVariable("MOJIFIX_CHUNK_BYTES"), out int n) && n > 0 ? Math.Max(n, 16) : 256 << 10;

    /// <summary>Whether a fixer beyond the encoding repair is on: then ASCII and text without a mojibake candidate may change too.</summary>
    internal bool Fixers => Fix.DecodeHtmlEntities != HtmlEntityDecoding.Off || Fix.RemoveTerminalEscapes || Fix.RemoveControlCharacters
        || Fix.ReplaceLoneSurrogates || Fix.NormalizeLineBreaks || Fix.ExpandLigatures || Fix.NarrowFullWidth || Fix.StraightenQuotes
        || Fix.Normalization is not null;

    /// <summary>Whether each damaged site is looked at one by one (positions, counts) rather than just repaired.</summary>
    internal bool Reporting => Check || Explain || Verbose;

    internal const string Usage = """
        Usage: mojifix [OPTIONS] [FILE...]

        Repairs mojibake (UTF-8 text decoded as Windows-1252, Latin-1 and other code pages) in files or standard
        input and writes the result to standard output. Correct text and bytes that are not UTF-8 pass through
        unchanged.

        Options:
          -o, --output FILE    write to FILE instead of standard output (never one of the inputs)
          -i, --in-place       rewrite each FILE atomically (temporary file in the same folder, then rename)
              --check          write nothing; list each damaged site as path:line:column and exit 1 if any
              --explain        list each repair on standard error while fixing
              --jsonl          treat input as JSON Lines: fix string values only, keep everything else
              --field NAME     with --jsonl, fix only this field (repeatable; dotted paths for nested objects)
              --csv, --tsv     fix cells of a delimited file (quoting and line breaks in cells handled); header kept
              --column C       with --csv/--tsv, fix only this column, by header name or 0-based index (repeatable)
              --encoding NAME  read input in this encoding (e.g. windows-1251); output is UTF-8
              --guess          guess the encoding of each input (BOM, UTF-8 validity, likely code page); says so on stderr
              --lossy MODE     lossy sequences: guess (default), replace (U+FFFD, as ftfy), leave
              --no-guess       same as --lossy replace
              --no-nbsp        do not restore lost no-break spaces
              --no-c1          do not map C1 control characters to Windows-1252
              --no-other-codepages  only Windows-1252 and Latin-1 damage
              --modified-utf8  rewrite CESU-8 surrogate pairs and C0 80 (Java's modified UTF-8)
                               as UTF-8; otherwise invalid bytes are kept byte for byte
              --dash STYLE     auto (default), en, em: the dash written for a lossy dash
              --no-double-byte do not undo UTF-8 misread as GBK, Shift_JIS, EUC-KR or Big5
              --max-layers N   undo at most N layers of damage at one site (1-16, default 10)

        Other fixers (all off unless given; each repair is listed by --check and --explain):
              --ftfy           ftfy's defaults: --html auto --remove-escapes --remove-controls --replace-surrogates
                               --line-breaks --ligatures --narrow-width --straight-quotes --normalize nfc
                               --lossy replace (later options override it)
              --html MODE      decode HTML entities: off (default), auto (lines without '<'), always
              --remove-escapes remove terminal escape sequences (ESC [ ... m colour codes and the like)
              --remove-controls  remove control characters and the byte order mark (not tab, line breaks, C1)
              --replace-surrogates  replace lone surrogates with U+FFFD
              --line-breaks    write CRLF, CR, U+2028, U+2029 and U+0085 as LF
              --ligatures      expand Latin ligatures (ﬁ -> fi, ǌ -> nj)
              --narrow-width   full-width characters to ASCII, half-width katakana to full width
              --straight-quotes  curly quotes to ' and "
              --normalize FORM Unicode normalization: nfc, nfkc, nfd or nfkd (no effect in this build: it runs in
                               globalization-invariant mode, where .NET normalizes only ASCII)
          -j, --jobs N         repair N blocks at once (default: the number of cores, at most 16)
          -q, --quiet          no messages except errors
          -v, --verbose        a summary per file on standard error
          -h, --help           show this help
              --version        show the version

        Options taking a value also accept --option=VALUE. With several files the output is theirs, in order.

        Exit status: 0 success (clean with --check), 1 damage found with --check, 2 usage or I/O error
        (including a JSON Lines record that is not valid JSON; it is copied through unchanged).
        """;

    /// <summary>Parses arguments; returns an error message, or null.</summary>
    internal static string? TryParse(string[] args, out Options options)
    {
        options = new Options();
        bool onlyFiles = false;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (onlyFiles || a == "-" || !a.StartsWith('-'))
            {
                options.Files.Add(a);
                continue;
            }

            string? inline = null;
            int eq = a.IndexOf('=', StringComparison.Ordinal);
            if (a.StartsWith("--", StringComparison.Ordinal) && eq > 2)
            {
                inline = a[(eq + 1)..];
                a = a[..eq];
                if (a is not ("--output" or "--field" or "--column" or "--encoding" or "--lossy" or "--dash" or "--jobs" or "--max-layers" or "--html" or "--normalize"))
                {
                    return $"option '{a}' takes no value";
                }
            }

            string? Next()
            {
                if (inline is not null)
                {
                    string value = inline;
                    inline = null;
                    return value;
                }

                return i + 1 < args.Length ? args[++i] : null;
            }

            switch (a)
            {
                case "--":
                    onlyFiles = true;
                    break;
                case "-o" or "--output":
                    options.Output = Next() ?? "";
                    if (options.Output.Length == 0)
                    {
                        return $"{a} needs a file name";
                    }

                    break;
                case "-i" or "--in-place":
                    options.InPlace = true;
                    break;
                case "--check":
                    options.Check = true;
                    break;
                case "--explain":
                    options.Explain = true;
                    break;
                case "--jsonl":
                    options.JsonLines = true;
                    break;
                case "--field":
                    string? field = Next();
                    if (string.IsNullOrEmpty(field))
                    {
                        return "--field needs a name";
                    }

                    options.Fields.Add(field);
                    break;
                case "--csv":
                    options.CsvMode = true;
                    break;
                case "--tsv":
                    options.CsvMode = options.Tsv = true;
                    break;
                case "--column":
                    string? column = Next();
                    if (string.IsNullOrEmpty(column))
                    {
                        return "--column needs a name or an index";
                    }

                    options.Columns.Add(column);
                    break;
                case "--encoding":
                    options.Encoding = Next();
                    if (string.IsNullOrEmpty(options.Encoding))
                    {
                        return "--encoding needs a name";
                    }

                    try
                    {
                        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
                        _ = System.Text.Encoding.GetEncoding(options.Encoding ?? "");
                    }
                    catch (ArgumentException)
                    {
                        return $"unknown encoding '{options.Encoding}'";
                    }

                    break;
                case "--guess":
                    options.Guess = true;
                    break;
                case "--lossy":
                    string? mode = Next();
                    LossyRepair? lossy = mode switch { "guess" => LossyRepair.Guess, "replace" => LossyRepair.Replace, "leave" => LossyRepair.Leave, _ => null };
                    if (lossy is null)
                    {
                        return $"--lossy takes guess, replace or leave, not '{mode}'";
                    }

                    options.Fix = options.Fix with { Lossy = lossy.Value };
                    break;
                case "--no-guess":
                    options.Fix = options.Fix with { Lossy = LossyRepair.Replace };
                    break;
                case "--no-nbsp":
                    options.Fix = options.Fix with { RestoreLostNoBreakSpace = false };
                    break;
                case "--no-c1":
                    options.Fix = options.Fix with { FixC1Controls = false };
                    break;
                case "--no-other-codepages":
                    options.Fix = options.Fix with { OtherCodePages = false };
                    break;
                case "--modified-utf8":
                    options.Fix = options.Fix with { DecodeModifiedUtf8 = true };
                    break;
                case "--dash":
                    string? dash = Next();
                    DashStyle? style = dash switch { "auto" => DashStyle.Auto, "en" => DashStyle.EnDash, "em" => DashStyle.EmDash, _ => null };
                    if (style is null)
                    {
                        return $"--dash takes auto, en or em, not '{dash}'";
                    }

                    options.Fix = options.Fix with { Dash = style.Value };
                    break;
                case "--no-double-byte":
                    options.Fix = options.Fix with { DoubleByteCodePages = false };
                    break;
                case "--max-layers":
                    string? layers = Next();
                    if (!int.TryParse(layers, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int max) || max is < 1 or > 16)
                    {
                        return $"--max-layers takes a number from 1 to 16, not '{layers}'";
                    }

                    options.Fix = options.Fix with { MaxLayers = max };
                    break;
                case "--ftfy":
                    FixOptions ftfy = FixOptions.Ftfy;
                    options.Fix = options.Fix with
                    {
                        Lossy = ftfy.Lossy, DecodeHtmlEntities = ftfy.DecodeHtmlEntities, RemoveTerminalEscapes = true,
                        RemoveControlCharacters = true, ReplaceLoneSurrogates = true, NormalizeLineBreaks = true,
                        ExpandLigatures = true, NarrowFullWidth = true, StraightenQuotes = true, Normalization = ftfy.Normalization,
                    };
                    break;
                case "--html":
                    string? html = Next();
                    HtmlEntityDecoding? decoding = html switch { "off" => HtmlEntityDecoding.Off, "auto" => HtmlEntityDecoding.Auto, "always" => HtmlEntityDecoding.Always, _ => null };
                    if (decoding is null)
                    {
                        return $"--html takes off, auto or always, not '{html}'";
                    }

                    options.Fix = options.Fix with { DecodeHtmlEntities = decoding.Value };
                    break;
                case "--remove-escapes":
                    options.Fix = options.Fix with { RemoveTerminalEscapes = true };
                    break;
                case "--remove-controls":
                    options.Fix = options.Fix with { RemoveControlCharacters = true };
                    break;
                case "--replace-surrogates":
                    options.Fix = options.Fix with { ReplaceLoneSurrogates = true };
                    break;
                case "--line-breaks":
                    options.Fix = options.Fix with { NormalizeLineBreaks = true };
                    break;
                case "--ligatures":
                    options.Fix = options.Fix with { ExpandLigatures = true };
                    break;
                case "--narrow-width":
                    options.Fix = options.Fix with { NarrowFullWidth = true };
                    break;
                case "--straight-quotes":
                    options.Fix = options.Fix with { StraightenQuotes = true };
                    break;
                case "--normalize":
                    string? form = Next();
                    System.Text.NormalizationForm? normalization = form switch
                    {
                        "nfc" => System.Text.NormalizationForm.FormC, "nfkc" => System.Text.NormalizationForm.FormKC,
                        "nfd" => System.Text.NormalizationForm.FormD, "nfkd" => System.Text.NormalizationForm.FormKD, _ => null,
                    };
                    if (normalization is null)
                    {
                        return $"--normalize takes nfc, nfkc, nfd or nfkd, not '{form}'";
                    }

                    options.Fix = options.Fix with { Normalization = normalization };
                    break;
                case "-j" or "--jobs":
                    string? jobs = Next();
                    if (!int.TryParse(jobs, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int j) || j < 1)
                    {
                        return $"--jobs takes a positive number, not '{jobs}'";
                    }

                    options.Jobs = Math.Min(j, 256);
                    break;
                case "-q" or "--quiet":
                    options.Quiet = true;
                    break;
                case "-v" or "--verbose":
                    options.Verbose = true;
                    break;
                default:
                    return $"unknown option '{a}'";
            }
        }

        if (options.Output == "-")
        {
            options.Output = null; // -o - is standard output
        }

        if (options.InPlace && (options.Output is not null || options.Files.Count == 0 || options.Files.Contains("-")))
        {
            return "--in-place needs files (not standard input) and no --output";
        }

        if (options.Fields.Count > 0 && !options.JsonLines)
        {
            return "--field needs --jsonl";
        }

        if (options.Columns.Count > 0 && !options.CsvMode)
        {
            return "--column needs --csv or --tsv";
        }

        if (options.CsvMode && options.JsonLines)
        {
            return "--csv/--tsv and --jsonl cannot be combined";
        }

        if (options.Encoding is not null && options.Guess)
        {
            return "--encoding and --guess cannot be combined";
        }

        if (options.Check && (options.Output is not null || options.InPlace))
        {
            return "--check writes nothing: no --output or --in-place with it";
        }

        return null;
    }
}
