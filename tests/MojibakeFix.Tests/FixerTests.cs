using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MojibakeFix.Corpus;
using MojibakeFix.Tests.Support;

namespace MojibakeFix.Tests;

/// <summary>
/// The other fixers of <see cref="FixOptions"/> (issue 5): each on its own, all off by default, the ftfy preset,
/// explanations in input coordinates, and the span core's room.
/// </summary>
public class FixerTests
{
    /// <summary>Correct words of several scripts, none of them damage.</summary>
    private static readonly Gen<string> s_words = Gen.Elements("Tom", "and", "Jerry", "café", "naïve", "Ελληνικά", "日本語", "привет", "l’été", "«Ça»", "42", "Straße", "œuvre", "½");

    private static readonly UTF8Encoding s_strict = new(false, throwOnInvalidBytes: true);

    private static readonly FixOptions s_html = FixOptions.Default with { DecodeHtmlEntities = HtmlEntityDecoding.Auto };

    private static Config Runs(int count, ulong seed) => Config.QuickThrowOnFailure.WithMaxTest(count).WithReplay(seed, 0x9E3779B97F4A7C15);

    private static string Escape(string s) => string.Concat(s.Select(c => c is < ' ' or (>= '\u007f' and < '\u00a0') or (>= '\uD800' and <= '\uDFFF') ? $"\\u{(int)c:X4}" : c.ToString()));

    private static bool Holds(bool ok, string what, string input) =>
        ok ? true : throw new Xunit.Sdk.XunitException($"{what}: {Escape(input)}");

    [Theory]
    [InlineData("Tom &amp; Jerry", "Tom & Jerry")]
    [InlineData("caf&eacute; &EACUTE;T&Eacute; &#233; &#xE9; &#XE9;", "café ÉTÉ é é é")]
    [InlineData("&lt;b&gt;bold&lt;/b&gt;", "<b>bold</b>")]
    [InlineData("&amp;amp;amp;", "&")]
    [InlineData("&amp;lt;", "<")]
    [InlineData("&am&#112;;", "&")]
    [InlineData("&#x1F600; &#128512;", "😀 😀")]
    [InlineData("&#128; &#x9D; &#0; &#xD800; &#1114112; &#99999999999999;", "€ \u009D \uFFFD \uFFFD \uFFFD \uFFFD")]
    [InlineData("a&#1;b &#xFFFF;c", "ab c")]
    [InlineData("&SZLIG; &FFLIG;", "SS FF")]
    [InlineData("&nbsp &amp &#12ab; &#x; &; &unknown; &#;", "&nbsp &amp &#12ab; &#x; &; &unknown; &#;")]
    [InlineData("&abcdefghijklmnopqrstuvwxyz;", "&abcdefghijklmnopqrstuvwxyz;")]
    [InlineData("&Atilde;&copy;t&Atilde;&copy;", "été")]
    public void Html_references_are_decoded_outside_html(string input, string expected) =>
        Assert.Equal(expected, Mojibake.Fix(input, s_html));

    [Fact]
    public void Html_auto_leaves_lines_that_look_like_html_and_always_does_not()
    {
        const string text = "<p>Tom &amp; Jerry</p>\nTom &amp; Jerry";
        Assert.Equal("<p>Tom &amp; Jerry</p>\nTom & Jerry", Mojibake.Fix(text, s_html));
        Assert.Equal("<p>Tom & Jerry</p>\nTom & Jerry", Mojibake.Fix(text, FixOptions.Default with { DecodeHtmlEntities = HtmlEntityDecoding.Always }));
    }

    [Theory]
    [InlineData("\u001b[31mred\u001b[0m and \u001b[1;4mbold\u001b[m", "red and bold")]
    [InlineData("\u001b[ not one, \u001b alone, \u001b[12", "\u001b[ not one, \u001b alone, \u001b[12")]
    public void Terminal_escapes_are_removed(string input, string expected) =>
        Assert.Equal(expected, Mojibake.Fix(input, FixOptions.Default with { RemoveTerminalEscapes = true }));

    [Fact]
    public void Control_characters_are_removed_but_whitespace_c1_and_joiners_kept()
    {
        var options = FixOptions.Default with { RemoveControlCharacters = true, FixC1Controls = false };
        Assert.Equal("abcdefg\t\n\f\r\u200D\u200F\u202E\u0081\u2028h", Mojibake.Fix("\uFEFFa\u0000b\u0007c\u007Fd\u206Ae\uFFFCf\u000B\u001Ag\t\n\f\r\u200D\u200F\u202E\u0081\u2028h", options));
    }

    [Fact]
    public void Lone_surrogates_become_replacement_characters_and_pairs_stay()
    {
        var options = FixOptions.Default with { ReplaceLoneSurrogates = true };
        Assert.Equal("a\uFFFDb\uFFFD😀\uFFFD", Mojibake.Fix("a\uD800b\uDC00😀\uD83D", options));
    }

    [Fact]
    public void Line_breaks_become_line_feeds()
    {
        var options = FixOptions.Default with { NormalizeLineBreaks = true, FixC1Controls = false };
        Assert.Equal("a\nb\nc\nd\ne\nf\n\ng", Mojibake.Fix("a\r\nb\rc\u2028d\u2029e\u0085f\n\ng", options));

        // With C1 controls on (the preset), U+0085 is first the Windows-1252 ellipsis it stood for, as in ftfy.
        Assert.Equal("pressure’…", Mojibake.Fix("pressure’\u0085", FixOptions.Default with { NormalizeLineBreaks = true }));
    }

    [Fact]
    public void Latin_ligatures_are_expanded_and_other_presentation_forms_kept()
    {
        var options = FixOptions.Default with { ExpandLigatures = true };
        Assert.Equal("final flow affine baffle ſt st IJ ij ʼn DŽ Dž dž LJ Lj lj NJ Nj nj DZ Dz dz ﻻ ﬓ", Mojibake.Fix("ﬁnal ﬂow aﬃne baﬄe ﬅ ﬆ Ĳ ĳ ŉ Ǆ ǅ ǆ Ǉ ǈ ǉ Ǌ ǋ ǌ Ǳ ǲ ǳ ﻻ ﬓ", options));
    }

    [Fact]
    public void Full_width_characters_are_narrowed_and_half_width_kana_widened()
    {
        var options = FixOptions.Default with { NarrowFullWidth = true };
        Assert.Equal("Hello world! 123", Mojibake.Fix("Ｈｅｌｌｏ\u3000ｗｏｒｌｄ！\u3000１２３", options));
        Assert.Equal("カタカナ。「」", Mojibake.Fix("ｶﾀｶﾅ｡｢｣", options));
        Assert.Equal("\u00A2\u00A3\u00AC \u0304\u00A6\u00A5\u20A9\u2502\u2190\u2191\u2192\u2193\u25A0\u25CB", Mojibake.Fix("\uFFE0\uFFE1\uFFE2\uFFE3\uFFE4\uFFE5\uFFE6\uFFE8\uFFE9\uFFEA\uFFEB\uFFEC\uFFED\uFFEE", options));
        Assert.Equal("漢字 かな", Mojibake.Fix("漢字 かな", options)); // already full width
    }

    [Fact]
    public void Curly_quotes_are_straightened_and_primes_and_guillemets_kept()
    {
        var options = FixOptions.Default with { StraightenQuotes = true };
        Assert.Equal("\"a\" 'b' \"c\" \"d\" 'e' 'f 'n ″ ′ « » ‹ ›", Mojibake.Fix("“a” ‘b’ „c‟ “d” ‚e‛ ʼf ʼn ″ ′ « » ‹ ›", options));
    }

    [NormalizationFact]
    public void Text_is_normalized_to_the_requested_form()
    {
        Assert.Equal("café Å", Mojibake.Fix("cafe\u0301 \u212B", FixOptions.Default with { Normalization = NormalizationForm.FormC }));
        Assert.Equal("cafe\u0301", Mojibake.Fix("café", FixOptions.Default with { Normalization = NormalizationForm.FormD }));
        Assert.Equal("fi 2", Mojibake.Fix("ﬁ ²", FixOptions.Default with { Normalization = NormalizationForm.FormKC }));
        Assert.Equal("ガ", Mojibake.Fix("ｶﾞ", FixOptions.Ftfy)); // narrowed, then the voicing mark composed
    }

    [NormalizationFact]
    public void Normalization_keeps_lone_surrogates_and_never_throws()
    {
        var options = FixOptions.Default with { Normalization = NormalizationForm.FormC };
        const string text = "e\u0301\uD800e\u0301\uDC00";
        string fixedText = Mojibake.Fix(text, options);
        Assert.Equal("é\uD800é\uDC00", fixedText);

        // The span core and the UTF-16 string path agree on it.
        var destination = new char[Mojibake.GetMaxFixedLength(text.Length, options)];
        Assert.True(Mojibake.TryFix(text, destination, out int written, options));
        Assert.Equal(fixedText, new string(destination, 0, written));
    }

    [Fact]
    public void The_preset_is_ftfy_defaults()
    {
        FixOptions o = FixOptions.Ftfy;
        Assert.Equal(LossyRepair.Replace, o.Lossy);
        Assert.Equal(HtmlEntityDecoding.Auto, o.DecodeHtmlEntities);
        Assert.True(o.RemoveTerminalEscapes && o.RemoveControlCharacters && o.ReplaceLoneSurrogates && o.NormalizeLineBreaks
            && o.ExpandLigatures && o.NarrowFullWidth && o.StraightenQuotes && o.FixC1Controls && o.RestoreLostNoBreakSpace);
        Assert.Equal(NormalizationForm.FormC, o.Normalization);
        Assert.Equal("Tom & \"Jerry\" 'n final Ａ", Mojibake.Fix("Tom &amp; “Jerry” ŉ ﬁnal &#xFF21;", FixOptions.Ftfy with { NarrowFullWidth = false }));
    }

    [Fact]
    public void Every_fixer_is_off_by_default()
    {
        FixOptions d = FixOptions.Default;
        Assert.Equal(HtmlEntityDecoding.Off, d.DecodeHtmlEntities);
        Assert.False(d.RemoveTerminalEscapes || d.RemoveControlCharacters || d.ReplaceLoneSurrogates || d.NormalizeLineBreaks
            || d.ExpandLigatures || d.NarrowFullWidth || d.StraightenQuotes);
        Assert.Null(d.Normalization);
        Assert.False(d.HasFixers);
        Assert.True(FixOptions.Ftfy.HasFixers);
        Assert.False((FixOptions.Ftfy with
        {
            DecodeHtmlEntities = HtmlEntityDecoding.Off, RemoveTerminalEscapes = false, RemoveControlCharacters = false,
            ReplaceLoneSurrogates = false, NormalizeLineBreaks = false, ExpandLigatures = false, NarrowFullWidth = false,
            StraightenQuotes = false, Normalization = null,
        }).HasFixers);
    }

    [Fact]
    public void With_default_options_text_the_fixers_would_change_comes_back_as_the_same_instance() =>
        Prop.ForAll(Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(Gen.Frequency((2, s_words), (3, Gen.Elements(TextGen.FixerBits))), n)).Select(a => string.Join(" ", a)).ToArbitrary(), s =>
        {
            // Without the bits that are damage (mojibake, a C1 control), everything the other fixers act on stays.
            string clean = s.Replace("â€œ", "", StringComparison.Ordinal).Replace("CafÃ©", "", StringComparison.Ordinal).Replace("\u0085", "", StringComparison.Ordinal);
            return Holds(ReferenceEquals(clean, Mojibake.Fix(clean)), "changed by default", clean);
        }).Check(Runs(2000, 20261201));

    [Fact]
    public void The_preset_returns_the_same_instance_when_nothing_changes()
    {
        const string text = "Plain text, with an apostrophe ' and é, 日本語, Ελληνικά.\nSecond line";
        Assert.Same(text, Mojibake.Fix(text, FixOptions.Ftfy));
        Assert.Empty(Mojibake.FixAndExplain(text, FixOptions.Ftfy).Steps);
    }

    [Fact]
    public void The_preset_is_idempotent_and_never_throws() =>
        Prop.ForAll(Gen.OneOf(TextGen.WithFixerBits, TextGen.WithFixerBits.Select(Damage.Cp1252), TextGen.AnyUtf16).ToArbitrary(), s =>
        {
            string once = Mojibake.Fix(s, FixOptions.Ftfy);
            FixResult explained = Mojibake.FixAndExplain(s, FixOptions.Ftfy);
            return Holds(Mojibake.Fix(once, FixOptions.Ftfy) == once, "not idempotent", s)
                && Holds(explained.Text == once, "FixAndExplain differs from Fix", s)
                && Holds(!HasLoneSurrogate(once), "a lone surrogate survived", s);
        }).Check(Runs(3000, 20261202));

    [Fact]
    public void Steps_lie_in_the_input_and_rebuild_the_output() =>
        Prop.ForAll(Gen.OneOf(TextGen.WithFixerBits, TextGen.WithFixerBits.Select(Damage.Cp1252), TextGen.AnyUtf16).ToArbitrary(), s =>
        {
            FixResult r = Mojibake.FixAndExplain(s, FixOptions.Ftfy);
            var rebuilt = new StringBuilder();
            int at = 0;
            foreach (FixStep step in r.Steps)
            {
                Holds(step.Index >= at && step.Index + step.Length <= s.Length, "a step out of order or outside the input", s);
                Holds(s.Substring(step.Index, step.Length) == step.Original, "a step's original is not the input there", s);
                rebuilt.Append(s, at, step.Index - at).Append(step.Replacement);
                at = step.Index + step.Length;
            }

            rebuilt.Append(s, at, s.Length - at);
            return Holds(rebuilt.ToString() == r.Text, "the steps do not rebuild the output", s);
        }).Check(Runs(3000, 20261203));

    [Fact]
    public void Each_fixer_is_one_step_of_its_kind_in_input_coordinates()
    {
        const string input = "\uFEFFTom &amp; “Jerry” ﬁne\r\nCafÃ© \u001b[1mＡ\u001b[0m";
        FixResult r = Mojibake.FixAndExplain(input, FixOptions.Ftfy);
        Assert.Equal("Tom & \"Jerry\" fine\nCafé A", r.Text);
        Assert.Collection(r.Steps,
            s => Assert.Equal((0, 1, "\uFEFF", "", FixKind.ControlCharacter), (s.Index, s.Length, s.Original, s.Replacement, s.Kind)),
            s => Assert.Equal((5, 5, "&amp;", "&", FixKind.HtmlEntity), (s.Index, s.Length, s.Original, s.Replacement, s.Kind)),
            s => Assert.Equal((11, 1, "“", "\"", FixKind.CurlyQuote), (s.Index, s.Length, s.Original, s.Replacement, s.Kind)),
            s => Assert.Equal((17, 1, "”", "\"", FixKind.CurlyQuote), (s.Index, s.Length, s.Original, s.Replacement, s.Kind)),
            s => Assert.Equal((19, 1, "ﬁ", "fi", FixKind.Ligature), (s.Index, s.Length, s.Original, s.Replacement, s.Kind)),
            s => Assert.Equal((22, 2, "\r\n", "\n", FixKind.LineBreak), (s.Index, s.Length, s.Original, s.Replacement, s.Kind)),
            s => Assert.Equal((27, 2, "Ã©", "é", FixKind.Mojibake), (s.Index, s.Length, s.Original, s.Replacement, s.Kind)),
            s => Assert.Equal((30, 4, "\u001b[1m", "", FixKind.TerminalEscape), (s.Index, s.Length, s.Original, s.Replacement, s.Kind)),
            s => Assert.Equal((34, 1, "Ａ", "A", FixKind.CharacterWidth), (s.Index, s.Length, s.Original, s.Replacement, s.Kind)),
            s => Assert.Equal((35, 4, "\u001b[0m", "", FixKind.TerminalEscape), (s.Index, s.Length, s.Original, s.Replacement, s.Kind)));
        Assert.All(r.Steps.Where(s => s.Kind >= FixKind.HtmlEntity), s => Assert.Empty(s.Encodings));
        Assert.Equal("HTML entity", r.Steps[1].Chain);
    }

    [Fact]
    public void A_site_several_stages_changed_is_one_step_of_the_first_kind()
    {
        // The references decode to mojibake, which the encoding repair then undoes, and the quote is straightened.
        FixResult r = Mojibake.FixAndExplain("x &Atilde;&copy; &#x201C;y", FixOptions.Ftfy);
        Assert.Equal("x é \"y", r.Text);
        Assert.Collection(r.Steps,
            s => Assert.Equal((2, 14, "&Atilde;&copy;", "é", FixKind.HtmlEntity), (s.Index, s.Length, s.Original, s.Replacement, s.Kind)),
            s => Assert.Equal((17, 8, "&#x201C;", "\"", FixKind.HtmlEntity), (s.Index, s.Length, s.Original, s.Replacement, s.Kind)));
    }

    [Fact]
    public void Detect_reports_encoding_damage_only()
    {
        DetectionResult d = Mojibake.Detect("Tom &amp; “Jerry” CafÃ©", FixOptions.Ftfy);
        DamageSite site = Assert.Single(d.Sites);
        Assert.Equal(21, site.Index);
    }

    [Fact]
    public void The_span_core_reports_too_small_a_destination_when_a_fixer_lengthens_text()
    {
        var options = FixOptions.Default with { ExpandLigatures = true };
        Assert.Equal(5, Mojibake.GetMaxFixedLength(5, FixOptions.Default));
        Assert.Equal(5, Mojibake.GetMaxFixedLength(5, null));
        Assert.Equal(15, Mojibake.GetMaxFixedLength(5, options));
        Assert.Equal(Array.MaxLength, Mojibake.GetMaxFixedLength(int.MaxValue, FixOptions.Ftfy));

        var small = new char[4];
        Assert.Equal(OperationStatus.DestinationTooSmall, Mojibake.Fix("aﬃb", small, out int read, out int written, true, options));
        Assert.Equal((0, 0), (read, written));

        var room = new char[Mojibake.GetMaxFixedLength(4, options)];
        Assert.Equal(OperationStatus.Done, Mojibake.Fix("aﬃb", room, out read, out written, true, options));
        Assert.Equal("affib", new string(room, 0, written));

        byte[] utf8 = Encoding.UTF8.GetBytes("aﬃbŉ");
        var bytes = new byte[Mojibake.GetMaxFixedUtf8Length(utf8.Length, options)];
        Assert.Equal(OperationStatus.Done, Mojibake.FixUtf8(utf8, bytes, out _, out written, true, options));
        Assert.Equal("affibʼn", Encoding.UTF8.GetString(bytes, 0, written));
    }

    [Fact]
    public void The_span_core_does_not_cut_between_cr_and_lf()
    {
        var options = FixOptions.Default with { NormalizeLineBreaks = true };
        var destination = new char[16];
        Assert.Equal(OperationStatus.NeedMoreData, Mojibake.Fix("ab\ncd\r", destination, out int read, out int written, false, options));
        Assert.Equal((3, "ab\n"), (read, new string(destination, 0, written)));
        Assert.Equal(OperationStatus.Done, Mojibake.Fix("cd\r\nef", destination, out read, out written, true, options));
        Assert.Equal("cd\nef", new string(destination, 0, written));

        byte[] bytes = new byte[16];
        Assert.Equal(OperationStatus.NeedMoreData, Mojibake.FixUtf8("ab\ncd\r"u8, bytes, out read, out written, false, options));
        Assert.Equal(3, read);
    }

    [Fact]
    public void Utf8_ascii_input_goes_through_the_fixers()
    {
        Assert.Equal("Tom & Jerry", Encoding.UTF8.GetString(Mojibake.FixUtf8("Tom &amp; Jerry"u8, s_html)));
        Assert.Equal("Tom &amp; Jerry", Encoding.UTF8.GetString(Mojibake.FixUtf8("Tom &amp; Jerry"u8)));
    }

    /// <summary>A strict UTF-8 encoder throws on a lone surrogate.</summary>
    private static bool HasLoneSurrogate(string s)
    {
        try
        {
            s_strict.GetByteCount(s);
            return false;
        }
        catch (EncoderFallbackException)
        {
            return true;
        }
    }
}

/// <summary>A fact that needs the runtime's Unicode normalization; skipped in globalization-invariant mode, where .NET normalizes only ASCII.</summary>
public sealed class NormalizationFactAttribute : FactAttribute
{
    public NormalizationFactAttribute()
    {
        if ("e\u0301".Normalize(NormalizationForm.FormC) != "é")
        {
            Skip = "this runtime does not normalize non-ASCII text (globalization-invariant mode)";
        }
    }
}
