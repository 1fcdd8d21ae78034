using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MojibakeFix.Corpus;
using MojibakeFix.Tests.Support;

namespace MojibakeFix.Tests;

/// <summary>FsCheck properties with fixed seeds, so a failure reproduces.</summary>
public class PropertyTests
{
    private static Config Runs(int count, ulong seed) => Config.QuickThrowOnFailure.WithMaxTest(count).WithReplay(seed, 0x9E3779B97F4A7C15);

    private static void Check<T>(Gen<T> gen, Func<T, bool> property, int count = 2000, ulong seed = 20261125) =>
        Prop.ForAll(gen.ToArbitrary(), property).Check(Runs(count, seed));

    private static bool Holds(string expected, string actual, string input)
    {
        if (expected == actual)
        {
            return true;
        }

        throw new Xunit.Sdk.XunitException($"input:    {Escape(input)}\nexpected: {Escape(expected)}\nactual:   {Escape(actual)}");
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c is < ' ' or (>= '\u007f' and < '\u00a0') ? $"\\u{(int)c:X4}" : c.ToString()));

    [Fact]
    public void A_windows_1252_damage_is_reversed() =>
        Check(TextGen.Sentence, s => Holds(s, Mojibake.Fix(Damage.Cp1252(s)), Damage.Cp1252(s)));

    [Fact]
    public void A_double_windows_1252_damage_is_reversed() =>
        Check(TextGen.Sentence, s => Holds(s, Mojibake.Fix(Damage.Cp1252(s, 2)), Damage.Cp1252(s, 2)));

    [Fact]
    public void A_latin1_damage_is_reversed() =>
        Check(TextGen.Sentence, s => Holds(s, Mojibake.Fix(Damage.Latin1(s)), Damage.Latin1(s)));

    [Fact]
    public void Clean_text_is_unchanged() =>
        Check(TextGen.Sentence, s => Holds(s, Mojibake.Fix(s), s), count: 5000);

    [Fact]
    public void Fixing_is_idempotent() =>
        Check(Gen.OneOf(TextGen.Sentence, TextGen.Sentence.Select(Damage.Cp1252), TextGen.AnyUtf16), s =>
        {
            string once = Mojibake.Fix(s);
            return Holds(once, Mojibake.Fix(once), s);
        });

    /// <summary>
    /// Each line, its break included, is repaired as a document of its own: a text of clean and damaged lines comes
    /// out as its lines fixed one by one, through the string, span and UTF-8 paths (the string path assembles the
    /// result from the repaired lines and the unchanged ones).
    /// </summary>
    [Fact]
    public void A_text_is_its_lines_fixed_one_by_one()
    {
        Gen<string> line = Gen.OneOf(TextGen.Sentence, TextGen.Sentence.Select(Damage.Cp1252), TextGen.Sentence.Select(t => Damage.Cp1252(t, 2)),
            TextGen.Sentence.Select(t => Damage.CodePage(t, 1251)), TextGen.AnyUtf16.Select(t => t.Replace('\r', ' ').Replace('\n', ' ')),
            TextGen.Sentence.Select(t => Damage.DoubleByte(t, 932)), TextGen.Sentence.Select(t => Damage.DoubleByte(t, 936)));
        Gen<string[]> lines = Gen.ListOf(Gen.Zip(line, Gen.Elements("\n", "\r\n", "\r", "")).Select(p => p.Item1 + p.Item2)).Select(l => l.ToArray());
        Check(lines, parts =>
        {
            string text = string.Concat(parts);
            string expected = string.Concat(SplitLines(text).Select(Mojibake.Fix));
            char[] span = new char[text.Length];
            bool fits = Mojibake.TryFix(text, span, out int written);
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            var writer = new System.Buffers.ArrayBufferWriter<byte>();
            Mojibake.FixUtf8(utf8, writer);
            return Holds(expected, Mojibake.Fix(text), text) && fits && Holds(expected, new string(span, 0, written), text)
                && (HasLoneSurrogate(text) || Holds(expected, Encoding.UTF8.GetString(writer.WrittenSpan), text));
        }, count: 500);
    }

    /// <summary>
    /// The same on real text misread as a double-byte code page: a damaged line (its break included) comes out of a
    /// text where another line precedes it as it does alone. The string path once checked whether the double-byte pass
    /// could read such a line without its break, and so left a line whose last marker stands for a character taken
    /// along with the break's lead (<c>[CAMﾃ江</c> for <c>[CAMÍ]</c>) where the line alone, and the UTF-8 path, repaired it.
    /// </summary>
    [CatalogFact]
    public void A_double_byte_damaged_line_is_repaired_alike_after_another_line()
    {
        int checkedLines = 0;
        var differing = new List<string>();
        foreach (var m in Catalogs.Messages().Where((_, i) => i % 13 == 0))
        {
            foreach (int codePage in (int[])[932, 936])
            {
                string line = Damage.DoubleByte(m.Text, codePage);
                if (line.AsSpan().IndexOfAny('\n', '\r') >= 0)
                {
                    continue;
                }

                line += "\n";
                checkedLines++;
                if (Mojibake.Fix("x\n" + line) != "x\n" + Mojibake.Fix(line))
                {
                    differing.Add(line);
                }
            }
        }

        Assert.True(checkedLines > 10000, $"only {checkedLines} lines checked");
        Assert.Empty(differing);
    }

    /// <summary>
    /// Idempotence on long lines of catalog messages, each whole or in part misread in one of many ways, joined by
    /// spaces. A repair may restore a line break a double-byte marker swallowed in the middle of such a line (。 and
    /// the break read as 銆?); the line is then two, which a second Fix repaired each on its own evidence (a C1 control
    /// mapped as MacRoman once the rest of the old line no longer outvoted it), so the first Fix now does the same.
    /// </summary>
    [CatalogFact]
    public void Fixing_long_lines_of_mixed_damage_is_idempotent()
    {
        string[] messages = [.. Catalogs.Messages().Where((_, i) => i % 7 == 0).Select(m => m.Text.Replace('\n', ' ').Replace('\r', ' '))];
        var random = new Random(5);
        int[] doubleByte = [936, 932, 949, 950], singleByte = [1250, 1251, 1253, 1254, 1257, 28592, 28595, 28597, 20866, 21866, 10000, 437, 850, 866];
        Func<string, string>[] damages =
        [
            s => s, Damage.Cp1252, Damage.Latin1, s => Damage.Cp1252(s, 2), Damage.LostNoBreakSpace, Damage.PdfWinAnsi, Damage.LostLetters,
            s => Damage.CodePage(s, singleByte[random.Next(singleByte.Length)]), s => Damage.DoubleByte(s, doubleByte[random.Next(doubleByte.Length)]),
        ];
        FixOptions[] presets = [FixOptions.Default, FixOptions.Default with { OtherCodePages = false }];
        var unstable = new List<string>();
        for (int n = 0; n < 12; n++)
        {
            var line = new StringBuilder();
            for (int k = 0; k < 2000; k++)
            {
                line.Append(damages[random.Next(damages.Length)](messages[random.Next(messages.Length)])).Append(' ');
            }

            string text = line.ToString();
            foreach (FixOptions options in presets)
            {
                string once = Mojibake.Fix(text, options);
                FixResult explained = Mojibake.FixAndExplain(text, options);
                if (Mojibake.Fix(once, options) != once || explained.Text != once || Rebuilt(text, explained.Steps) != once)
                {
                    unstable.Add($"line {n}, OtherCodePages {options.OtherCodePages}");
                }
            }
        }

        Assert.Empty(unstable);
    }

    /// <summary>
    /// The explanation of a line of Windows-1250, ISO-8859-5 and Shift_JIS damage (shrunk from a soak run's 143,000
    /// characters) rebuilds its text: a further other-code-page layer read a lead and the space after it as one
    /// letter whose no-break space was lost (в and a space → Ҡ), which the steps, redone one replacement at a time,
    /// did not show.
    /// </summary>
    [Fact]
    public void The_steps_of_a_further_layer_rebuild_the_text()
    {
        string text = "Đ˛Đž ŕŞµŕŞżŕŞ\u00ADŕŞľŕŞśŕŞ•ŕ«‹ŕŞ¨ŕ«€ ŕŞŞŕŞąŕ«‹ŕŞłŕŞľŕŞ\u0088 ﾐｼﾐｵﾑ・ひｾﾐｿﾐｾﾐｻﾐｾﾐｶﾐｵﾐｽﾐｸﾐｵ, ﾐｲ ";
        FixResult explained = Mojibake.FixAndExplain(text);
        Assert.Equal(Mojibake.Fix(text), explained.Text);
        Assert.Equal(explained.Text, Rebuilt(text, explained.Steps));
    }

    /// <summary>The input with each step's replacement written over the input it names (steps in input order).</summary>
    private static string Rebuilt(string input, IReadOnlyList<FixStep> steps)
    {
        var sb = new StringBuilder();
        int at = 0;
        foreach (FixStep step in steps)
        {
            if (step.Index < at || step.Index + step.Length > input.Length)
            {
                return "(steps out of order or range)";
            }

            sb.Append(input, at, step.Index - at).Append(step.Replacement);
            at = step.Index + step.Length;
        }

        return sb.Append(input, at, input.Length - at).ToString();
    }

    /// <summary>The lines of a text as the engine cuts them: each ends after a \n or a \r.</summary>
    private static IEnumerable<string> SplitLines(string text)
    {
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    [Fact]
    public void Any_string_gives_valid_utf16_and_no_exception() =>
        Check(TextGen.AnyUtf16, s =>
        {
            string fixedText = Mojibake.Fix(s);
            bool inputValid = !HasLoneSurrogate(s);
            return (!inputValid || !HasLoneSurrogate(fixedText)) && fixedText.Length <= s.Length
                && Mojibake.FixAndExplain(s).Text == fixedText;
        }, count: 5000);

    [Fact]
    public void A_clean_part_beside_a_damaged_part_comes_back_clean_and_repaired() =>
        Check(TextGen.Sentence.Zip(TextGen.Sentence), t =>
        {
            var (clean, other) = (t.Item1, t.Item2);
            string input = clean + " " + Damage.Cp1252(other);
            return Holds(clean + " " + other, Mojibake.Fix(input), input);
        });

    private static bool HasLoneSurrogate(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }
}
