using System.Buffers;

namespace MojibakeFix.Tests;

/// <summary>CESU-8 surrogate pairs and Java's C0 80 in raw UTF-8 bytes (issue 5).</summary>
public class ModifiedUtf8Tests
{
    // 😍 (U+1F60D) as CESU-8: D83D → ED A0 BD, DE0D → ED B8 8D.
    private static readonly byte[] Cesu = [(byte)'H', (byte)'i', 0x20, 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x8D, 0x20, (byte)'A', 0xC0, 0x80, (byte)'B'];
    private static readonly byte[] Utf8 = [(byte)'H', (byte)'i', 0x20, 0xF0, 0x9F, 0x98, 0x8D, 0x20, (byte)'A', 0x00, (byte)'B'];

    [Fact]
    public void Surrogate_pairs_and_c0_80_become_utf8()
    {
        var writer = new ArrayBufferWriter<byte>();
        Assert.True(Mojibake.FixUtf8(Cesu, writer));
        Assert.Equal(Utf8, writer.WrittenSpan.ToArray());
        Assert.Equal(Utf8, Mojibake.FixUtf8(Cesu));
    }

    [Fact]
    public void The_span_core_rewrites_them_too()
    {
        var destination = new byte[Mojibake.GetMaxFixedUtf8Length(Cesu.Length)];
        Assert.Equal(OperationStatus.Done, Mojibake.FixUtf8(Cesu, destination, out int read, out int written));
        Assert.Equal(Cesu.Length, read);
        Assert.Equal(Utf8, destination[..written]);
    }

    [Fact]
    public void The_option_off_keeps_every_invalid_byte()
    {
        var off = FixOptions.Default with { DecodeModifiedUtf8 = false };
        Assert.Equal(Cesu, Mojibake.FixUtf8(Cesu, off));
    }

    [Theory]
    [InlineData(new byte[] { 0xED, 0xA0, 0xBD, 0x41 })] // a lone high surrogate
    [InlineData(new byte[] { 0xED, 0xB8, 0x8D, 0xED, 0xA0, 0xBD })] // low then high: no pair
    [InlineData(new byte[] { 0xC0, 0x81 })] // an overlong form that is not NUL
    [InlineData(new byte[] { 0xC0 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0xBD, 0xED, 0xB8 })] // cut short
    public void Other_invalid_bytes_stay_as_they_are(byte[] input) => Assert.Equal(input, Mojibake.FixUtf8(input));

    [Fact]
    public void Cesu8_misread_as_windows_1252_is_repaired_in_text() =>
        Assert.Equal("Hi guys 😍", Mojibake.Fix("Hi guys \u00ED\u00A0\u00BD\u00ED\u00B8\u008D"));
}
