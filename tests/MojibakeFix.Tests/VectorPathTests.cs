using System.Runtime.Intrinsics;
using FsCheck;
using FsCheck.Fluent;
using MojibakeFix.CodePages;
using MojibakeFix.Corpus;
using MojibakeFix.Detection;
using MojibakeFix.Repair;
using MojibakeFix.Tests.Support;

namespace MojibakeFix.Tests;

/// <summary>Every vector width of the candidate scan agrees with the scalar definition, wherever the hit lies.</summary>
public class VectorPathTests
{
    public static TheoryData<int> Widths()
    {
        var data = new TheoryData<int> { 0 };
        if (Vector128.IsHardwareAccelerated)
        {
            data.Add(128);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            data.Add(256);
        }

        if (Vector512.IsHardwareAccelerated)
        {
            data.Add(512);
        }

        return data;
    }

    private static int Reference(string s, int from)
    {
        for (int i = from; i < s.Length; i++)
        {
            if (CandidateScanner.IsCandidateAt(s, i))
            {
                return i;
            }
        }

        return -1;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void A_hit_is_found_at_every_position_and_length(int width)
    {
        string[] sites = ["Ã©", "\u0093", "â€", "Ã ", "â?", "ð\u009F", "Å\u2122", "Ã\uFFFD", "é \u0081", "é ?", "ä ”", "Ãœ", "Ã?"];
        foreach (string site in sites)
        {
            for (int length = site.Length; length <= 70; length++)
            {
                for (int at = 0; at + site.Length <= length; at++)
                {
                    string s = new string('x', at) + site + new string('é', length - at - site.Length); // é alone never matches
                    for (int from = 0; from <= Math.Min(at + 1, length - 1); from++)
                    {
                        Assert.Equal(Reference(s, from), CandidateScanner.IndexOfCandidate(s, from, width));
                    }
                }
            }
        }
    }

    /// <summary>
    /// The cursor the Windows-1252 pass walks a line with yields every candidate, not only the first: walked one
    /// candidate at a time and with jumps, over texts of every length up to 80 dense with leads, continuation images,
    /// spaces, '?', C1 controls, letters beside the specials that are none (ř, ż, ‛) and a lead that takes a lost
    /// no-break space only before no letter (È), so each block a line ends in (overlapped from the left, or
    /// narrower) is checked bit for bit.
    /// </summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void The_cursor_yields_every_candidate(int width)
    {
        const string alphabet = "xé Ã©â€™?\u0093\u00C5\u00A0\u20AC\uFFFDa\u00F0\u0178řż\u201BÈ";
        var random = new Random(11);
        for (int length = 1; length <= 80; length++)
        {
            for (int sample = 0; sample < 40; sample++)
            {
                var chars = new char[length];
                for (int k = 0; k < length; k++)
                {
                    chars[k] = alphabet[random.Next(alphabet.Length)];
                }

                string s = new(chars);
                var cursor = new CandidateCursor(s, width);
                for (int from = 0; from <= s.Length;)
                {
                    int found = cursor.Next(from);
                    Assert.True(Reference(s, from) == found, $"width {width}, from {from}: {found} in \"{s}\"");
                    from = found < 0 ? s.Length + 1 : found + 1 + (sample % 3 == 0 ? random.Next(3) : 0);
                }
            }
        }
    }

    /// <summary>
    /// Every character a Windows-1252 continuation byte shows as (and '?', U+FFFD) makes a lead before it a
    /// candidate, at every width.
    /// </summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void Every_continuation_image_follows_a_lead(int width)
    {
        for (int c = 0; c <= 0xFFFF; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF || (Windows1252.ContinuationByte((char)c) == 0 && c is not ('?' or 0xFFFD)))
            {
                continue;
            }

            Assert.Equal(2, CandidateScanner.IndexOfCandidate("ab\u00C3" + (char)c + "cd" + new string('x', 40), 0, width));
        }
    }

    /// <summary>
    /// And no other character does, at every width and wherever in a vector the lead lies: the vector test admits
    /// whole ranges around the specials (ř, ż and ‛ lie between š, ž and ‚), and the lanes they let in are decided
    /// by the scalar definition, so an accented letter before a Czech or Polish one sends no line to the repair.
    /// After a three-byte lead and a space the same holds for the character after the space.
    /// </summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void No_other_character_follows_a_lead(int width)
    {
        for (int c = 0; c <= 0xFFFF; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF or ' ' or '?' or 0xFFFD || Windows1252.ContinuationByte((char)c) != 0)
            {
                continue;
            }

            int at = c % 40; // the lead's lane moves through the vectors
            string pad = new('x', at), tail = "cd" + new string('x', 70);
            Assert.Equal(-1, CandidateScanner.IndexOfCandidate(pad + "\u00C3" + (char)c + tail, 0, width));
            Assert.Equal(-1, CandidateScanner.IndexOfCandidate(pad + "\u00E9 " + (char)c + tail, 0, width));
        }
    }

    /// <summary>
    /// A two-byte lead image and a space (a lost no-break space) before an ASCII letter is a candidate only for
    /// Â, Ã and Å, whose no-break-space forms the repair takes alone; before anything else every two-byte lead is.
    /// Checked at every width with the lead in every lane of a vector.
    /// </summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void A_lost_no_break_space_before_a_letter_follows_only_three_leads(int width)
    {
        for (char lead = '\u00C2'; lead <= '\u00DF'; lead++)
        {
            foreach (char after in "sZ1 .?\u00E9")
            {
                bool expected = !char.IsAsciiLetter(after) || lead is '\u00C2' or '\u00C3' or '\u00C5';
                for (int at = 0; at < 40; at++)
                {
                    string s = new string('x', at) + lead + " " + after + new string('x', 40);
                    Assert.Equal(expected ? at : -1, CandidateScanner.IndexOfCandidate(s, 0, width));
                }
            }
        }
    }

    /// <summary>
    /// The characters around a three- or four-byte lead: followers (in and out of the ranges the vectors admit
    /// whole), spaces, marks of lost bytes, letters and the end of the text, in every arrangement of three after
    /// each lead, with the lead in every lane of a vector: each width agrees with the scalar definition.
    /// </summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void Three_characters_after_a_long_lead_agree_with_the_definition(int width)
    {
        const string around = "š€\u0099™ ?\uFFFDeZ1.éř\u2019\u201Cx\0";
        for (char lead = '\u00E0'; lead <= '\u00F4'; lead++)
        {
            foreach (char n in around)
            {
                foreach (char n2 in around)
                {
                    for (int at = lead % 8; at < 40; at += 7)
                    {
                        string s = new string('x', at) + lead + n + n2 + "x" + new string('x', 40), end = new string('x', at) + lead + n;
                        Assert.True(Reference(s, 0) == CandidateScanner.IndexOfCandidate(s, 0, width), $"{lead}{n}{n2} at {at}, width {width}");
                        Assert.True(Reference(end, 0) == CandidateScanner.IndexOfCandidate(end, 0, width), $"{lead}{n} at the end, width {width}");
                    }
                }
            }
        }
    }

    /// <summary>
    /// The definition leaves out after a three- or four-byte lead only what the Windows-1252 pass cannot read as a
    /// sequence: every lead E0–F4, every follower or space after it, and every character of U+0000–U+052F, the
    /// Windows-1252 specials and the marks of lost bytes after that. Wherever the lossy reader (lost bytes and
    /// no-break spaces on) reads a sequence at the lead, the lead is a candidate; and Czech "píše" and "í „" are none.
    /// (A lead and two spaces was never one: such a sequence, all lost no-break spaces, is read only inside a chain
    /// that began before it.)
    /// </summary>
    [Fact]
    public void A_long_lead_is_left_out_only_where_no_sequence_reads()
    {
        var followers = new List<char> { ' ' };
        var thirds = new List<char>();
        for (int c = 0; c <= 0xFFFF; c++)
        {
            bool follower = c is '?' or 0xFFFD || (!char.IsSurrogate((char)c) && Windows1252.ContinuationByte((char)c) != 0);
            if (follower)
            {
                followers.Add((char)c);
            }

            if (follower || c <= 0x52F)
            {
                thirds.Add((char)c);
            }
        }

        var failures = new List<string>();
        int leftOut = 0;
        for (char lead = '\u00E0'; lead <= '\u00F4' && failures.Count < 5; lead++)
        {
            foreach (char n in followers)
            {
                foreach (char n2 in thirds)
                {
                    string s = "a" + lead + n + n2 + "\u0080\u0080 b";
                    if (CandidateScanner.IsCandidateAt(s, 1) || (n == ' ' && n2 == ' '))
                    {
                        continue;
                    }

                    leftOut++;
                    if (SequenceReader.TryRead(s, 1, lossy: true, lostSpaces: true, out _))
                    {
                        failures.Add($"U+{(int)lead:X4} U+{(int)n:X4} U+{(int)n2:X4}");
                    }
                }
            }
        }

        Assert.Empty(failures);
        Assert.True(leftOut > 100_000, $"only {leftOut} left out"); // the rule does leave out
        Assert.False(CandidateScanner.IsCandidateAt("píše", 1));
        Assert.False(CandidateScanner.IsCandidateAt("ní „x“", 1));
        Assert.True(CandidateScanner.IsCandidateAt("lâ€™s", 1));
        Assert.True(CandidateScanner.IsCandidateAt("lâ€ s", 1)); // a space: a lost no-break space or the end of ”
        Assert.True(CandidateScanner.IsCandidateAt("lâ€", 1));
        Assert.True(CandidateScanner.IsCandidateAt("lâ€. So", 1)); // no third byte: only the dropped-byte reading takes it
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Clean_text_has_no_candidate(int width)
    {
        string s = string.Concat(Enumerable.Repeat("più été déjà vu, Zürich, naïve, café au lait, привет, 日本語, “quotes” — ok. ", 50));
        Assert.Equal(-1, CandidateScanner.IndexOfCandidate(s, 0, width));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Random_text_agrees_with_the_scalar_definition(int width) =>
        Prop.ForAll(Gen.OneOf(TextGen.AnyUtf16, TextGen.Sentence, TextGen.Sentence.Select(Damage.Cp1252)).ToArbitrary(), s =>
        {
            for (int from = 0; from < s.Length; from++)
            {
                if (CandidateScanner.IndexOfCandidate(s, from, width) != Reference(s, from))
                {
                    return false;
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300).WithReplay(777, 0x9E3779B97F4A7C15));

    [Theory]
    [MemberData(nameof(Widths))]
    public void The_cursor_visits_every_candidate_in_order(int width) =>
        Prop.ForAll(Gen.OneOf(TextGen.AnyUtf16, TextGen.Sentence.Select(Damage.Cp1252), TextGen.Sentence).ToArbitrary(), s =>
        {
            var cursor = new CandidateCursor(s, width);
            var found = new List<int>();
            for (int i = cursor.Next(0); i >= 0; i = cursor.Next(i + 1))
            {
                found.Add(i);
            }

            var expected = Enumerable.Range(0, s.Length).Where(i => CandidateScanner.IsCandidateAt(s, i)).ToList();

            // Jumps forward and back (as the repair loop does after a run) give the same answers.
            var jumping = new CandidateCursor(s, width);
            bool jumpsAgree = true;
            for (int from = s.Length - 1; from >= 0; from--)
            {
                jumpsAgree &= jumping.Next(from) == Reference(s, from);
            }

            return found.SequenceEqual(expected) && jumpsAgree;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300).WithReplay(778, 0x9E3779B97F4A7C15));

    public static TheoryData<int> PairWidths()
    {
        var data = new TheoryData<int> { 0 };
        if (Vector128.IsHardwareAccelerated)
        {
            data.Add(128);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            data.Add(256);
        }

        if (Vector512.IsHardwareAccelerated)
        {
            data.Add(512);
        }

        return data;
    }

    private static int PairReference(string s, int from)
    {
        for (int i = Math.Max(from, 0); i + 1 < s.Length; i++)
        {
            if (OtherCodePages.IsPairAt(s, i))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Every character that is a lead image in some code page, next to a continuation image of the same code
    /// page, and every continuation image next to such a lead, is found by each width at every offset of a block:
    /// the ranges the vector paths use hold the whole tables.
    /// </summary>
    [Theory]
    [MemberData(nameof(PairWidths))]
    public void Every_code_page_pair_is_found_at_every_offset(int width)
    {
        ushort[] lead = SingleByteCodePage.LeadMasks.ToArray(), continuation = SingleByteCodePage.ContinuationMasks.ToArray();
        var pairs = new List<string>();
        for (int c = 0; c < 0x10000; c++)
        {
            if (lead[c] != 0 && Enumerable.Range(0x80, 0x10000 - 0x80).FirstOrDefault(d => (lead[c] & continuation[d]) != 0) is int d and > 0)
            {
                pairs.Add($"{(char)c}{(char)d}");
            }

            if (continuation[c] != 0 && Enumerable.Range(0x80, 0x10000 - 0x80).FirstOrDefault(l => (lead[l] & continuation[c]) != 0) is int l and > 0)
            {
                pairs.Add($"{(char)l}{(char)c}");
            }
        }

        Assert.True(pairs.Count > 500, $"{pairs.Count} pairs");
        int checkedPairs = 0;
        foreach (string pair in pairs)
        {
            for (int at = 0; at < 20; at++)
            {
                string text = new string('.', at) + pair + new string('.', 40 - at);
                int expected = PairReference(text, 0);
                Assert.Equal(expected, OtherCodePages.IndexOfPair(text, 0, width));
                checkedPairs += expected >= 0 ? 1 : 0;
            }
        }

        Assert.True(checkedPairs > pairs.Count * 10, $"only {checkedPairs} placements were pairs at all");
    }

    [Theory]
    [MemberData(nameof(PairWidths))]
    public void Clean_cyrillic_and_greek_words_are_skipped_and_agree(int width)
    {
        string s = string.Concat(Enumerable.Repeat("после установки обновлений, Выключение; επανεκκίνηση μετά την εγκατάσταση 日本語 ", 20));
        Assert.Equal(PairReference(s, 0), OtherCodePages.IndexOfPair(s, 0, width));
    }

    [Theory]
    [MemberData(nameof(PairWidths))]
    public void Random_text_agrees_with_the_exact_pair_definition(int width) =>
        Prop.ForAll(Gen.OneOf(
            TextGen.AnyUtf16, TextGen.Sentence,
            Gen.Elements(1251, 1250, 1253, 1257, 20866, 10000, 437, 866, 28595, 28597).SelectMany(cp => TextGen.Sentence.Select(t => Damage.CodePage(t, cp)))).ToArbitrary(), s =>
        {
            for (int from = 0; from < s.Length; from++)
            {
                if (OtherCodePages.IndexOfPair(s, from, width) != PairReference(s, from))
                {
                    return false;
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500).WithReplay(779, 0x9E3779B97F4A7C15));
}
