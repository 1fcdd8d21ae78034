using System.Globalization;
using System.Text;
using MojibakeFix;
using MojibakeFix.Detection;
using MojibakeFix.Integration;

namespace MojibakeFix.Corpus;

/// <summary>
/// A differential soak run: documents of one to four catalog messages, each whole or from a random character on
/// damaged in one of the ways the accuracy report measures (or left clean), joined by assorted line breaks and
/// separators, now and then with an arbitrary UTF-16 unit; one document in 500 is a single line of 1,500–3,000
/// messages. Every entry point must agree on each, under one of seven option presets: <c>Fix</c> equals
/// <c>FixUtf8</c> (on the text as UTF-8 carries it), <c>FixAndExplain</c>'s text and a second <c>Fix</c> of the result
/// (idempotence); the span core and the UTF-8 core fed in random blocks, <see cref="MojibakeFixingTextReader"/> and
/// <see cref="MojibakeFixingStream"/> read in random amounts give the same, where no line is longer than the 64 K a
/// stream may cut a line at (its pieces are then judged apart, as documented); the explanation's steps rebuild the
/// result from the input; without the other fixers the result is no longer than the input, <c>Detect</c> finds
/// damage exactly where <c>Fix</c> changes the text, and a text <c>IsCertainlyClean</c> passes is unchanged; no call
/// throws. Run by <c>dotnet run -c Release --project tests/MojibakeFix.Accuracy -- --soak SEED COUNT [DIR]</c> (exit
/// code 1 on any disagreement, each shown, the first 40, and given DIR its input saved there as soak-SEED-N.utf16,
/// UTF-16LE so lone surrogates are kept) and, a short run, by <c>SoakTests</c>. A seed gives the same documents on
/// every machine with the same catalogs.
/// </summary>
public static class Soak
{
    private static readonly int[] SingleBytePages = [1250, 1251, 1253, 1254, 1257, 28592, 28595, 28597, 20866, 21866, 10000, 437, 850, 866];
    private static readonly int[] DoubleBytePages = [936, 932, 949, 950];
    private static readonly string[] Joins = ["\n", "\r\n", "\r", " ", "", "\t"];

    private static readonly FixOptions[] Presets =
    [
        FixOptions.Default, FixOptions.Ftfy, FixOptions.Default with { MaxLayers = 1 }, FixOptions.Default with { Lossy = LossyRepair.Leave },
        FixOptions.Default with { OtherCodePages = false }, FixOptions.Default with { DoubleByteCodePages = false },
        FixOptions.Default with { StraightenQuotes = true, NormalizeLineBreaks = true },
    ];

    public static int Run(int seed, int count, string? saveTo = null) => Run(seed, count, saveTo, Console.Out);

    /// <summary>The same run, its report written to <paramref name="log"/>; returns the exit code (0: no disagreement).</summary>
    public static int Run(int seed, int count, string? saveTo, TextWriter log)
    {
        if (!Catalogs.Available)
        {
            log.WriteLine($"no gettext catalogs under {Catalogs.Root}");
            return 2;
        }

        var random = new Random(seed);
        string[] messages = [.. Catalogs.Messages().Select(m => m.Text).Where(t => !Damage.LooksAlreadyDamaged(t)).Distinct()];
        Func<string, string>[] damages =
        [
            s => s, Damage.Cp1252, Damage.Latin1, s => Damage.Cp1252(s, 2), Damage.LostNoBreakSpace, Damage.PdfWinAnsi, Damage.LostLetters,
            s => Damage.CodePage(s, SingleBytePages[random.Next(SingleBytePages.Length)]),
            s => Damage.DoubleByte(s, DoubleBytePages[random.Next(DoubleBytePages.Length)]),
        ];

        int failures = 0, changed = 0;
        var perPreset = new int[Presets.Length];
        for (int n = 0; n < count; n++)
        {
            string text = Document(random, messages, damages);
            // The default options half the time: the other presets share the rest.
            int preset = random.Next(2) == 0 ? 0 : random.Next(Presets.Length);
            perPreset[preset]++;
            FixOptions options = Presets[preset];
            string fixedText;
            try
            {
                fixedText = Check(text, options, random, (what, expected, got) => Report($"{what}, preset {preset}", text, expected, got));
            }
            catch (Exception e)
            {
                Report("throws", text, "", e.ToString());
                continue;
            }

            changed += ReferenceEquals(fixedText, text) ? 0 : 1;
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}: {count:N0} documents from {messages.Length:N0} messages, {changed:N0} changed by Fix; per preset {string.Join(" / ", perPreset)}; {failures} disagreements"));
        return failures == 0 ? 0 : 1;

        void Report(string what, string input, string expected, string got)
        {
            if (saveTo is not null)
            {
                Directory.CreateDirectory(saveTo);
                // UTF-16LE, so a lone surrogate is kept as it was.
                File.WriteAllBytes(Path.Combine(saveTo, $"soak-{seed}-{failures + 1}.utf16"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(input.AsSpan()).ToArray());
            }

            if (++failures <= 40)
            {
                // Long texts are shown around the first difference.
                int first = 0;
                while (first < expected.Length && first < got.Length && expected[first] == got[first])
                {
                    first++;
                }

                int from = Math.Max(0, first - 100);
                log.WriteLine($"[{what}] (length {input.Length}, first difference at {first})\n  input:    {Shown(input)}\n"
                    + $"  expected: {Shown(expected[Math.Min(from, expected.Length)..])}\n  got:      {Shown(got[Math.Min(from, got.Length)..])}");
            }
        }
    }

    /// <summary>One document: messages damaged whole or from a random character on, joined.</summary>
    private static string Document(Random random, string[] messages, Func<string, string>[] damages)
    {
        var sb = new StringBuilder();
        // Now and then one line of hundreds of messages, past the 64 K a streamed block may cut a line at.
        bool longLine = random.Next(500) == 0;
        int parts = longLine ? 1500 + random.Next(1500) : 1 + random.Next(4);
        for (int p = 0; p < parts; p++)
        {
            string m = messages[random.Next(messages.Length)];
            if (longLine)
            {
                m = m.Replace('\n', ' ').Replace('\r', ' ');
            }

            Func<string, string> damage = damages[random.Next(damages.Length)];
            int cut = m.Length > 4 && random.Next(3) == 0 ? random.Next(1, m.Length) : 0;
            if (cut > 0 && char.IsLowSurrogate(m[cut]))
            {
                cut--;
            }

            sb.Append(m.AsSpan(0, cut)).Append(damage(m[cut..]));
            if (random.Next(20) == 0)
            {
                sb.Append((char)random.Next(0, 0x10000)); // lone surrogates, NULs and C1 controls too
            }

            sb.Append(longLine ? " " : Joins[random.Next(Joins.Length)]);
        }

        return sb.ToString();
    }

    /// <summary>Every entry point on <paramref name="text"/>; returns Fix's result.</summary>
    private static string Check(string text, FixOptions options, Random random, Action<string, string, string> fail)
    {
        string fixedText = Mojibake.Fix(text, options);
        string again = Mojibake.Fix(fixedText, options);
        if (again != fixedText)
        {
            fail("Fix twice", fixedText, again);
        }

        FixResult explanation = Mojibake.FixAndExplain(text, options);
        if (explanation.Text != fixedText)
        {
            fail("FixAndExplain", fixedText, explanation.Text);
        }

        // The steps, in input order and apart, each naming the input it replaced, rebuild the result from the input.
        var rebuilt = new StringBuilder();
        int at = 0;
        foreach (FixStep step in explanation.Steps)
        {
            if (step.Index < at || step.Index + step.Length > text.Length || text.Substring(step.Index, step.Length) != step.Original)
            {
                fail("FixAndExplain steps", $"a step within the input after {at}", $"{step.Index}+{step.Length} {Shown(step.Original)} -> {Shown(step.Replacement)}");
                break;
            }

            rebuilt.Append(text, at, step.Index - at).Append(step.Replacement);
            at = step.Index + step.Length;
        }

        if (rebuilt.Append(text, at, text.Length - at).ToString() != fixedText)
        {
            fail("FixAndExplain steps rebuilt", fixedText, rebuilt.ToString());
        }

        if (!options.HasFixers)
        {
            // Encoding repair alone: it never lengthens text, Detect reports damage exactly where Fix changes the
            // text, and a text IsCertainlyClean passes stays as it is.
            if (fixedText.Length > text.Length)
            {
                fail("Fix lengthened", text, fixedText);
            }

            bool detected = Mojibake.Detect(text, options).HasMojibake;
            if (detected == ReferenceEquals(fixedText, text))
            {
                fail("Detect", ReferenceEquals(fixedText, text) ? "no damage" : "damage", detected ? "damage" : "no damage");
            }

            if (Mojibake.IsCertainlyClean(text) && !ReferenceEquals(fixedText, text))
            {
                fail("IsCertainlyClean", text, fixedText);
            }
        }

        // Streaming cuts a line longer than StreamBoundary.LongLine inside, and judges its pieces apart (documented):
        // such documents are only checked in one call.
        bool cutInside = LongestLine(text, c => 1) > StreamBoundary.LongLine;
        bool cutInsideUtf8 = LongestLine(text, c => c < 0x80 ? 1 : c < 0x800 || char.IsSurrogate(c) ? 2 : 3) > StreamBoundary.LongLine;
        if (!cutInside)
        {
            string blocks = Feed.SpanCore(text, 1 + random.Next(300), options);
            if (blocks != fixedText)
            {
                fail("span core in blocks", fixedText, blocks);
            }

            using var reader = new MojibakeFixingTextReader(new StringReader(text), options, blockSize: 16 + random.Next(500));
            string read = reader.ReadToEnd();
            if (read != fixedText)
            {
                fail("MojibakeFixingTextReader", fixedText, read);
            }
        }

        // UTF-8 carries lone surrogates as U+FFFD: the byte paths are compared with Fix of the text so carried.
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        string carried = Encoding.UTF8.GetString(utf8);
        string expected = carried == text ? fixedText : Mojibake.Fix(carried, options);
        string viaUtf8 = Encoding.UTF8.GetString(Mojibake.FixUtf8(utf8, options));
        if (viaUtf8 != expected)
        {
            fail("FixUtf8", expected, viaUtf8);
        }

        if (!cutInsideUtf8)
        {
            string utf8Blocks = Feed.Utf8Core(utf8, 1 + random.Next(300), options);
            if (utf8Blocks != expected)
            {
                fail("UTF-8 core in blocks", expected, utf8Blocks);
            }
        }

        if (!cutInside && carried == text)
        {
            // The stream adapter, read in random amounts.
            using var stream = new MojibakeFixingStream(new MemoryStream(utf8), options);
            var read = new MemoryStream();
            var buffer = new byte[1 + random.Next(4096)];
            for (int n; (n = stream.Read(buffer, 0, 1 + random.Next(buffer.Length))) > 0;)
            {
                read.Write(buffer, 0, n);
            }

            string streamed = Encoding.UTF8.GetString(read.ToArray());
            if (streamed != fixedText)
            {
                fail("MojibakeFixingStream", fixedText, streamed);
            }
        }

        return fixedText;
    }

    /// <summary>The longest line of <paramref name="text"/> (a line ends after \n or \r), each character weighing <paramref name="size"/>.</summary>
    private static int LongestLine(string text, Func<char, int> size)
    {
        int longest = 0, current = 0;
        foreach (char c in text)
        {
            current = c is '\n' or '\r' ? 0 : current + size(c);
            longest = Math.Max(longest, current);
        }

        return longest;
    }

    private static string Shown(string s)
    {
        string shown = s.Length > 300 ? s[..300] + "…" : s;
        return shown.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
