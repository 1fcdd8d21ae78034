using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MojibakeFix.Corpus;
using MojibakeFix.Tests.Support;

namespace MojibakeFix.Tests;

/// <summary>The span core, its streaming mode, and the UTF-8 byte path agree with the string API.</summary>
public class SpanAndUtf8Tests
{
    private static Config Runs(int count) => Config.QuickThrowOnFailure.WithMaxTest(count).WithReplay(424242, 0x9E3779B97F4A7C15);

    private static readonly Gen<string> s_text = Gen.OneOf(TextGen.Sentence, TextGen.Sentence.Select(Damage.Cp1252),
        TextGen.Sentence.Select(t => Damage.CodePage(t, 1251)), TextGen.Sentence.Select(t => Damage.CodePage(t, 1250)),
        TextGen.Sentence.Zip(TextGen.Sentence).Select(t => t.Item1 + "\n" + Damage.Cp1252(t.Item2)), TextGen.AnyUtf16);

    [Fact]
    public void Span_core_matches_the_string_api() =>
        Prop.ForAll(s_text.ToArbitrary(), s =>
        {
            var destination = new char[Mojibake.GetMaxFixedLength(s.Length)];
            var status = Mojibake.Fix(s, destination, out int read, out int written);
            return status == OperationStatus.Done && read == s.Length && new string(destination, 0, written) == Mojibake.Fix(s);
        }).Check(Runs(1000));

    [Fact]
    public void Nothing_is_written_past_chars_written()
    {
        const string input = "CafÃ© lâ€™analisi ÃƒÂ©tÃƒÂ©";
        var destination = new char[input.Length + 8];
        Array.Fill(destination, '#');
        Assert.True(Mojibake.TryFix(input, destination, out int written));
        Assert.Equal("Café l’analisi été", new string(destination, 0, written));
        Assert.All(destination[written..], c => Assert.Equal('#', c));
    }

    [Fact]
    public void A_short_destination_is_reported_not_overrun()
    {
        var destination = new char[3];
        var status = Mojibake.Fix("CafÃ© au lait", destination, out int read, out int written);
        Assert.Equal(OperationStatus.DestinationTooSmall, status);
        Assert.Equal(0, read);
        Assert.Equal(0, written);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(4096)]
    public void Streaming_in_blocks_gives_the_whole_text_result(int blockSize)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 300; i++)
        {
            sb.Append(i % 3 == 0 ? "Il piÃ¹ bello è lâ€™analisi. " : i % 3 == 1 ? "Clean line with più and “quotes”.\n" : "ÃƒÂ©tÃƒÂ© Ð¿Ñ€Ð¸Ð²ÐµÑ‚ ");
        }

        string input = sb.ToString();
        Assert.Equal(Mojibake.Fix(input), Feed.SpanCore(input, blockSize));
    }

    /// <summary>
    /// With the other fixers on, the span and UTF-8 paths skip a text no stage can change by one test over the whole
    /// text; that test must hold wherever one line's repair would. Two-line texts from the catalogs, the first misread
    /// as a double-byte code page: the double-byte pass weighs a weak run (a lone 茅 for é) by its own line's words,
    /// which the whole text outvoted in the skip test once, so those paths left the line the string path repaired.
    /// </summary>
    [CatalogFact]
    public void With_fixers_on_every_path_repairs_a_double_byte_line_of_a_longer_text()
    {
        string[] messages = [.. Catalogs.Messages().Where((_, i) => i % 29 == 0).Select(m => m.Text)];
        var differing = new List<string>();
        int changed = 0;
        foreach (int codePage in (int[])[936, 950])
        {
            for (int i = 0; i + 1 < messages.Length; i += 2)
            {
                string text = Damage.DoubleByte(messages[i], codePage) + "\n" + messages[i + 1] + "\n";
                string expected = Mojibake.Fix(text, FixOptions.Ftfy);
                changed += ReferenceEquals(expected, text) ? 0 : 1;
                var span = new char[Mojibake.GetMaxFixedLength(text.Length, FixOptions.Ftfy)];
                bool fits = Mojibake.TryFix(text, span, out int written, FixOptions.Ftfy);
                string viaUtf8 = Encoding.UTF8.GetString(Mojibake.FixUtf8(Encoding.UTF8.GetBytes(text), FixOptions.Ftfy));
                if (!fits || new string(span, 0, written) != expected || (viaUtf8 != expected && Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) == text))
                {
                    differing.Add(text);
                }
            }
        }

        Assert.True(changed > 10000, $"only {changed} texts changed");
        Assert.Empty(differing);
    }

    [Fact]
    public void Utf8_path_matches_the_string_api() =>
        Prop.ForAll(s_text.ToArbitrary(), s =>
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(s); // lone surrogates become EF BF BD: compare on the decoded text
            string expected = Mojibake.Fix(Encoding.UTF8.GetString(utf8));
            return Encoding.UTF8.GetString(Mojibake.FixUtf8(utf8)) == expected;
        }).Check(Runs(1000));

    [Fact]
    public void Utf8_path_keeps_invalid_bytes_where_they_were()
    {
        byte[] input = [.. "CafÃ© "u8, 0xFF, 0xC3, .. " lâ€™x "u8, 0x80];
        byte[] expected = [.. "Café "u8, 0xFF, 0xC3, .. " l’x "u8, 0x80];
        Assert.Equal(expected, Mojibake.FixUtf8(input));
    }

    [Fact]
    public void Utf8_clean_text_is_copied_as_is()
    {
        Assert.True(Mojibake.IsCertainlyCleanUtf8(Encoding.UTF8.GetBytes("Привет, мир! Ελληνικά 日本語 Zürich")));
        byte[] input = Encoding.UTF8.GetBytes("Привет, мир! Ελληνικά 日本語 più été Straße");
        var writer = new ArrayBufferWriter<byte>();
        Assert.False(Mojibake.FixUtf8(input, writer));
        Assert.Equal(input, writer.WrittenSpan.ToArray());
    }
}
