using System.Reflection;
using System.Text.Unicode;
using MojibakeFix.CodePages;
using MojibakeFix.Detection;
using MojibakeFix.Repair;
using MojibakeFix.Text;

namespace MojibakeFix.Tests;

/// <summary>
/// The fast paths of the Windows-1252 repair agree exactly with the definitions they stand for: the whole-sequence
/// reader with the general one, the plausibility table with the category lookup, the block-wise UTF-8 image test
/// and the case-breaking pair gate with the other-code-page pass's own checks.
/// </summary>
public class SequenceReaderTests
{
    // Lead images, continuation images (Latin-1 and the Windows-1252 specials), C1 controls, lost-byte marks,
    // spaces, letters and symbols that end or break a sequence.
    private static readonly char[] Alphabet =
    [
        '\u00C2', '\u00C3', '\u00C5', '\u00D0', '\u00D7', '\u00E0', '\u00E2', '\u00E3', '\u00ED', '\u00EF', '\u00F0', '\u00F4', '\u00F5',
        '\u0080', '\u0081', '\u009D', '\u00A0', '\u00A9', '\u00AD', '\u00B4', '\u00BF', '\u20AC', '\u201A', '\u2022', '\u2122',
        '\u0161', '\u0178', '\u02C6', '?', '\uFFFD', ' ', 'a', 'Z', '\u00E9', '\u00C0', '\u0410',
    ];

    [Fact]
    public void Fast_reader_matches_the_general_reader_on_every_short_string()
    {
        Span<char> text = stackalloc char[5];
        int n = Alphabet.Length;
        foreach (char lead in Alphabet)
        {
            text[0] = lead;
            for (int x = 0; x < n * n * n; x++)
            {
                text[1] = Alphabet[x % n];
                text[2] = Alphabet[x / n % n];
                text[3] = Alphabet[x / n / n];
                text[4] = 'e';
                for (int length = 2; length <= 5; length++)
                {
                    for (int flags = 0; flags < 4; flags++)
                    {
                        ReadOnlySpan<char> s = text[..length];
                        bool fast = SequenceReader.TryReadUncounted(s, 0, (flags & 1) != 0, (flags & 2) != 0, out Sequence a);
                        Sequence b = default;
                        bool general = Sequence.IsLeadChar(s[0])
                            && SequenceReader.TryReadGeneral(s, 0, (flags & 1) != 0, (flags & 2) != 0, s[0], Sequence.LengthOfLead(s[0]), out b);
                        Assert.True(fast == general, $"{Escape(s)} flags {flags}: fast {fast}, general {general}");
                        if (fast)
                        {
                            Assert.True(Same(a, b), $"{Escape(s)} flags {flags}: the sequences differ");
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Plausibility_table_matches_the_category_lookup_for_every_code_point()
    {
        for (int cp = -1; cp <= 0x10FFFF; cp++)
        {
            if (Sequence.IsPlausible(cp) != CharInfo.IsPlausible(cp))
            {
                Assert.Fail($"U+{cp:X4}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(VectorPathTests.Widths), MemberType = typeof(VectorPathTests))]
    public void Utf8_image_test_matches_the_other_code_page_pass_definition(int width)
    {
        var definition = typeof(OtherCodePages).GetMethod("IsWindows1252Image", BindingFlags.NonPublic | BindingFlags.Static)!;
        var random = new Random(1252);
        char[] alphabet = [.. Alphabet, '\u00C4', '\u00CF', '\u00E1', '\u00F1', '\u0152', 'x', '\n'];
        foreach (int length in new[] { 0, 1, 2, 3, 7, 255, 256, 257, 258, 259, 260, 511, 512, 513, 700 })
        {
            for (int trial = 0; trial < 300; trial++)
            {
                string s = trial % 3 == 0 ? Image(random, length) : new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
                if (trial % 5 == 1 && s.Length > 0)
                {
                    char[] chars = s.ToCharArray();
                    chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)]; // a damaged image
                    s = new string(chars);
                }

                bool expected = definition.CreateDelegate<ImageCheck>()(s, out _);
                Assert.True(SequenceReader.IsUtf8Image(s, width) == expected, $"width {width}, length {length}: {Escape(s)}");
            }
        }
    }

    /// <summary>
    /// The vector mapping of the image test narrows a vector of characters below U+0100 at once and maps any other
    /// vector one character at a time: one odd character (a Windows-1252 special, a character of no byte, a
    /// special that breaks the sequence before it) at every offset of a run of images agrees with the definition.
    /// </summary>
    [Theory]
    [MemberData(nameof(VectorPathTests.Widths), MemberType = typeof(VectorPathTests))]
    public void Utf8_image_test_finds_an_odd_character_at_every_offset(int width)
    {
        var definition = typeof(OtherCodePages).GetMethod("IsWindows1252Image", BindingFlags.NonPublic | BindingFlags.Static)!.CreateDelegate<ImageCheck>();
        // é (Ã©), ‘ (â€˜: a special continuation), ๑ (à¹‘: E0 takes no special as its second byte), and plain ASCII.
        string[] runs = ["\u00C3\u00A9", "\u00E2\u20AC\u02DC", "\u00E0\u00B9\u2018", "ab"];
        char[] odd = ['\u0410', '\u2122', '\u0153', '\u20AC', '\u00E9', 'x', '\u00C3', '\uFFFD'];
        foreach (string run in runs)
        {
            string image = string.Concat(Enumerable.Repeat(run, 300 / run.Length + 1))[..300];
            foreach (int length in new[] { 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 128, 255, 256, 257, 300 })
            {
                for (int at = 0; at < length; at++)
                {
                    foreach (char c in odd)
                    {
                        char[] chars = image[..length].ToCharArray();
                        chars[at] = c;
                        string s = new(chars);
                        bool expected = definition(s, out _);
                        Assert.True(SequenceReader.IsUtf8Image(s, width) == expected, $"width {width}, length {length}, at {at}: {Escape(s)}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(VectorPathTests.Widths), MemberType = typeof(VectorPathTests))]
    public void Case_breaking_pair_gate_matches_its_definition(int width)
    {
        var definition = typeof(OtherCodePages).GetMethod("HasPairOf", BindingFlags.NonPublic | BindingFlags.Static)!.CreateDelegate<PairCheck>();
        var random = new Random(866);
        char[] alphabet = ['\u00C4', '\u00C6', '\u00E4', '\u00D0', '\u0160', '\u0161', '\u045F', '\u0420', '\u0440', '\u041F', '\u043F', 'a', 'B', '\u00E1', '\u015E', '\u00A9', ' ', '\u2500', '\u0392', '\u03B2'];
        for (int trial = 0; trial < 20000; trial++)
        {
            // Short lines, and lines long enough for the vector blocks (mostly Cyrillic and Greek small letters,
            // the pairs the vector masks drop).
            int length = trial % 2 == 0 ? random.Next(0, 12) : random.Next(12, 100);
            string s = new(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            bool expected = definition(s, ushort.MaxValue, true);
            Assert.True(OtherCodePages.MayChangeInDamagedLine(s, width) == expected, $"width {width}: {Escape(s)}");
        }
    }

    /// <summary>
    /// Every lead image of every code page followed by every continuation image that is a capital, at offsets on
    /// both sides of each vector block's edges, in a line of small letters: the vector paths find each one the
    /// definition finds, and, after a capital with a capital next, none that it does not.
    /// </summary>
    [Theory]
    [MemberData(nameof(VectorPathTests.Widths), MemberType = typeof(VectorPathTests))]
    public void Case_breaking_pair_gate_finds_every_pair_at_every_block_edge(int width)
    {
        var definition = typeof(OtherCodePages).GetMethod("HasPairOf", BindingFlags.NonPublic | BindingFlags.Static)!.CreateDelegate<PairCheck>();
        ReadOnlySpan<ushort> leads = SingleByteCodePage.LeadMasks, continuations = SingleByteCodePage.ContinuationMasks;
        var leadChars = new List<char>();
        var capitals = new List<char>();
        for (int c = 0; c <= 0xFFFF; c++)
        {
            if (leads[c] != 0)
            {
                leadChars.Add((char)c);
            }

            if (continuations[c] != 0 && char.IsUpper((char)c))
            {
                capitals.Add((char)c);
            }
        }

        Assert.NotEmpty(capitals);
        int[] offsets = [0, 1, 2, 7, 8, 9, 14, 15, 16, 17, 30, 31, 32, 33, 62, 63, 64, 65, 77];
        char[] line = new string('\u0430', 79).ToCharArray(); // small Cyrillic а: no pair of its own with itself
        foreach (char a in leadChars)
        {
            foreach (char b in capitals)
            {
                if ((leads[a] & continuations[b]) == 0)
                {
                    continue;
                }

                foreach (int at in offsets)
                {
                    foreach (char after in new[] { '\u0430', 'Q' })
                    {
                        line[at] = a;
                        line[at + 1] = b;
                        if (at + 2 < line.Length)
                        {
                            line[at + 2] = after;
                        }

                        string s = new(line);
                        bool expected = definition(s, ushort.MaxValue, true);
                        Assert.True(OtherCodePages.MayChangeInDamagedLine(s, width) == expected, $"width {width}, at {at}: {Escape(s)}");
                        line[at] = line[at + 1] = '\u0430';
                        if (at + 2 < line.Length)
                        {
                            line[at + 2] = '\u0430';
                        }
                    }
                }
            }
        }
    }

    /// <summary>The Windows-1252 image of random valid UTF-8 (letters of several scripts, symbols, emoji).</summary>
    private static string Image(Random random, int length)
    {
        int[] points = [0x41, 0x20, 0xE9, 0x416, 0x3B1, 0x5D0, 0x4E2D, 0xAC00, 0x2019, 0x1F600, 0x80, 0xA0];
        var text = new System.Text.StringBuilder();
        while (text.Length < length)
        {
            text.Append(char.ConvertFromUtf32(points[random.Next(points.Length)]));
        }

        return new string(System.Text.Encoding.UTF8.GetBytes(text.ToString()).Select(b => Windows1252.ToChar(b)).Take(length).ToArray());
    }

    // The definitions are private and take spans, which reflection cannot box: they are called through delegates.
    private delegate bool ImageCheck(ReadOnlySpan<char> text, out bool multiByte);

    private delegate bool PairCheck(ReadOnlySpan<char> word, ushort bits, bool breaksCase);

    private static bool Same(in Sequence a, in Sequence b) =>
        a.Start == b.Start && a.End == b.End && a.ByteCount == b.ByteCount && a.CodePoint == b.CodePoint && a.Bytes == b.Bytes
        && a.UnknownMask == b.UnknownMask && a.SpaceMask == b.SpaceMask && a.ReplacementMask == b.ReplacementMask
        && a.BulletMask == b.BulletMask && a.SawC1 == b.SawC1 && a.SawSpecial == b.SawSpecial && a.Evidence == b.Evidence;

    private static string Escape(ReadOnlySpan<char> s) => string.Concat(s.ToArray().Select(c => c is >= ' ' and < '\u007F' ? c.ToString() : $"\\u{(int)c:X4}"));
}
