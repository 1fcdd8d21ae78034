using MojibakeFix.CodePages;

namespace MojibakeFix.Tests;

/// <summary>The table-driven reverse mapping of Windows-1252 agrees with the code page's own table for every character.</summary>
public class Windows1252Tests
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
}
