using FsCheck;
using FsCheck.Fluent;
using MojibakeFix.CodePages;
using MojibakeFix.Corpus;
using MojibakeFix.Lossy;
using MojibakeFix.Repair;
using MojibakeFix.Tests.Support;

namespace MojibakeFix.Tests;

/// <summary>
/// The whole-text suspect scan of the double-byte pass finds, at every vector width, a position in exactly the
/// first line that <see cref="DoubleByteCodePages.HasSuspect"/> finds suspect on its own. Every width runs here,
/// 512 included: the vector API falls back to software where the CPU lacks it, so CI covers every path.
/// </summary>
public class DoubleByteSuspectTests
{
    public static TheoryData<int> AllWidths() => [0, 128, 256, 512];

    private static readonly char Common = CjkFrequency.CharAt(0);
    private static readonly char Rare = (char)Enumerable.Range(0x4E00, 0x5000).First(c => !CjkFrequency.IsCommon(c));

    // A common character some code page reads from the start of a UTF-8 character (茅 is C3 A9 in GBK): a short
    // stretch beside a letter that starts with one is a suspect, one that starts with Common (的, B5 C4) is not.
    private static readonly char Image = (char)Enumerable.Range(0x4E00, 0x5200)
        .First(c => CjkFrequency.IsCommon(c) && DoubleByteCodePage.IsUtf8StartImage((char)c));

    /// <summary>The first line from <paramref name="from"/> that the per-line test finds suspect, as its [start, end).</summary>
    private static (int Start, int End) Reference(string s, int from)
    {
        for (int start = from; start <= s.Length;)
        {
            int end = s.AsSpan(start).IndexOfAny('\n', '\r');
            end = end < 0 ? s.Length : start + end;
            if (DoubleByteCodePages.HasSuspect(s.AsSpan(start, end - start)))
            {
                return (start, end);
            }

            if (end == s.Length)
            {
                break;
            }

            start = end + 1;
        }

        return (-1, -1);
    }

    private static bool Agrees(string s, int from, int width)
    {
        int found = DoubleByteSuspects.IndexOfSuspect(s, from, width);
        (int start, int end) = Reference(s, from);
        return start < 0 ? found == -1 : found >= start && found < end;
    }

    private static IEnumerable<int> LineStarts(string s)
    {
        yield return 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] is '\n' or '\r')
            {
                yield return i + 1;
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void A_rare_character_is_found_at_every_offset_and_length(int width)
    {
        for (int length = 1; length <= 70; length++)
        {
            for (int at = 0; at < length; at++)
            {
                string s = new string(Common, at) + Rare + new string(Common, length - at - 1);
                Assert.Equal(at, DoubleByteSuspects.IndexOfSuspect(s, 0, width));
            }

            Assert.Equal(-1, DoubleByteSuspects.IndexOfSuspect(new string(Common, length), 0, width));
        }
    }

    /// <summary>
    /// A short stretch beside a letter (Caf + CJK) at every offset, so it straddles every block boundary, with
    /// and without a CJK character earlier in its line, and with a line break between.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllWidths))]
    public void A_stretch_beside_a_letter_counts_only_after_a_cjk_character_of_its_line(int width)
    {
        string[] stretches =
        [
            $"Caf{Image}s", $"Caf{Image}", $"aé{Image}b", $"a{Image}éèàb", $"aéèà{Image}b", $"aéèê{Image}b", $"x{Image}{Image}{Image}{Image}{Image}y",
            $"Caf{Common}s", $"a{Common}éèàb",
        ];
        string[] before = ["", $"{Common} ", $"{Common}\n", $"{Common}\r", $"{Common}{Common}. "];
        foreach (string stretch in stretches)
        {
            foreach (string head in before)
            {
                for (int at = 0; at < 70; at++)
                {
                    string s = head + new string('-', at) + stretch + new string('-', 70 - at);
                    Assert.True(Agrees(s, 0, width), $"{width}: {s}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void Clean_multilingual_text_has_no_suspect(int width)
    {
        string s = string.Concat(Enumerable.Repeat($"più été déjà vu, Zürich, привет, ελληνικά, {Common}{Common}{Common}。\n", 40));
        Assert.Equal(-1, DoubleByteSuspects.IndexOfSuspect(s, 0, width));
    }

    private static readonly Gen<string> Lines = Gen.ArrayOf(Gen.Elements(
            "a", "Caf", " ", "\n", "\r", "é", "ñ", "П", "ω", "-", "x", ".", Common.ToString(), Rare.ToString(), "の", "한", "。", "日本", "\uFF01", Image.ToString()))
        .Select(parts => string.Concat(parts));

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void Random_lines_agree_with_the_per_line_test(int width) =>
        Prop.ForAll(Gen.OneOf(Lines, TextGen.AnyUtf16, TextGen.Sentence, Lines.Select(l => l + l + l)).ToArbitrary(), s =>
            LineStarts(s).All(from => Agrees(s, from, width)))
        .Check(Config.QuickThrowOnFailure.WithMaxTest(2000).WithReplay(780, 0x9E3779B97F4A7C15));

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void Double_byte_damage_is_found_like_the_per_line_test(int width) =>
        Prop.ForAll(Gen.Elements(936, 932, 949, 950).SelectMany(cp => TextGen.Sentence.Select(t => Damage.DoubleByte(t, cp))).ToArbitrary(), s =>
            LineStarts(s).All(from => Agrees(s, from, width)))
        .Check(Config.QuickThrowOnFailure.WithMaxTest(300).WithReplay(781, 0x9E3779B97F4A7C15));
}
