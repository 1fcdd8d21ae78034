using System.Text;
using MojibakeFix.CodePages;

namespace MojibakeFix.Tests;

/// <summary>
/// <see cref="DoubleByteCodePage.MayBeInRun"/> lets the double-byte pass skip a stretch whose only rare characters
/// a page cannot have read from UTF-8 bytes. That is safe only if it holds every character real damage through the
/// page shows: checked here on every character of the Basic Multilingual Plane, in both byte alignments.
/// </summary>
public class RunCharacterTests
{
    public static TheoryData<int> Pages() => [936, 932, 949, 950];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_character_of_real_damage_may_be_in_a_run(int codePage)
    {
        DoubleByteCodePage page = DoubleByteCodePage.All.Single(p => p.CodePage == codePage);
        Encoding decoder = Encoding.GetEncoding(codePage); // the damage's own decoder, with its default fallbacks
        var missed = new List<string>();
        var text = new StringBuilder();
        for (int c = 0x80; c < 0x10000 && missed.Count < 10; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            // The character twice, then after a two-byte and a three-byte letter: its bytes fall on both sides of
            // the decoder's pairs, beside continuations, leads and ASCII.
            string s = ((char)c).ToString();
            text.Clear().Append('x').Append(s).Append(s).Append('x').Append('é').Append(s).Append('€').Append(s).Append("x");
            foreach (char d in decoder.GetString(Encoding.UTF8.GetBytes(text.ToString())))
            {
                if (d >= 0x80 && d != '\uFFFD' && !page.MayBeInRun(d))
                {
                    missed.Add($"U+{d:X4} from U+{c:X4}");
                }
            }
        }

        Assert.Empty(missed);
    }

    [Theory]
    [InlineData(0x80, true)] // a continuation alone
    [InlineData(0xC3, true)] // a lead alone (Shift_JIS's half-width katakana)
    [InlineData(0xC0, false)] // never in UTF-8
    [InlineData(0xF5, false)]
    [InlineData(0x41, false)] // ASCII is no character of a double-byte page
    [InlineData(0xC3A9, true)] // lead, continuation: é itself
    [InlineData(0xA9C3, true)] // continuation, lead: the end of one letter and the start of the next
    [InlineData(0xA941, true)] // continuation, ASCII
    [InlineData(0xC341, false)] // a lead before ASCII
    [InlineData(0xC3C3, false)] // a lead before a lead
    [InlineData(0xE4C0, false)]
    [InlineData(0xFEA1, false)]
    public void Bytes_fit_utf8_by_their_classes(int bytes, bool fits) =>
        Assert.Equal(fits, DoubleByteCodePage.FitsUtf8((ushort)bytes));

    [Fact]
    public void Hangul_is_in_no_run_of_the_pages_that_lack_it()
    {
        foreach (DoubleByteCodePage page in DoubleByteCodePage.All.Where(p => p.CodePage != 949))
        {
            Assert.DoesNotContain(Enumerable.Range(0xAC00, 0xD7A4 - 0xAC00), c => page.MayBeInRun((char)c));
        }

        DoubleByteCodePage korean = DoubleByteCodePage.All.Single(p => p.CodePage == 949);
        Assert.Contains(Enumerable.Range(0xAC00, 0xD7A4 - 0xAC00), c => korean.MayBeInRun((char)c));
        Assert.Contains(Enumerable.Range(0xAC00, 0xD7A4 - 0xAC00), c => !korean.MayBeInRun((char)c)); // rows C9–FE lead no UTF-8
    }
}
