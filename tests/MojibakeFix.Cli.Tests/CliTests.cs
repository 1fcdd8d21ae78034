using System.Diagnostics;
using System.Text;

namespace MojibakeFix.Cli.Tests;

/// <summary>End-to-end: the built mojifix run as a process on files and pipes.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mojifix-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed record Result(int Code, byte[] Stdout, string Stderr)
    {
        public string Text => Encoding.UTF8.GetString(Stdout);
    }

    private static Result Run(byte[]? stdin, params string[] args) => RunWith(null, stdin, args);

    private static Result RunWith(Dictionary<string, string>? env, byte[]? stdin, params string[] args)
    {
        var psi = ToolCommand.Create();
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? [])
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        var stdoutTask = Task.Run(() =>
        {
            using var ms = new MemoryStream();
            p.StandardOutput.BaseStream.CopyTo(ms);
            return ms.ToArray();
        });
        var stderrTask = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.BaseStream.Write(stdin);
        }

        p.StandardInput.Close();
        p.WaitForExit();
        return new Result(p.ExitCode, stdoutTask.Result, stderrTask.Result);
    }

    private string Write(string name, byte[] content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Modified_utf8_is_kept_byte_for_byte_unless_asked_for()
    {
        // 😍 as a CESU-8 surrogate pair and a Java NUL (C0 80): invalid UTF-8, so kept by default.
        byte[] input = [.. U("Hi "), 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x8D, .. U(" A"), 0xC0, 0x80, .. U("B\n")];
        Assert.Equal(input, Run(input).Stdout);

        Result rewritten = Run(input, "--modified-utf8");
        Assert.Equal(0, rewritten.Code);
        Assert.Equal([.. U("Hi 😍 A"), 0x00, .. U("B\n")], rewritten.Stdout);

        Result check = Run(input, "--check", "--modified-utf8");
        Assert.Equal(1, check.Code);
        Assert.Contains("modified utf-8 'EDA0BDEDB88D' -> '😍'", check.Text + check.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, Run(input, "--check").Code);
    }

    [Fact]
    public void Standard_input_is_fixed_to_standard_output()
    {
        var r = Run(U("CafÃ© lâ€™analisi\nÃƒÂ©tÃƒÂ© più\n"));
        Assert.Equal(0, r.Code);
        Assert.Equal("Café l’analisi\nété più\n", r.Text);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_stay_where_they_were_and_a_bom_is_kept()
    {
        byte[] input = [0xEF, 0xBB, 0xBF, .. U("ok CafÃ© "), 0xFF, 0xC3, .. U(" lâ€™x\n"), 0x80];
        byte[] expected = [0xEF, 0xBB, 0xBF, .. U("ok Café "), 0xFF, 0xC3, .. U(" l’x\n"), 0x80];
        Assert.Equal(expected, Run(input).Stdout);
        Assert.Equal(expected, Run(null, Write("in.txt", input)).Stdout);
    }

    [Fact]
    public void Clean_input_comes_out_byte_identical()
    {
        byte[] input = U("più été Привет 日本語 “quotes” — NÃO HÁ AÇÃO\r\nline two\n");
        Assert.Equal(input, Run(input).Stdout);
    }

    [Fact]
    public void Check_lists_sites_and_fails_only_on_damage()
    {
        string damaged = Write("d.txt", U("first line\nIl piÃ¹ bello, lâ??analisi\n"));
        string clean = Write("c.txt", U("più\n"));
        var r = Run(null, "--check", damaged, clean);
        Assert.Equal(1, r.Code);
        Assert.Equal($"{damaged}:2:6: utf-8 → windows-1252 'Ã¹' -> 'ù'\n{damaged}:2:17: utf-8 → windows-1252 'â??' -> '’' (guess)\n", r.Text);
        Assert.Equal("d.txt", Path.GetFileName(damaged));
        Assert.Equal(0, Run(null, "--check", clean).Code);
        Assert.Equal("first line\nIl piÃ¹ bello, lâ??analisi\n", File.ReadAllText(damaged)); // --check writes nothing
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void In_place_rewrites_atomically_and_keeps_permissions()
    {
        string path = Write("f.txt", U("CafÃ©\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Assert.Equal(0, Run(null, "--in-place", path).Code);
        Assert.Equal("Café\n", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        Assert.Single(Directory.GetFiles(_dir)); // no temporary file left
    }

    [Fact]
    public void A_failure_before_the_rename_leaves_the_original_intact()
    {
        string path = Write("f.txt", U("CafÃ©\n"));
        var r = RunWith(new() { ["MOJIFIX_TEST_FAIL_BEFORE_RENAME"] = "1" }, null, "--in-place", path);
        Assert.Equal(2, r.Code);
        Assert.Contains("simulated failure", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("CafÃ©\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Sigterm_during_in_place_leaves_the_original_and_no_temporary_file()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 200_000; i++)
        {
            sb.Append("Ligne ").Append(i).Append(": CafÃ© lâ€™analisi ÃƒÂ©tÃƒÂ©\n");
        }

        byte[] original = U(sb.ToString());
        string path = Write("big.txt", original);
        var psi = ToolCommand.Create();
        psi.RedirectStandardError = true;
        psi.RedirectStandardOutput = true;
        psi.ArgumentList.Add("--in-place");
        psi.ArgumentList.Add(path);
        psi.Environment["MOJIFIX_CHUNK_BYTES"] = "4096";
        psi.Environment["MOJIFIX_TEST_SLOW_BLOCKS_MS"] = "20"; // a test hook: a pause after each block
        using var p = Process.Start(psi)!;
        var waited = Stopwatch.StartNew();
        while (Directory.GetFiles(_dir).Length < 2 && waited.ElapsedMilliseconds < 20_000 && !p.HasExited)
        {
            Thread.Sleep(20); // until the temporary file exists: the rewrite is under way
        }

        Thread.Sleep(100);
        bool stoppedEarly = !p.HasExited;
        if (stoppedEarly)
        {
            using var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            kill.WaitForExit();
        }

        p.WaitForExit();
        Assert.Single(Directory.GetFiles(_dir)); // no temporary file left behind
        byte[] now = File.ReadAllBytes(path);
        Assert.True(now.SequenceEqual(original) || Encoding.UTF8.GetString(now) == Mojibake.Fix(sb.ToString()),
            "the file is either untouched or completely rewritten, never in between");
        Assert.True(stoppedEarly, "the run finished before it could be interrupted; make the input larger");
    }

    [Fact]
    public void Output_onto_an_input_is_refused_and_the_input_kept()
    {
        string path = Write("f.txt", U("CafÃ©\n"));
        var r = Run(null, "-o", path, path);
        Assert.Equal(2, r.Code);
        Assert.Contains("refusing", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("CafÃ©\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_missing_file_is_reported_and_the_others_still_processed()
    {
        string good = Write("g.txt", U("CafÃ©\n"));
        string output = Path.Combine(_dir, "out.txt");
        var r = Run(null, "-o", output, Path.Combine(_dir, "missing.txt"), good, _dir);
        Assert.Equal(2, r.Code);
        Assert.Contains("missing.txt: no such file or directory", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("is a directory", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("Café\n", File.ReadAllText(output));
    }

    [Fact]
    public void Json_lines_fix_string_values_only_and_keep_the_rest()
    {
        string input = "{\"title\": \"CafÃ©\",  \"n\": 1.50, \"user\": {\"name\": \"lâ€™x\"}, \"tags\": [\"piÃ¹\", \"ok\"], \"esc\": \"a\\u00e9\"}\n"
            + "{\"clean\":\"più\"}\n";
        var r = Run(U(input), "--jsonl");
        Assert.Equal(0, r.Code);
        Assert.Equal("{\"title\": \"Café\",  \"n\": 1.50, \"user\": {\"name\": \"l’x\"}, \"tags\": [\"più\", \"ok\"], \"esc\": \"a\\u00e9\"}\n{\"clean\":\"più\"}\n", r.Text);

        var only = Run(U(input), "--jsonl", "--field", "user.name");
        Assert.Contains("\"title\": \"CafÃ©\"", only.Text, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"l’x\"", only.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lines_clean_input_is_byte_identical_and_bad_lines_pass_through()
    {
        string input = "{\"a\": \"più\",   \"b\": [1, 2]}\nnot json Ã©\n{}\n";
        var r = Run(U(input), "--jsonl");
        Assert.Equal(2, r.Code);
        Assert.Equal(input, r.Text);
        Assert.Contains(":2: not valid JSON", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Sites_across_block_boundaries_are_repaired()
    {
        // One long line, no line breaks, blocks of 64 bytes: every offset of a damaged run against the cut.
        var sb = new StringBuilder();
        for (int i = 0; i < 200; i++)
        {
            sb.Append(new string('x', i % 7)).Append(i % 2 == 0 ? "CafÃ©" : "ÃƒÂ©tÃƒÂ©").Append(' ');
        }

        string input = sb.ToString();
        var r = RunWith(new() { ["MOJIFIX_CHUNK_BYTES"] = "64" }, U(input));
        Assert.Equal(0, r.Code);
        Assert.Equal(Mojibake.Fix(input), r.Text);
    }

    [Fact]
    public void Csv_cells_are_fixed_with_real_quoting_and_the_rest_kept()
    {
        string input = "id,title,note\r\n1,CafÃ©,\"a, \"\"quoted\"\" piÃ¹\nnext line\"\r\n2,clean più,ok\r\n";
        var r = Run(U(input), "--csv");
        Assert.Equal(0, r.Code);
        Assert.Equal("id,title,note\r\n1,Café,\"a, \"\"quoted\"\" più\nnext line\"\r\n2,clean più,ok\r\n", r.Text);

        var only = Run(U(input), "--csv", "--column", "note");
        Assert.Contains("1,CafÃ©,", only.Text, StringComparison.Ordinal);
        Assert.Contains("più\nnext line", only.Text, StringComparison.Ordinal);

        string clean = "a,b\n\"x,y\",\"z\"\n";
        Assert.Equal(clean, Run(U(clean), "--csv").Text); // byte-identical when nothing changes
        Assert.Equal("a\tb\nCafé\tok\n", Run(U("a\tb\nCafÃ©\tok\n"), "--tsv").Text);
    }

    [Fact]
    public void Csv_records_across_block_boundaries_stay_whole()
    {
        var sb = new StringBuilder("h1,h2\n");
        for (int i = 0; i < 100; i++)
        {
            sb.Append(i).Append(",\"line one CafÃ©\nline two piÃ¹, ok\"\n");
        }

        var r = RunWith(new() { ["MOJIFIX_CHUNK_BYTES"] = "300" }, U(sb.ToString()), "--csv");
        Assert.Equal(sb.ToString().Replace("CafÃ©", "Café", StringComparison.Ordinal).Replace("piÃ¹", "più", StringComparison.Ordinal), r.Text);
    }

    [Fact]
    public void Other_input_encodings_are_read_and_guessed()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        byte[] cp1251 = System.Text.Encoding.GetEncoding(1251).GetBytes("Привет, мир! Как дела?\n");
        Assert.Equal("Привет, мир! Как дела?\n", Run(cp1251, "--encoding", "windows-1251").Text);

        var guessed = Run(cp1251, "--guess");
        Assert.Equal("Привет, мир! Как дела?\n", guessed.Text);
        Assert.Contains("guessed windows-1251", guessed.Stderr, StringComparison.Ordinal);
        Assert.Contains("guessed utf-8", Run(U("CafÃ© più\n"), "--guess").Stderr, StringComparison.Ordinal);
        Assert.Equal(2, Run(U("x"), "--encoding", "no-such-encoding").Code);
    }

    [Fact]
    public void Several_files_run_in_parallel_but_come_out_in_order()
    {
        var files = Enumerable.Range(0, 8).Select(i => Write($"f{i}.txt", U($"file {i}: CafÃ© {new string('x', i * 1000)}\n"))).ToArray();
        var r = Run(null, files);
        Assert.Equal(0, r.Code);
        Assert.Equal(string.Concat(Enumerable.Range(0, 8).Select(i => $"file {i}: Café {new string('x', i * 1000)}\n")), r.Text);

        var check = Run(null, ["--check", .. files]);
        Assert.Equal(1, check.Code);
        Assert.Equal(files.Select(f => $"{f}:1:12: utf-8 → windows-1252 'Ã©' -> 'é'"), check.Text.TrimEnd('\n').Split('\n'));

        var verbose = Run(null, ["--verbose", "--in-place", .. files]);
        Assert.Equal(0, verbose.Code);
        Assert.Contains($"{files[3]}: 1 damaged site(s) repaired", verbose.Stderr, StringComparison.Ordinal);
        Assert.Equal("file 3: Café " + new string('x', 3000) + "\n", File.ReadAllText(files[3]));
    }

    [Fact]
    public void Help_version_and_usage_errors()
    {
        Assert.Equal(0, Run(null, "--help").Code);
        Assert.StartsWith("mojifix ", Run(null, "--version").Text, StringComparison.Ordinal);
        var bad = Run(null, "--nope");
        Assert.Equal(2, bad.Code);
        Assert.Contains("unknown option", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Ftfy_preset_applies_the_other_fixers_and_they_are_off_by_default()
    {
        byte[] input = [0xEF, 0xBB, 0xBF, .. U("Tom &amp; “Jerry” ﬁne\r\n\u001b[1mＡ\u001b[0m CafÃ©\r\n")];
        Assert.Equal([0xEF, 0xBB, 0xBF, .. U("Tom &amp; “Jerry” ﬁne\r\n\u001b[1mＡ\u001b[0m Café\r\n")], Run(input).Stdout); // damage only
        Assert.Equal(U("Tom & \"Jerry\" fine\nA Café\n"), Run(input, "--ftfy").Stdout);

        // Each flag on its own.
        Assert.Equal("Tom & Jerry\n", Run(U("Tom &amp; Jerry\n"), "--html", "auto").Text);
        Assert.Equal("<b>Tom &amp; Jerry</b>\n", Run(U("<b>Tom &amp; Jerry</b>\n"), "--html=auto").Text);
        Assert.Equal("<b>Tom & Jerry</b>\n", Run(U("<b>Tom &amp; Jerry</b>\n"), "--html", "always").Text);
        Assert.Equal("red\n", Run(U("\u001b[31mred\u001b[0m\n"), "--remove-escapes").Text);
        Assert.Equal("ab\n", Run(U("a\u0000\uFEFFb\n"), "--remove-controls").Text);
        Assert.Equal("a\nb\n", Run(U("a\r\nb\r"), "--line-breaks").Text);
        Assert.Equal("fine\n", Run(U("ﬁne\n"), "--ligatures").Text);
        Assert.Equal("ABC!\n", Run(U("ＡＢＣ！\n"), "--narrow-width").Text);
        Assert.Equal("\"a\" 'b'\n", Run(U("“a” ‘b’\n"), "--straight-quotes").Text);
        Assert.Equal(0, Run(U("x\n"), "--normalize", "nfkc", "--replace-surrogates", "--no-double-byte", "--max-layers", "3").Code);

        // A later flag overrides the preset.
        Assert.Equal("Tom & “Jerry”\n", Run(U("Tom &amp; “Jerry”\n"), "--html", "auto").Text);
        Assert.Equal("Tom &amp; \"Jerry\"\n", Run(U("Tom &amp; “Jerry”\n"), "--ftfy", "--html", "off").Text);
    }

    [Fact]
    public void Other_fixers_reach_json_lines_and_csv_cells_that_are_ascii()
    {
        Assert.Equal("{\"t\": \"Tom & Jerry\"}\n", Run(U("{\"t\": \"Tom &amp; Jerry\"}\n"), "--jsonl", "--html", "auto").Text);
        Assert.Equal("name\nTom & Jerry\n", Run(U("name\nTom &amp; Jerry\n"), "--csv", "--html", "auto").Text);

        // What a fixer writes is escaped or quoted as the format needs.
        Assert.Equal("{\"t\": \"say \\\"hi\\\"\"}\n", Run(U("{\"t\": \"say &quot;hi&quot;\"}\n"), "--jsonl", "--html", "auto").Text);
        Assert.Equal("name,n\n\"say \"\"hi\"\"\",1\n", Run(U("name,n\nsay “hi”,1\n"), "--csv", "--straight-quotes").Text);
    }

    [Fact]
    public void Check_and_explain_list_the_other_fixers_repairs()
    {
        string path = Write("f.txt", U("ok\nTom &amp; “Jerry”\n"));
        var r = Run(null, "--check", "--ftfy", path);
        Assert.Equal(1, r.Code);
        Assert.Equal($"{path}:2:5: HTML entity '&amp;' -> '&'\n{path}:2:11: curly quote '“' -> '\"'\n{path}:2:17: curly quote '”' -> '\"'\n", r.Text);
        Assert.Equal(0, Run(null, "--check", path).Code); // no damage without the fixers
    }

    [Fact]
    public void Fixer_flags_reject_bad_values()
    {
        foreach (string[] args in new[] { new[] { "--html", "maybe" }, ["--normalize", "nfx"], ["--max-layers", "0"], ["--max-layers", "17"] })
        {
            var r = Run(U("x\n"), args);
            Assert.Equal(2, r.Code);
            Assert.Contains(args[0], r.Stderr, StringComparison.Ordinal);
        }

        Assert.Contains("--ftfy", Run(null, "--help").Text, StringComparison.Ordinal);
    }
}
