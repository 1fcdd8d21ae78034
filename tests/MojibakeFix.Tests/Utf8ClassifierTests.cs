using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MojibakeFix.CodePages;
using MojibakeFix.Corpus;
using MojibakeFix.Detection;
using MojibakeFix.Lossy;
using MojibakeFix.Repair;
using MojibakeFix.Tests.Support;

namespace MojibakeFix.Tests;

/// <summary>
/// The UTF-8 byte classifier against the UTF-16 searches of the engine: decoded, searched as UTF-16 and mapped back,
/// every position any pass's search stops at is one the classifier flags (exactly, character by character, at
/// every vector width), every line the engine visits is a line the classifier flags, and the byte path of
/// <see cref="Mojibake.FixUtf8{TWriter}(ReadOnlySpan{byte}, TWriter, FixOptions?)"/> gives what decoding the whole
/// input gives. Every width runs, 512 included (in software where the CPU lacks it).
/// </summary>
public class Utf8ClassifierTests
{
    public static TheoryData<int> AllWidths() => [0, 128, 256, 512];

    private static Config Runs(int count, ulong seed) => Config.QuickThrowOnFailure.WithMaxTest(count).WithReplay(seed, 0x9E3779B97F4A7C15);

    private static void Check<T>(Gen<T> gen, Func<T, bool> property, int count = 1500, ulong seed = 20261201) =>
        Prop.ForAll(gen.ToArbitrary(), property).Check(Runs(count, seed));

    private static readonly Utf8Passes[] s_passes =
        [Utf8Passes.All, Utf8Passes.Windows1252, Utf8Passes.Windows1252 | Utf8Passes.OtherCodePages, Utf8Passes.Windows1252 | Utf8Passes.DoubleByte];

    private static readonly char s_common = CjkFrequency.CharAt(0);

    // A common character some code page reads from the start of a UTF-8 character: only a short stretch that
    // starts with one is a suspect (s_common, 的, is B5 C4 in GBK, which no UTF-8 character starts with).
    private static readonly char s_image = (char)Enumerable.Range(0x4E00, 0x5200)
        .First(c => CjkFrequency.IsCommon(c) && DoubleByteCodePage.IsUtf8StartImage((char)c));
    private static readonly char s_rare = (char)Enumerable.Range(0x4E00, 0x5000).First(c => !CjkFrequency.IsCommon(c));

    // Full-width forms (EF BC–BF in UTF-8), which the vectors send to the frequency table as they do CJK: a common
    // one (，) and one the table does not rank.
    private static readonly char s_commonFullWidth = (char)Enumerable.Range(0xFF01, 0xEF).First(c => CjkFrequency.IsCommon(c));
    private static readonly char s_rareFullWidth = (char)Enumerable.Range(0xFF01, 0xEF).First(c => !CjkFrequency.IsCommon(c));

    /// <summary>
    /// Characters around every edge the classifier's byte sets draw: C1 controls, the leads and followers of
    /// Windows-1252 damage, the Windows-1252 specials, Latin Extended, Greek and Cyrillic letters and the symbols
    /// beside them, box drawing, Mac private use, CJK (common and rare), Hangul, U+FFFD, U+FFF0+, an emoji.
    /// </summary>
    private static readonly string[] s_pieces =
    [
        "a", "Z", "e", " ", " ", "?", "?", "\n", "\r", "1", ".", "-", "'", "\u0080", "\u0081", "\u009F", "\u00A0", "\u00AB", "\u00BB", "©",
        "Â", "Ã", "Ä", "Å", "Æ", "Ð", "ß", "à", "â", "é", "ð", "ô", "õ", "ö", "÷", "ø", "ÿ", "Á", "Ï", "Ò", "ç", "ã",
        "Œ", "œ", "Š", "š", "Ž", "ž", "Ÿ", "ƒ", "ˆ", "˜", "–", "—", "‘", "’", "‚", "“", "”", "„", "†", "‡", "•", "…", "‰", "‹", "›", "€", "™",
        "ā", "ł", "ő", "ŉ", "ſ", "ƀ", "Ɠ", "ơ", "ư", "ʼ", "ˇ", "˝", "΄", "΅", "Ά", "·", "Έ", "Α", "Ω", "ά", "ί", "α", "π", "ς", "ω", "ώ", "ϐ", "϶",
        "Ё", "Ђ", "Ѓ", "Є", "А", "П", "Я", "а", "о", "р", "я", "ѐ", "ё", "ђ", "є", "і", "ї", "џ", "Ѡ", "ѿ", "҂", "\u0483", "Ґ", "ґ", "Ғ", "ӿ", "Ԁ",
        "א", "ب", "क", "ก", "ệ", "\u2013", "\u2020", "\u2026", "\u2122", "√", "∂", "≈", "─", "╬", "█", "◊", "○",
        "\uF8FF", "\uF7C2", "ﬁ", "ﬂ", "\uFFFD", "\uFFF0", "\uFFFF", "、", "。", "の", "日", "本", "語", "한", "국", "\uFF01", "\uFFE5", "\uFF0C", "\uFF08", "\uFF5E", "\uFFEE", "\uFEFF",
        s_common.ToString(), s_image.ToString(), s_rare.ToString(), "\U0001F600", "\U00020000",
    ];

    /// <summary>Adversarial text: the pieces above in any order, and realistic sentences, clean or damaged every way.</summary>
    private static readonly Gen<string> s_text = Gen.Frequency(
        (4, Gen.Choose(0, 90).SelectMany(n => Gen.ArrayOf(Gen.Elements(s_pieces), n)).Select(string.Concat)),
        (2, TextGen.Sentence),
        (2, TextGen.Sentence.Select(Damage.Cp1252)),
        (1, TextGen.Sentence.Select(Damage.Latin1)),
        (1, TextGen.Sentence.Zip(Gen.Elements(1251, 1250, 1253, 437, 850, 10000, 20866, 28595)).Select(t => Damage.CodePage(t.Item1, t.Item2))),
        (1, TextGen.Sentence.Zip(Gen.Elements(936, 932, 949, 950)).Select(t => Damage.DoubleByte(t.Item1, t.Item2))),
        (1, TextGen.Sentence.Zip(Gen.Elements(1251, 20866, 1253)).Select(t => Damage.LegacyAsCp1252(t.Item1, t.Item2) ?? t.Item1)),
        (1, Gen.ArrayOf(TextGen.Sentence, 3).Zip(Gen.Elements("\n", "\r\n", " ")).Select(t => string.Join(t.Item2, t.Item1.Select((x, k) => k == 1 ? Damage.Cp1252(x) : x)))));

    /// <summary>Valid UTF-16 only (lone surrogates are not UTF-8): they are replaced, as the encoder would.</summary>
    private static string Valid(string s) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s));

    /// <summary>
    /// The UTF-16 definition, at character <paramref name="i"/>: where the candidate scan, the pair test or the
    /// legacy-run search stops, or a CJK-range character that makes its text suspect to the double-byte pass.
    /// </summary>
    private static bool Reference(string s, int i, Utf8Passes passes)
    {
        if (CandidateScanner.IsCandidateAt(s, i))
        {
            return true;
        }

        if ((passes & Utf8Passes.OtherCodePages) != 0)
        {
            if (i + 1 < s.Length && OtherCodePages.IsPairAt(s, i))
            {
                return true;
            }

            if (i + 3 < s.Length && s.AsSpan(i, 4).IndexOfAnyExceptInRange('\u00C0', '\u00FF') < 0)
            {
                return true;
            }
        }

        if ((passes & Utf8Passes.DoubleByte) != 0 && s[i] is >= DoubleByteCodePages.First and <= DoubleByteCodePages.Last)
        {
            if (!CjkFrequency.IsCommon(CjkFrequency.CommonBits, s[i]))
            {
                return true;
            }

            int start = i;
            while (start > 0 && s[start - 1] >= 0x80)
            {
                start--;
            }

            return DoubleByteCodePages.IsShortStretchBesideLetter(s, start);
        }

        return false;
    }

    /// <summary>Each character's byte offset and UTF-16 index, in order.</summary>
    private static List<(int Byte, int Char)> Starts(string s)
    {
        var starts = new List<(int, int)>();
        int b = 0;
        for (int i = 0; i < s.Length; i += char.IsSurrogatePair(s, i) ? 2 : 1)
        {
            starts.Add((b, i));
            b += Encoding.UTF8.GetByteCount(s.AsSpan(i, char.IsSurrogatePair(s, i) ? 2 : 1));
        }

        return starts;
    }

    private static bool AgreesEverywhere(string text)
    {
        string s = Valid(text);
        byte[] utf8 = Encoding.UTF8.GetBytes(s);
        var starts = Starts(s);
        foreach (Utf8Passes passes in s_passes)
        {
            var expected = new List<int>();
            foreach ((int b, int c) in starts)
            {
                bool reference = Reference(s, c, passes);
                if (reference != Utf8Classifier.IsSuspectAt(utf8, b, passes))
                {
                    throw new Xunit.Sdk.XunitException($"{passes} at byte {b} (char {c}, U+{(int)s[c]:X4}): expected {reference} in {Escape(s)}");
                }

                if (reference)
                {
                    expected.Add(b);
                }
            }

            for (int k = 0; k < starts.Count; k += 1 + (k % 5))
            {
                int from = starts[k].Byte;
                int first = expected.FirstOrDefault(x => x >= from, -1);
                foreach (int width in new[] { 0, 128, 256, 512 })
                {
                    int found = Utf8Classifier.IndexOfSuspect(utf8, from, passes, width);
                    if (found != first)
                    {
                        throw new Xunit.Sdk.XunitException($"{passes}, width {width}, from {from}: found {found}, expected {first} in {Escape(s)}");
                    }
                }
            }
        }

        return true;
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c is < ' ' or >= '\u007f' ? $"\\u{(int)c:X4}" : c.ToString()));

    [Fact]
    public void Every_width_flags_exactly_the_characters_the_utf16_definitions_flag() => Check(s_text, AgreesEverywhere);

    [Fact]
    public void Every_two_character_sequence_of_the_pieces_is_classified_exactly_in_every_context()
    {
        // Pairs of pieces, with a piece before and two after, cover every (prev, a, b, c) the pair test reads.
        var random = new Random(4);
        foreach (string a in s_pieces)
        {
            foreach (string b in s_pieces)
            {
                string before = s_pieces[random.Next(s_pieces.Length)], after = s_pieces[random.Next(s_pieces.Length)];
                AgreesEverywhere(before + a + b + after + s_pieces[random.Next(s_pieces.Length)]);
            }
        }
    }

    /// <summary>
    /// The byte sets the vector paths narrow a lead's followers to drop no suspect: after a lead of each kind (every
    /// Windows-1252 lead, a C1 control, symbols, Greek, Cyrillic and Latin letters), every character outside the CJK
    /// range is classified as the UTF-16 definitions classify it, at every width.
    /// </summary>
    [Fact]
    public void Every_follower_of_a_lead_is_classified_as_the_utf16_definitions_classify_it()
    {
        var leads = new List<char>();
        for (char c = '\u00C2'; c <= '\u00F4'; c++)
        {
            leads.Add(c);
        }

        leads.AddRange("\u0080\u00A0«»·±µ¬αλπΩЖрафЁђđŽž’–€\uF8FF");
        string prefix = new string('x', 40) + " ", suffix = " " + new string('x', 80);
        var failures = new List<string>();
        foreach (char a in leads)
        {
            for (int b = 0x80; b <= 0xFFFF && failures.Count < 5; b++)
            {
                if (b is >= DoubleByteCodePages.First and < 0xF7C0 || char.IsSurrogate((char)b))
                {
                    continue;
                }

                string s = prefix + a + (char)b + suffix;
                byte[] utf8 = Encoding.UTF8.GetBytes(s);
                int at = prefix.Length, second = at + Encoding.UTF8.GetByteCount(a.ToString());
                int expected = Reference(s, at, Utf8Passes.All) ? at : Reference(s, at + 1, Utf8Passes.All) ? second : -1;
                foreach (int width in (int[])[0, 128, 256, 512])
                {
                    int found = Utf8Classifier.IndexOfSuspect(utf8, 0, Utf8Passes.All, width);
                    if (found != expected)
                    {
                        failures.Add($"{a}{(char)b} (U+{(int)a:X4} U+{b:X4}), width {width}: {found} vs {expected}");
                    }
                }
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void A_suspect_is_found_at_every_offset_across_the_vector_edges(int width)
    {
        string[] suspects = ["Ã©", "\u0081", "â€™", "Ð¿", "ÃÃÃÃ", "Ã?a", "Ã ", "é \u0081", s_rare.ToString(), "a" + s_common, "a" + s_image, "Г‚", "\U0001F600", "…»",
            s_rareFullWidth.ToString(), "a" + s_commonFullWidth, "\uFFFD", "\uF8F0"];
        string[] fillers = ["a", "é", "я", "日", "α", "日" + s_commonFullWidth];
        foreach (string filler in fillers)
        {
            foreach (string suspect in suspects)
            {
                for (int at = 0; at < 140; at += 1)
                {
                    string s = Valid(string.Concat(Enumerable.Repeat(filler, at)) + " " + suspect + " " + string.Concat(Enumerable.Repeat(filler, 70)));
                    byte[] utf8 = Encoding.UTF8.GetBytes(s);
                    int expected = Starts(s).Where(t => Reference(s, t.Char, Utf8Passes.All)).Select(t => t.Byte).DefaultIfEmpty(-1).First();
                    Assert.Equal(expected, Utf8Classifier.IndexOfSuspect(utf8, 0, Utf8Passes.All, width));
                }
            }
        }
    }

    /// <summary>
    /// The vector paths look at common CJK characters one by one only where an ASCII letter touches non-ASCII text
    /// near the vector: short and long stretches, beside a letter on either side or only near one (a space or a
    /// digit between), at every offset across the vector edges, in CJK, Hangul, accented and ASCII surroundings.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllWidths))]
    public void A_short_stretch_beside_a_letter_is_found_at_every_offset(int width)
    {
        string c = s_image.ToString(), common = s_common.ToString();
        string[] stretches = [c, c + c, c + c + c + c, c + c + c + c + c, "é" + c, c + "\U0001F600", "한국", "、" + c + "。", c + s_rare, common, common + c];
        string[] sides = ["x{0}", "{0}x", "x{0}y", " {0}x", "x {0}", "1{0}2", "x1{0}", "{0} y", "xé{0}", "{0}éy"];
        string[] fillers = ["日", "한", "é", "a ", "1", c + " "];
        foreach (string filler in fillers)
        {
            foreach (string stretch in stretches)
            {
                foreach (string side in sides)
                {
                    string piece = string.Format(System.Globalization.CultureInfo.InvariantCulture, side, stretch);
                    for (int at = 0; at < 80; at++)
                    {
                        string s = Valid(string.Concat(Enumerable.Repeat(filler, at)) + piece + string.Concat(Enumerable.Repeat(filler, 60)));
                        byte[] utf8 = Encoding.UTF8.GetBytes(s);
                        int expected = Starts(s).Where(t => Reference(s, t.Char, Utf8Passes.All)).Select(t => t.Byte).DefaultIfEmpty(-1).First();
                        int found = Utf8Classifier.IndexOfSuspect(utf8, 0, Utf8Passes.All, width);
                        if (found != expected)
                        {
                            throw new Xunit.Sdk.XunitException($"width {width}: found {found}, expected {expected} in {Escape(s)}");
                        }
                    }
                }
            }
        }
    }

    private static readonly char s_rareHangul = (char)Enumerable.Range(0xAC00, 0xD7A4 - 0xAC00).First(c => !CjkFrequency.IsCommon(c));

    /// <summary>The first byte the UTF-16 definitions flag in <paramref name="s"/>, or -1.</summary>
    private static int FirstExpected(string s) =>
        Starts(s).Where(t => Reference(s, t.Char, Utf8Passes.All)).Select(t => t.Byte).DefaultIfEmpty(-1).First();

    private static void AssertFirst(string s, int width)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(s);
        int expected = FirstExpected(s), found = Utf8Classifier.IndexOfSuspect(utf8, 0, Utf8Passes.All, width);
        if (found != expected)
        {
            throw new Xunit.Sdk.XunitException($"width {width}: found {found}, expected {expected} in {Escape(s)}");
        }
    }

    /// <summary>
    /// The vector paths test the frequency table on each CJK lane's bytes: a rare character (CJK, Hangul,
    /// full-width, two in a row) at every byte offset of dense text made of 1,200 different common characters (none
    /// of which may be flagged), with and without a Latin letter before it, so it falls on every lane of every width.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllWidths))]
    public void A_rare_character_is_found_at_every_byte_offset_of_dense_cjk_text(int width)
    {
        string[] rares = [s_rare.ToString(), s_rareHangul.ToString(), s_rareFullWidth.ToString(), s_rare + "" + s_rareHangul];
        string commons = string.Concat(Enumerable.Range(0, 1300).Select(CjkFrequency.CharAt).Where(c => c is >= DoubleByteCodePages.First and <= DoubleByteCodePages.Last));
        foreach (string rare in rares)
        {
            foreach (string align in (string[])["", "1", "12", "x"])
            {
                for (int from = 0; from + 100 <= commons.Length; from += 100)
                {
                    for (int at = 0; at < 40; at++)
                    {
                        AssertFirst(align + commons.Substring(from, at) + rare + commons.Substring(from + at, 60) + "\n", width);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Every character of the double-byte range the table does not rank (about 48,000) is found, on a lane that
    /// moves with it across every lane of every width, after common characters no width may flag.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllWidths))]
    public void Every_rare_character_of_the_range_is_found_on_every_lane(int width)
    {
        string commons = string.Concat(Enumerable.Range(0, 200).Select(CjkFrequency.CharAt).Where(c => c is >= DoubleByteCodePages.First and <= DoubleByteCodePages.Last));
        string after = commons[..40] + "\n";
        var failures = new List<string>();
        int n = 0;
        for (int c = DoubleByteCodePages.First; c <= DoubleByteCodePages.Last && failures.Count < 5; c++)
        {
            if (char.IsSurrogate((char)c) || CjkFrequency.IsCommon(c))
            {
                continue;
            }

            // 0-2 digits and 0-69 three-byte characters before it: every byte offset up to 209.
            string before = new string('1', n % 3) + commons[..(n / 3 % 70)];
            n++;
            byte[] utf8 = Encoding.UTF8.GetBytes(before + (char)c + after);
            int expected = Encoding.UTF8.GetByteCount(before), found = Utf8Classifier.IndexOfSuspect(utf8, 0, Utf8Passes.All, width);
            if (found != expected)
            {
                failures.Add($"U+{c:X4} at byte {expected}: found {found}");
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>
    /// The stretch lanes come from bit masks of the vector and the 16 bytes either side, with stretches of up to 12
    /// bytes counted short (four UTF-16 characters at most take 12): stretches of 8 to 15 bytes whose character count
    /// and byte count disagree (two-byte letters among three-byte CJK, an emoji), a letter before, after or on neither
    /// side, at every byte offset across the vector edges, in ASCII, Hangul and accented surroundings.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllWidths))]
    public void A_stretch_of_mixed_widths_beside_a_letter_is_judged_at_every_byte_offset(int width)
    {
        string c = s_image.ToString(), h = "한";
        string[] stretches =
        [
            c + "é" + c, c + "éé" + c, c + "ééé", c + "éééé", c + c + "éé", c + c + c + "é", c + c + c + "éé", c + c + c + c, c + c + c + c + "é",
            h + c + c + c, h + "é" + c, "é" + c + c + c, c + "😀" + c, c + c + c + c + c,
        ];
        string[] sides = ["x{0}", "{0}x", "x{0}y", " {0} y", "Ab{0}.", "x {0}"];
        string[] fillers = ["1", "한", "é"];
        foreach (string filler in fillers)
        {
            foreach (string stretch in stretches)
            {
                foreach (string side in sides)
                {
                    string piece = string.Format(System.Globalization.CultureInfo.InvariantCulture, side, stretch);
                    for (int at = 0; at < (filler == "1" ? 100 : 40); at++)
                    {
                        AssertFirst(Valid(string.Concat(Enumerable.Repeat(filler, at)) + piece + string.Concat(Enumerable.Repeat(filler, 50))), width);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The engine's own searches over the decoded text (the vector widths it runs at), mapped back to lines: a line
    /// any of them stops in holds a position the classifier flags.
    /// </summary>
    [Fact]
    public void Every_line_an_engine_search_visits_is_a_line_the_classifier_flags() => Check(s_text.Zip(s_text).Select(t => t.Item1 + "\n" + t.Item2), text =>
    {
        string s = Valid(text);
        byte[] utf8 = Encoding.UTF8.GetBytes(s);
        int lineStart = 0, byteStart = 0;
        while (lineStart <= s.Length)
        {
            int lineEnd = s.AsSpan(lineStart).IndexOfAny('\n', '\r');
            lineEnd = lineEnd < 0 ? s.Length : lineStart + lineEnd + 1;
            int byteEnd = byteStart + Encoding.UTF8.GetByteCount(s.AsSpan(lineStart, lineEnd - lineStart));
            bool visited = Within(CandidateScanner.IndexOfCandidate(s, lineStart), lineEnd)
                || Within(OtherCodePages.IndexOfPair(s, lineStart, OtherCodePages.PairWidth), lineEnd)
                || Within(LegacyText.IndexOfCandidate(s, lineStart), lineEnd)
                || Within(LostLetters.IndexOfCandidate(s, lineStart), lineEnd)
                || DoubleByteCodePages.HasSuspect(s.AsSpan(lineStart, lineEnd - lineStart));
            foreach (int width in new[] { 0, 128, 256, 512 })
            {
                int found = Utf8Classifier.IndexOfSuspect(utf8, byteStart, Utf8Passes.All, width);
                if (visited && !(found >= byteStart && found < byteEnd))
                {
                    throw new Xunit.Sdk.XunitException($"width {width}: line [{lineStart}, {lineEnd}) not flagged in {Escape(s)}");
                }
            }

            if (lineEnd == s.Length)
            {
                break;
            }

            (lineStart, byteStart) = (lineEnd, byteEnd);
        }

        return true;

        static bool Within(int hit, int end) => hit >= 0 && hit < end;
    });

    [Fact]
    public void Every_character_a_code_page_pairs_begins_with_a_byte_the_vector_sets_hold()
    {
        // The vector masks test first bytes: every character with a lead mask starts with C2–C6, CE, CF, D0, D1, E2
        // or EF; every one with a continuation mask with C2–C6, CA, CB, CE–D2, E2 or EF.
        ReadOnlySpan<ushort> lead = SingleByteCodePage.LeadMasks, continuation = SingleByteCodePage.ContinuationMasks;
        Span<byte> bytes = stackalloc byte[4];
        for (int c = 0x80; c <= 0xFFFF; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                Assert.True(lead[c] == 0 && continuation[c] == 0);
                continue;
            }

            new Rune(c).EncodeToUtf8(bytes);
            if (lead[c] != 0)
            {
                Assert.True(bytes[0] is (>= 0xC2 and <= 0xC6) or 0xCE or 0xCF or 0xD0 or 0xD1 or 0xE2 or 0xEF, $"lead U+{c:X4}");

                // The full-width forms (EF BC–BF) go to the double-byte test alone: no pair starts there.
                Assert.False(bytes[0] == 0xEF && bytes[1] >= 0xBC, $"lead U+{c:X4}");
            }

            if (continuation[c] != 0)
            {
                Assert.True(bytes[0] is (>= 0xC2 and <= 0xC6) or 0xCA or 0xCB or (>= 0xCE and <= 0xD2) or 0xE2 or 0xEF, $"continuation U+{c:X4}");
            }
        }

        for (int c = 0xD800; c <= 0xDFFF; c++)
        {
            Assert.False(CjkFrequency.IsCommon(CjkFrequency.CommonBits, (char)c)); // so a character above U+FFFF is always a suspect
        }
    }

    [Fact]
    public void Certainly_clean_utf8_answers_as_the_decoded_searches_do() => Check(s_text, text =>
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(Valid(text));
        string s = Encoding.UTF8.GetString(utf8);
        bool expected = CandidateScanner.CannotHoldDamage(s) && !OtherCodePages.MayApply(s) && !DoubleByteCodePages.HasSuspect(s)
            && LegacyText.IndexOfCandidate(s, 0) < 0;
        return expected == Mojibake.IsCertainlyCleanUtf8(utf8) ? true : throw new Xunit.Sdk.XunitException(Escape(s));
    });

    /// <summary>Text as bytes, now and then with bytes that are not UTF-8 (modified UTF-8 among them) put in.</summary>
    private static readonly Gen<byte[]> s_bytes = s_text.Zip(Gen.Choose(0, 3)).Zip(Gen.Choose(0, 1000)).Select(t =>
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(Valid(t.Item1.Item1));
        if (t.Item1.Item2 != 0 || utf8.Length == 0)
        {
            return utf8;
        }

        byte[][] invalid = [[0xFF], [0xC3], [0x80], [0xC0, 0x80], [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80], [0xE2, 0x80], [0xF0, 0x9F]];
        int at = t.Item2 % (utf8.Length + 1);
        return [.. utf8.AsSpan(0, at), .. invalid[t.Item2 % invalid.Length], .. utf8.AsSpan(at)];
    });

    private static byte[] Decoding(byte[] input, FixOptions options)
    {
        var writer = new ArrayBufferWriter<byte>();
        Mojibake.FixDecoded(input, writer, options);
        return writer.WrittenSpan.ToArray();
    }

    private static readonly FixOptions[] s_options =
    [
        FixOptions.Default, FixOptions.Default with { OtherCodePages = false, DoubleByteCodePages = false },
        FixOptions.Default with { DoubleByteCodePages = false }, FixOptions.Default with { Lossy = LossyRepair.Leave, DecodeModifiedUtf8 = false },
    ];

    [Fact]
    public void The_byte_path_repairs_exactly_as_decoding_the_whole_input_does() => Check(s_bytes.Zip(s_bytes).Select(t => (byte[])[.. t.Item1, (byte)'\n', .. t.Item2]), input =>
    {
        foreach (FixOptions options in s_options)
        {
            byte[] expected = Decoding(input, options);
            byte[] actual = Mojibake.FixUtf8(input, options);
            if (!expected.AsSpan().SequenceEqual(actual))
            {
                throw new Xunit.Sdk.XunitException($"{Convert.ToHexString(input)}\nexpected {Convert.ToHexString(expected)}\nactual   {Convert.ToHexString(actual)}");
            }
        }

        return true;
    }, count: 800);

    /// <summary>Bytes from a small alphabet around every UTF-8 rule: leads of each length, continuations, C0/C1, F5–FF, line breaks.</summary>
    private static readonly Gen<byte[]> s_anyBytes = Gen.Frequency(
        (3, Gen.ArrayOf(Gen.Elements<byte>(0x0A, 0x0D, 0x20, 0x3F, 0x41, 0x61, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xA9, 0xB0, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3,
            0xD0, 0xD1, 0xDF, 0xE0, 0xE2, 0xE3, 0xE9, 0xED, 0xEF, 0xF0, 0xF3, 0xF4, 0xF5, 0xFF))),
        (1, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))),
        (3, s_bytes));

    /// <summary>
    /// The first line at or after <paramref name="from"/> that holds an invalid byte or a character the UTF-16
    /// definitions flag, as its byte range, or (-1, -1).
    /// </summary>
    private static (int Start, int End) FirstFlaggedLine(byte[] utf8, int from)
    {
        for (int start = from; start < utf8.Length;)
        {
            int end = utf8.AsSpan(start).IndexOfAny((byte)'\n', (byte)'\r');
            end = end < 0 ? utf8.Length : start + end + 1;
            if (!System.Text.Unicode.Utf8.IsValid(utf8.AsSpan(start, end - start)))
            {
                return (start, end);
            }

            string line = Encoding.UTF8.GetString(utf8, start, end - start);
            if (Starts(line).Any(t => Reference(line, t.Char, Utf8Passes.All)))
            {
                return (start, end);
            }

            start = end;
        }

        return (-1, -1);
    }

    [Fact]
    public void Every_width_stops_in_the_first_line_with_an_invalid_byte_or_a_suspect() => Check(s_anyBytes, utf8 =>
    {
        for (int from = 0; from <= utf8.Length; from++)
        {
            if (from > 0 && utf8[from - 1] is not ((byte)'\n' or (byte)'\r'))
            {
                continue; // from line starts, as the repair asks
            }

            (int start, int end) = FirstFlaggedLine(utf8, from);
            foreach (int width in new[] { 0, 128, 256, 512 })
            {
                int found = Utf8Classifier.IndexOfSuspect(utf8, from, Utf8Passes.All, width);
                if (start < 0 ? found != -1 : found < start || found >= end)
                {
                    throw new Xunit.Sdk.XunitException($"width {width} from {from}: found {found}, expected [{start}, {end}) in {Convert.ToHexString(utf8)}");
                }
            }
        }

        return true;
    }, count: 3000);

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void An_invalid_sequence_is_found_at_every_offset_across_the_vector_edges(int width)
    {
        byte[][] invalid = [[0xFF], [0xC0, 0x80], [0xC3], [0x80], [0xE2, 0x82], [0xE0, 0x9F, 0x80], [0xED, 0xA0, 0x80], [0xF0, 0x8F, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3, 0xA9, 0xA9]];
        byte[][] fillers = [[0x61], [0xC3, 0xA9], [0xD1, 0x8F], [0xE6, 0x97, 0xA5], [0xF0, 0x9F, 0x98, 0x80]];
        foreach (byte[] filler in fillers)
        {
            foreach (byte[] bad in invalid)
            {
                for (int at = 0; at < 100; at++)
                {
                    byte[] utf8 = [.. Enumerable.Repeat(filler, at).SelectMany(x => x), (byte)'\n', .. bad, (byte)' ', .. Enumerable.Repeat((byte)'a', 70)];
                    int found = Utf8Classifier.IndexOfSuspect(utf8, 0, Utf8Passes.Windows1252, width);
                    Assert.InRange(found, at * filler.Length + 1, at * filler.Length + 1 + bad.Length);
                }
            }
        }
    }

    [Fact]
    public void Large_inputs_give_the_result_of_decoding_the_whole()
    {
        // Suspect lines are decoded in groups of up to 64 KB: damaged lines on either side of a group's end, an
        // invalid byte, a line longer than a group, and no line break at all.
        var random = new Random(7);
        string[] lines = ["Clean line, plain ASCII.", "Un café déjà vu à Zürich.", "CafÃ© dÃ©jÃ  vu.", "Привет, мир!", "ÐŸÑ€Ð¸Ð²ÐµÑ‚", "日本語のテキスト", "Ã"];
        var sb = new StringBuilder();
        while (sb.Length < 300_000)
        {
            sb.Append(lines[random.Next(lines.Length)]).Append(random.Next(9) == 0 ? "\r\n" : "\n");
        }

        byte[] text = Encoding.UTF8.GetBytes(sb.ToString());
        byte[] withInvalid = [.. text.AsSpan(0, 100_000), 0xFF, 0xC0, 0x80, .. text.AsSpan(100_000)];
        byte[] longLine = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("CafÃ© Привет ", 12_000)) + "\n" + sb);
        byte[] noBreak = Encoding.UTF8.GetBytes(sb.ToString().Replace('\n', ' ').Replace('\r', ' '));
        foreach (byte[] input in new[] { text, withInvalid, longLine, noBreak })
        {
            foreach (FixOptions options in s_options)
            {
                Assert.True(Decoding(input, options).AsSpan().SequenceEqual(Mojibake.FixUtf8(input, options)));
            }
        }
    }
}
