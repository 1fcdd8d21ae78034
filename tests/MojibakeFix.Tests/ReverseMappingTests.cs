using MojibakeFix.CodePages;

namespace MojibakeFix.Tests;

/// <summary>
/// The reverse mappings the repair relies on: Windows-1252's table-driven one agrees with the code page for every
/// character, and the other code pages' lead images are never ASCII (so a line that is wholly the Windows-1252
/// image of valid UTF-8 holds no word for the other-code-page pass).
/// </summary>
public class ReverseMappingTests
{
    [Fact]
    public void TryGetByte_matches_the_code_page_for_every_character()
    {
        for (int c = 0; c <= char.MaxValue; c++)
        {
            int index = Windows1252.High.IndexOf((char)c);
            (bool found, byte expected) = c < 0x100 ? (true, (byte)c) : index >= 0 ? (true, (byte)(0x80 + index)) : (false, (byte)0);
            bool ok = Windows1252.TryGetByte((char)c, out byte b);
            Assert.True(ok == found && b == expected, $"U+{c:X4}: {ok} {b:X2}, expected {found} {expected:X2}");
        }
    }

    [Fact]
    public void Every_other_code_page_maps_each_character_back_to_the_byte_it_first_decodes_from()
    {
        // The reference is a plain search of the decode table: the first byte that shows the character, else (on a
        // Windows page with holes) the undefined byte whose Windows-1252 character it is.
        foreach (SingleByteCodePage page in SingleByteCodePage.Others)
        {
            bool windows = false;
            for (int b = 0x80; b < 0xA0; b++)
            {
                windows |= page.ToChar((byte)b) is < '\u0080' or > '\u009F';
            }

            for (int c = 0x80; c <= char.MaxValue; c++)
            {
                int expected = -1;
                for (int b = 0; b < 256 && expected < 0; b++)
                {
                    expected = page.ToChar((byte)b) == c ? b : -1;
                }

                for (int b = 0x80; b < 0xA0 && expected < 0 && windows; b++)
                {
                    expected = page.ToChar((byte)b) == b && Windows1252.ToChar((byte)b) == c ? b : -1;
                }

                bool ok = page.TryGetByte((char)c, out byte found);
                Assert.True(ok == expected >= 0 && (!ok || found == expected), $"{page.Name} U+{c:X4}: {ok} {found:X2}, expected {expected}");
            }
        }
    }

    [Fact]
    public void No_ASCII_character_is_the_lead_image_of_another_code_page()
    {
        for (char c = '\0'; c < 0x80; c++)
        {
            Assert.Equal(0, SingleByteCodePage.LeadMasks[c]);
        }
    }
}
