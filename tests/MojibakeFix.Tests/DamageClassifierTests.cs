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
/// The one-pass classifier finds exactly what the five separate searches find: the earliest of their results
/// from any start, and as the searches that fired there exactly those whose own result is that position. Every
/// width runs (512 too: the vector API falls back to software where the CPU lacks it), each compared with the
/// separate searches at the same width and with the scalar ones.
/// </summary>
public class DamageClassifierTests
{
    public static TheoryData<int> AllWidths() => [0, 128, 256, 512];

    private static readonly char Common = CjkFrequency.CharAt(0);
    private static readonly char Rare = (char)Enumerable.Range(0x4E00, 0x5000).First(c => !CjkFrequency.IsCommon(c));

    // A common character some code page reads from the start of a UTF-8 character (茅 is C3 A9 in GBK): a short
    // stretch beside a letter that starts with one is a suspect, one that starts with Common (的, B5 C4) is not.
    private static readonly char Image = (char)Enumerable.Range(0x4E00, 0x5200)
        .First(c => CjkFrequency.IsCommon(c) && DoubleByteCodePage.IsUtf8StartImage((char)c));

    private static readonly (DamageSearch Search, Func<string, int, int, int> Find)[] Searches =
    [
        (DamageSearch.Windows1252, (s, from, width) => CandidateScanner.IndexOfCandidate(s, from, width)),
        (DamageSearch.CodePagePair, (s, from, width) => OtherCodePages.IndexOfPair(s, from, width)),
        (DamageSearch.DoubleByte, (s, from, width) => DoubleByteSuspects.IndexOfSuspect(s, from, width)),
        (DamageSearch.LostLetter, (s, from, _) => LostLetters.IndexOfCandidate(s, from)),
        (DamageSearch.LegacyRun, (s, from, width) => LegacyText.IndexOfCandidate(s, from, width)),
    ];

    /// <summary>The earliest result of the separate searches in <paramref name="searches"/>, and which gave it.</summary>
    private static (int At, DamageSearch Fired) Reference(string s, int from, DamageSearch searches, int width)
    {
        int at = -1;
        var fired = DamageSearch.None;
        foreach (var (search, find) in Searches)
        {
            int k = (searches & search) != 0 ? find(s, from, width) : -1;
            if (k >= 0 && (at < 0 || k < at))
            {
                (at, fired) = (k, search);
            }
            else if (k >= 0 && k == at)
            {
                fired |= search;
            }
        }

        return (at, fired);
    }

    private static bool Agrees(string s, int width, DamageSearch searches = DamageSearch.All)
    {
        for (int from = 0; from <= s.Length; from++)
        {
            int at = DamageClassifier.IndexOfDamage(s, from, searches, width, out DamageSearch fired);
            if ((at, fired) != Reference(s, from, searches, width) || (at, fired) != Reference(s, from, searches, 0))
            {
                return false;
            }
        }

        return true;
    }

    private static void AssertAgrees(string s, int width, DamageSearch searches = DamageSearch.All, params int[] starts)
    {
        foreach (int from in starts.Length > 0 ? starts.Where(f => f >= 0 && f <= s.Length) : Enumerable.Range(0, s.Length + 1))
        {
            int at = DamageClassifier.IndexOfDamage(s, from, searches, width, out DamageSearch fired);
            Assert.True((at, fired) == Reference(s, from, searches, width), $"{width} from {from}: ({at}, {fired}) vs {Reference(s, from, searches, width)} in {s}");
            Assert.Equal(Reference(s, from, searches, 0), (at, fired));
        }
    }

    /// <summary>
    /// A hit of each search (and of several at one position) at every offset of a block, in ASCII, Cyrillic,
    /// accented Latin and CJK padding, with lines around it: the vector masks, their one-character look-back and
    /// three-character look-ahead, and the scalar tail all meet the definitions.
    /// </summary>
    /// <summary>
    /// Correct Czech and Polish words where an accented letter stands before a letter Windows-1252 lacks (formulář,
    /// síť, rozšíření, Różne), and Italian and German ones where a two-byte lead image ends a word before another
    /// (È stato, Straße und), hold no start of Windows-1252 damage at any width, in UTF-16 or UTF-8, and the Czech
    /// and Italian lines none for any search: such a line is never sent to the repair.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllWidths))]
    public void Correct_words_the_loose_tests_took_start_nothing(int width)
    {
        const string czech = "Formulář se nepodařilo uložit: síť není dostupná, rozšíření chybí.";
        const string italian = "È stato salvato, ma la Straße und Weg è chiusa.";
        foreach (string line in new[] { czech, "Różne ustawienia", italian })
        {
            string s = string.Concat(Enumerable.Repeat(line + " ", 4));
            Assert.Equal(-1, DamageClassifier.IndexOfDamage(s, 0, DamageSearch.Windows1252, width, out _));
            Assert.Equal(-1, Utf8Classifier.IndexOfSuspect(System.Text.Encoding.UTF8.GetBytes(s), 0, Utf8Passes.Windows1252, width));
        }

        string lines = string.Concat(Enumerable.Repeat(czech + "\n" + italian + "\n", 4));
        Assert.Equal(-1, DamageClassifier.IndexOfDamage(lines, 0, DamageSearch.All, width, out _));
        Assert.Equal(-1, Utf8Classifier.IndexOfSuspect(System.Text.Encoding.UTF8.GetBytes(lines), 0, Utf8Passes.All, width));
        Assert.True(width != DamageClassifier.BestWidth || Mojibake.IsCertainlyClean(lines));
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void Every_search_is_found_at_every_offset(int width)
    {
        string[] sites =
        [
            "Ã©", "Ã ", "â€™", "é \u0081", "\u0085", "Ð¿Ñ€", "Ã?a", "Å?ad", "ÏðèâÅ", "ÅÅÅÅ", $"{Rare}", $"Caf{Common}s", $"{Common}. Caf{Common}s", $"Caf{Image}s", $"{Common}. Caf{Image}s", $"{Image}. a{Image}éèàb",
            "вќ¤", "Ã©Ã?a", "Ã\uFFFD", "Ã?", "ÃÃÃÃ?x", "Ђа", "рд", "lрдe", "аА", "ТЕКСТ", "Îπ", "ΞΏ",
            "íš", "áž", "ęś", "ół", "çãéè", "ıç", "Óż", "ęśд",
        ];
        string[] paddings = ["-", "a", "д", "é", $"{Common}", "?", " "];
        foreach (string site in sites)
        {
            foreach (string pad in paddings)
            {
                for (int at = 0; at < 70; at += 1)
                {
                    string s = string.Concat(Enumerable.Repeat(pad, at)) + site + string.Concat(Enumerable.Repeat(pad, 70 - at));
                    int[] starts = [0, 1, at - 1, at, at + 1, at + 2];
                    AssertAgrees(s, width, DamageSearch.All, starts);
                    AssertAgrees(s[..(at + site.Length)], width, DamageSearch.All, starts);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void Each_subset_of_searches_is_the_earliest_of_those_alone(int width)
    {
        string s = $"Привет ÅÅÅÅ, Caf{Common} Caf{Image} {Rare} été Ã©tÃ© Å?ad ÏðèâÅ \u0085 Ð¿Ñ€Ð¸\n{Common}. Caf{Common}s {Image}. Caf{Image}s вќ¤ x";
        for (int set = 0; set <= (int)DamageSearch.All; set++)
        {
            AssertAgrees(s, width, (DamageSearch)set);
        }
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void Clean_multilingual_text_has_no_hit(int width)
    {
        string s = string.Concat(Enumerable.Repeat($"più été déjà vu, Zürich, Straße. привет, ελληνικά, עברית, العربية, हिन्दी, {Common}{Common}{Common}。\n", 20));
        Assert.Equal(-1, DamageClassifier.IndexOfDamage(s, 0, DamageSearch.All, width, out DamageSearch fired));
        Assert.Equal(DamageSearch.None, fired);
    }

    /// <summary>Characters at the edges of every range the masks test, and the characters of every search.</summary>
    private static readonly Gen<string> Adversarial = Gen.ArrayOf(Gen.Elements(
            '?', ' ', '\n', '\r', 'a', 'Z', '.', '\u007F', '\u0080', '\u009F', '\u00A0', '\u00BF', '\u00C0', '\u00C1', '\u00C2', '\u00C3',
            '\u00DF', '\u00E0', '\u00E2', '\u00F4', '\u00F5', '\u00FF', '\u0100', '\u0152', '\u0192', '\u0193', '\u02C6', '\u02DC', '\u0391',
            '\u0392', '\u03AC', '\u03C6', '\u03CE', '\u0401', '\u0430', '\u043F', '\u0454', '\u045F', '\u0491',
            '\u0384', '\u038F', '\u0390', '\u03BF', '\u03C0', '\u03C1', '\u03FF', '\u0400', '\u040F', '\u0410', '\u042F', '\u0440', '\u044F', '\u0450', '\u052F', '\u2013', '\u2019', '\u203A',
            '\u20AC', '\u2122', '\u2500', '\u25CA', '\uFFFD', '\u2FFF', '\u3000', '\uFFEF', '\uFFF0', '\uD800', '\uDC00', '\uF8FF', '\uFB02', Common, Rare, Image,
            // Small and capital Latin letters at the edges of Latin Extended-A's alternating cases, Windows-1252's
            // continuations among them (š ž œ), × and ÷, and Vietnamese letters and a combining accent.
            '\u00D7', '\u00DE', '\u00E3', '\u00E7', '\u00ED', '\u00F3', '\u00F7', '\u0101', '\u0119', '\u0131', '\u0137', '\u0138', '\u0139',
            '\u013A', '\u0142', '\u0148', '\u0149', '\u014A', '\u0153', '\u015B', '\u0161', '\u0177', '\u0178', '\u017E', '\u017F', '\u0180',
            '\u01A1', '\u01B0', '\u0301', '\u1EA1'))
        .Select(a => new string(a));

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void Random_and_adversarial_text_agrees_from_every_start(int width) =>
        Prop.ForAll(Gen.OneOf(
            TextGen.AnyUtf16, TextGen.Sentence, Adversarial, Adversarial.Select(a => a + a + a),
            TextGen.Sentence.Select(Damage.Cp1252),
            Gen.Elements(1251, 1250, 1253, 437, 866, 20866).SelectMany(cp => TextGen.Sentence.Select(t => Damage.CodePage(t, cp))),
            Gen.Elements(936, 932, 949, 950).SelectMany(cp => TextGen.Sentence.Select(t => Damage.DoubleByte(t, cp)))).ToArbitrary(), s =>
            Agrees(s, width))
        .Check(Config.QuickThrowOnFailure.WithMaxTest(1500).WithReplay(790, 0x9E3779B97F4A7C15));

    /// <summary>
    /// The one-line check is exactly the separate checks it replaces: the Windows-1252 scan and
    /// <see cref="CodePagePassesMayApply"/>, under the default options and with each search off.
    /// </summary>
    /// <summary>
    /// The other passes' own checks of one line: the other-code-page, double-byte, lost-letter and legacy searches,
    /// each where its options let it run (the engine once called these itself; the classifier now answers in one pass).
    /// </summary>
    private static bool CodePagePassesMayApply(ReadOnlySpan<char> line, FixOptions options) =>
        (options.OtherCodePages && OtherCodePages.MayApply(line)) || (options.DoubleByteCodePages && DoubleByteCodePages.MayApply(line, options))
        || (options.Lossy != LossyRepair.Leave && Lossy.LostLetters.IndexOfCandidate(line, 0) >= 0)
        || (options.OtherCodePages && LegacyText.IndexOfCandidate(line, 0) >= 0);

    [Fact]
    public void The_line_check_is_the_separate_checks()
    {
        FixOptions[] options =
        [
            FixOptions.Default, FixOptions.Default with { OtherCodePages = false }, FixOptions.Default with { DoubleByteCodePages = false },
            FixOptions.Default with { Lossy = LossyRepair.Leave },
        ];
        Prop.ForAll(Gen.OneOf(
            TextGen.AnyUtf16, TextGen.Sentence, Adversarial, TextGen.Sentence.Select(Damage.Cp1252),
            Gen.Elements(936, 932, 949, 950).SelectMany(cp => TextGen.Sentence.Select(t => Damage.DoubleByte(t, cp)))).ToArbitrary(), s =>
        {
            int cut = s.AsSpan().IndexOfAny('\n', '\r');
            string line = cut < 0 ? s : s[..(cut + 1)];
            return options.All(o => DamageClassifier.MayChangeLine(line, o)
                == (!CandidateScanner.CannotHoldDamage(line) || CodePagePassesMayApply(line, o)));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1500).WithReplay(791, 0x9E3779B97F4A7C15));
    }

    /// <summary>
    /// The filter passes over two small Latin letters inside a word (ří, çã): every pair of U+00C0–U+017F, and œ, š,
    /// ž and ƒ after a lead image, between an ASCII or Latin character and another, at the end of a block and inside
    /// one, finds what the scalar definitions find, at every width.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllWidths))]
    public void Latin_letter_pairs_agree_with_the_definitions(int width)
    {
        char[] around = [' ', 'n', 'ř', 'Ž', '?', '×'];
        char[] text = new string('x', 48).ToCharArray();
        var failures = new List<string>();
        for (int a = 0xC0; a <= 0x192 && failures.Count < 5; a++)
        {
            for (int b = 0xC0; b <= 0x192 && failures.Count < 5; b++)
            {
                foreach (int at in (int[])[10, 32])
                {
                    text[at] = (char)a;
                    text[at + 1] = (char)b;
                    foreach (char p in around)
                    {
                        foreach (char c in around)
                        {
                            text[at - 1] = p;
                            text[at + 2] = c;
                            text[at + 3] = c; // (a run of four of U+00C0–U+00FF, for the legacy search)
                            int found = DamageClassifier.IndexOfDamage(text, 0, DamageSearch.All, width, out DamageSearch fired);
                            int expected = DamageClassifier.IndexOfDamage(text, 0, DamageSearch.All, 0, out DamageSearch expectedFired);
                            if ((found, fired) != (expected, expectedFired))
                            {
                                failures.Add($"{p}{(char)a}{(char)b}{c} at {at}: ({found}, {fired}) vs ({expected}, {expectedFired})");
                            }
                        }
                    }

                    text.AsSpan(at - 1, 5).Fill('x');
                }
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>
    /// The filter's follower ranges and its rules for Greek π and French guillemets drop no hit: after a lead image of
    /// each kind (every Windows-1252 lead, symbols, Greek, Cyrillic and Latin letters), every character outside the
    /// CJK range finds what the scalar definitions find, at every width.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllWidths))]
    public void Every_follower_of_a_lead_agrees_with_the_definitions(int width)
    {
        var leads = new List<char>();
        for (char c = '\u00C2'; c <= '\u00F4'; c++)
        {
            leads.Add(c);
        }

        leads.AddRange("\u00A0«»·±µ¬αλπΩЖрафЁђđŽž’–€\uF8FF");
        char[] text = new string('x', 48).ToCharArray();
        text[9] = ' ';
        text[12] = ' ';
        var failures = new List<string>();
        foreach (char a in leads)
        {
            for (int b = 0x80; b <= 0xFFFF && failures.Count < 5; b++)
            {
                if (b is >= DoubleByteCodePages.First and < 0xF7C0 || char.IsSurrogate((char)b))
                {
                    continue; // the CJK range always goes on to the exact masks
                }

                text[10] = a;
                text[11] = (char)b;
                int found = DamageClassifier.IndexOfDamage(text, 0, DamageSearch.All, width, out DamageSearch fired);
                int expected = DamageClassifier.IndexOfDamage(text, 0, DamageSearch.All, 0, out DamageSearch expectedFired);
                if ((found, fired) != (expected, expectedFired))
                {
                    failures.Add($"{a}{(char)b} (U+{(int)a:X4} U+{b:X4}): ({found}, {fired}) vs ({expected}, {expectedFired})");
                }
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>
    /// The facts the filter's follower test rests on, from the code-page tables: every continuation image lies in the
    /// follower ranges (so ị after đ, or an Arabic letter after ·, is none); no lead image is followed in a pair by
    /// р–я or by a Greek letter other than π, nor π by a Greek letter; а–п follow only leads outside Latin, Greek and
    /// А–п; and no two of «, » and the no-break space (French « mot ») make a pair.
    /// </summary>
    [Fact]
    public void The_filter_drops_only_followers_no_code_page_pairs()
    {
        ReadOnlySpan<ushort> leads = SingleByteCodePage.LeadMasks, continuations = SingleByteCodePage.ContinuationMasks;
        int pairs = 0;
        for (int a = 0; a < leads.Length; a++)
        {
            if (leads[a] == 0)
            {
                continue;
            }

            for (int b = 0; b < continuations.Length; b++)
            {
                if ((leads[a] & continuations[b]) == 0)
                {
                    continue;
                }

                pairs++;
                Assert.True(b is >= 0x80 and <= 0x192 or >= 0x2BC and <= 0x491 or >= 0x2013 and <= 0x25A0 or >= 0xF7C2 and <= 0xF8FD, $"U+{b:X4}");
                Assert.False(b is >= 0x440 and <= 0x44F or >= 0x390 and <= 0x3BF or >= 0x3C1 and <= 0x3FF, $"U+{a:X4} U+{b:X4}");
                Assert.False(b is >= 0x430 and <= 0x43F && a is >= 0xA0 and <= 0x3FF or >= 0x410 and <= 0x43F, $"U+{a:X4} U+{b:X4}");
                Assert.False(b == 0x3C0 && a is >= 0x370 and <= 0x3FF, $"U+{a:X4} U+{b:X4}");
                Assert.False(a is 0xA0 or 0xAB or 0xBB && b is 0xA0 or 0xAB or 0xBB, $"U+{a:X4} U+{b:X4}");
            }
        }

        Assert.True(pairs > 1000); // the tables are there
    }
}
