using FsCheck;
using FsCheck.Fluent;
using MojibakeFix.CodePages;
using MojibakeFix.Corpus;
using MojibakeFix.Lossy;
using MojibakeFix.Repair;
using MojibakeFix.Tests.Support;

namespace MojibakeFix.Tests;

/// <summary>
/// The double-byte pass skips the code pages one pass over a line shows cannot hold a run in it. That is meant to
/// change nothing: every line gets the same check and the same repair as when every page is read.
/// </summary>
public class DoubleBytePageMaskTests
{
    private static readonly char Common = CjkFrequency.CharAt(0);
    private static readonly char Rare = (char)Enumerable.Range(0x4E00, 0x5000).First(c => !CjkFrequency.IsCommon(c));
    private static readonly char RareHangul = (char)Enumerable.Range(0xAC00, 0x2BA4).First(c => !CjkFrequency.IsCommon(c));

    /// <summary>The check and the repair of <paramref name="line"/>, reading every page or not.</summary>
    private static (bool Applies, string Repaired, string? Page) Run(string line, bool everyPage)
    {
        DoubleByteCodePages.t_readEveryPage = everyPage;
        try
        {
            DoubleByteCodePage? page = null;
            string repaired = DoubleByteCodePages.Repair(line, FixOptions.Default, null, ref page);
            return (DoubleByteCodePages.MayApply(line, FixOptions.Default), repaired, page?.Name);
        }
        finally
        {
            DoubleByteCodePages.t_readEveryPage = false;
        }
    }

    private static bool Same(string line) => Run(line, everyPage: false) == Run(line, everyPage: true);

    private static readonly Gen<string> Pieces = Gen.ArrayOf(Gen.Elements(
            "a", "Caf", " ", "?", "??", "・", "é", "ñ", "П", "ω", "-", ".", Common.ToString(), Rare.ToString(),
            RareHangul.ToString(), "の", "한", "。", "\uFF01", "茅", "鍙", "€"))
        .Select(parts => string.Concat(parts));

    [Fact]
    public void Random_lines_get_the_same_check_and_repair() =>
        Prop.ForAll(Gen.OneOf(Pieces, TextGen.AnyUtf16, TextGen.Sentence).ToArbitrary(), Same)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(3000).WithReplay(790, 0x9E3779B97F4A7C15));

    [Fact]
    public void Damaged_lines_get_the_same_check_and_repair() =>
        Prop.ForAll(Gen.Elements(936, 932, 949, 950).SelectMany(cp => TextGen.Sentence.Select(t => Damage.DoubleByte(t, cp))).ToArbitrary(), Same)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000).WithReplay(791, 0x9E3779B97F4A7C15));

    /// <summary>The catalogs' CJK and Cyrillic messages, correct and read as each double-byte code page.</summary>
    [CatalogFact]
    public void Catalog_lines_get_the_same_check_and_repair()
    {
        string[] languages = ["zh_CN", "zh_TW", "ja", "ko", "ru", "uk", "fr"];
        var messages = Catalogs.Messages().Where(m => languages.Contains(m.Language) && m.Text.Length < 200)
            .Select(m => m.Text).Distinct().Where((_, i) => i % 7 == 0).Take(3000).ToList();
        Assert.NotEmpty(messages);
        int differing = 0;
        foreach (string text in messages)
        {
            foreach (string line in new[] { text }.Concat(new[] { 936, 932, 949, 950 }.Select(cp => Damage.DoubleByte(text, cp))))
            {
                if (!Same(line))
                {
                    differing++;
                }
            }
        }

        Assert.Equal(0, differing);
    }
}
