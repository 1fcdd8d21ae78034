using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MojibakeFix.Corpus;
using MojibakeFix.Repair;
using MojibakeFix.Tests.Support;

namespace MojibakeFix.Tests;

/// <summary>
/// <see cref="Mojibake.FixUtf8{TWriter}(ReadOnlySpan{byte}, TWriter, FixOptions?)"/> repairs a line of plain
/// Windows-1252 runs on its bytes (<see cref="Engine.TryRepairPlainUtf8Line"/>) instead of decoding it: its output
/// is exactly that of the decoding path, on the accuracy corpus, on lines built at the shortcut's edges and on
/// random text, under every option that changes what the engine's steps do; and the shortcut is really taken.
/// </summary>
public class PlainUtf8LineTests
{
    private static readonly Lazy<AccuracyCorpus> s_corpus = new(() => AccuracyCorpus.Load(stride: 60));

    private static readonly FixOptions[] s_presets =
    [
        FixOptions.Default,
        FixOptions.Default with { Lossy = LossyRepair.Leave },
        FixOptions.Default with { OtherCodePages = false },
        FixOptions.Default with { DoubleByteCodePages = false },
        FixOptions.Default with { MaxLayers = 1, FixC1Controls = false, RestoreLostNoBreakSpace = false },
    ];

    private static byte[] FixUtf8(byte[] utf8, FixOptions options, bool decodeEveryLine)
    {
        Mojibake.t_decodeEveryLine = decodeEveryLine;
        try
        {
            var writer = new ArrayBufferWriter<byte>();
            Mojibake.FixUtf8(utf8, writer, options);
            return writer.WrittenSpan.ToArray();
        }
        finally
        {
            Mojibake.t_decodeEveryLine = false;
        }
    }

    /// <summary>Whether the shortcut takes the line (each line of the input on its own).</summary>
    private static bool Taken(byte[] line, FixOptions options) =>
        Engine.TryRepairPlainUtf8Line(line, options, new byte[line.Length], out _);

    /// <summary>Both paths agree on every input and preset; the shortcut took at least <paramref name="minTaken"/> of them.</summary>
    private static void AssertSame(IEnumerable<string> inputs, int minTaken)
    {
        int taken = 0;
        foreach (string input in inputs)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(input);
            foreach (FixOptions options in s_presets)
            {
                byte[] expected = FixUtf8(utf8, options, decodeEveryLine: true);
                byte[] actual = FixUtf8(utf8, options, decodeEveryLine: false);
                if (!expected.AsSpan().SequenceEqual(actual))
                {
                    Assert.Fail($"input:    {input}\noptions:  {options}\nexpected: {Encoding.UTF8.GetString(expected)}\nactual:   {Encoding.UTF8.GetString(actual)}");
                }

                taken += input.Contains('\n', StringComparison.Ordinal) || !Taken(utf8, options) ? 0 : 1;
            }
        }

        Assert.True(taken >= minTaken, $"the shortcut took only {taken} inputs: it was hardly exercised");
    }

    [CatalogFact]
    public void Shortcut_matches_the_decoding_path_on_the_corpus()
    {
        AccuracyCorpus corpus = s_corpus.Value;
        IEnumerable<string> inputs = AccuracyCorpus.All.SelectMany(c => corpus.Cases(c)).Select(c => c.Input)
            .Concat(AccuracyCorpus.CodePages.SelectMany(p => corpus.CodePageCases(p.CodePage)).Select(c => c.Input))
            .Concat(AccuracyCorpus.Chains.SelectMany(p => corpus.ChainCases(p.CodePages)).Select(c => c.Input));
        AssertSame(inputs, 5000);
    }

    [Fact]
    public void Shortcut_matches_the_decoding_path_at_its_edges()
    {
        string[] words =
        [
            "Привет", "мир", "Ελληνικά", "日本語", "한국어", "עברית", "déjà", "naïve", "Zürich", "Straße", "€", "©", "™", "–",
            "Ã©", "Ãx", "×", "Ö", "ÖX", "aÉb", "MÄM", "é?", "\u0301", "a\u0301", "😀", "ｶﾀｶﾅ", "\u0085", "ŠŽ", "Œuvre", "à",
            "vÃ", "…", "'s", "\uFFFD", "Ā", "ÿ", "ł", "ő", "ū", "ø", "ÐÑ", "Ã", "\u00A0", "\u00AD", "Ż", "ә", "ﬁ", "İ",
            "éŁ", "óŚb", "ąŽ", "пЁ", "ΞΆ", "çŞ", // a small letter before a capital that is a continuation image of some page
            "ő", "ș", "ę", "ř", "ą", "Ő", "Ř", "ĩ", "ơ", "AB", "’ll", "’ve", "´s", "Ę", // letters whose pair proves nothing alone
            "già\u00A0", "à\u00A0", "\u00A0", "\u00A0:", "°C\u00A0!", "\u00A0%", "Z\u00A0", // à and Â before a no-break space
        ];
        var random = new Random(11);
        var inputs = new List<string>();
        foreach (string a in words)
        {
            foreach (string b in words)
            {
                // Each pair joined in the ways that decide a run's neighbours: glued, spaced, after a capital, as a
                // second layer, with a line break between.
                inputs.Add(Damage.Cp1252(a + b));
                inputs.Add(Damage.Cp1252(a + " " + b) + " x");
                inputs.Add("X" + Damage.Cp1252(a) + "Y" + Damage.Cp1252(b) + "Z");
                inputs.Add("A " + Damage.Cp1252(a) + " " + b);
                inputs.Add(Damage.Cp1252(Damage.Cp1252(a) + b));
                inputs.Add(Damage.Cp1252(a) + "\n" + Damage.Cp1252(b) + "\r\n" + a);
            }
        }

        for (int n = 0; n < 300; n++)
        {
            // Long runs without ASCII cross the 64-sequence limit at varied offsets.
            var line = new StringBuilder();
            int length = random.Next(1, 140);
            for (int k = 0; k < length; k++)
            {
                line.Append(words[random.Next(words.Length)]).Append(random.Next(4) == 0 ? " " : "");
            }

            inputs.Add(Damage.Cp1252(line.ToString()));
            inputs.Add(Damage.Latin1(line.ToString()));
        }

        AssertSame(inputs, 3000);
    }

    [Fact]
    public void Shortcut_matches_the_decoding_path_on_random_text()
    {
        Gen<string> line = Gen.OneOf(TextGen.Sentence, TextGen.Sentence.Select(Damage.Cp1252), TextGen.Sentence.Select(t => Damage.Cp1252(t, 2)),
            TextGen.Sentence.Select(Damage.Latin1), TextGen.Sentence.Select(t => Damage.CodePage(t, 1251)), TextGen.AnyUtf16);
        Gen<string> text = Gen.ListOf(Gen.Zip(line, Gen.Elements("\n", "\r\n", "")).Select(p => p.Item1 + p.Item2)).Select(string.Concat);
        Prop.ForAll(text.ToArbitrary(), input =>
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(input);
            foreach (FixOptions options in s_presets)
            {
                byte[] expected = FixUtf8(utf8, options, decodeEveryLine: true);
                byte[] actual = FixUtf8(utf8, options, decodeEveryLine: false);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"input: {input}\nexpected: {Encoding.UTF8.GetString(expected)}\nactual:   {Encoding.UTF8.GetString(actual)}");
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1500).WithReplay(20261204, 0x9E3779B97F4A7C15));
    }

    [Fact]
    public void Invalid_bytes_and_other_characters_leave_the_line_to_the_decoding_path()
    {
        byte[][] lines =
        [
            [.. "caf"u8, 0xC3, 0x83, 0xC2, 0xA9, 0xFF, (byte)'\n'], // an invalid byte after a run
            [.. "caf"u8, 0xC3, 0x83, 0xC2, 0xA9, .. "é"u8], // a correct letter beside a run
            [.. "caf"u8, 0xC3, 0x83], // a lead image at the end
            [.. "caf"u8, 0xC3, 0x83, (byte)' ', 0xC2, 0xA9], // a lost no-break space
            [.. "plain ascii\n"u8],
        ];
        foreach (byte[] line in lines)
        {
            Assert.False(Taken(line, FixOptions.Default), Encoding.UTF8.GetString(line));
        }

        Assert.True(Taken([.. "caf"u8, 0xC3, 0x83, 0xC2, 0xA9, (byte)'\n'], FixOptions.Default));
    }
}
