using System.Runtime.CompilerServices;

namespace MojibakeFix.CodePages;

/// <summary>
/// Windows-1252 as real systems decode it ("sloppy"): the five undefined bytes 0x81 0x8D 0x8F 0x90 0x9D pass
/// through as U+0081…, and every other byte maps as Latin-1 does. The reverse direction also accepts the C1
/// controls U+0080–U+009F, so one table undoes both a Windows-1252 and a Latin-1 decoding.
/// </summary>
internal static class Windows1252
{
    /// <summary>Characters of bytes 0x80–0x9F (Windows-1252), undefined bytes passed through as C1 controls.</summary>
    internal static ReadOnlySpan<char> High =>
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', // 0x80
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F', // 0x88
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', // 0x90
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178', // 0x98
    ];

    /// <summary>Decodes one byte as sloppy Windows-1252.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static char ToChar(byte b) => b is >= 0x80 and < 0xA0 ? High[b - 0x80] : (char)b;

    /// <summary>True for the bytes Windows-1252 leaves undefined.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsUndefined(byte b) => b is 0x81 or 0x8D or 0x8F or 0x90 or 0x9D;

    /// <summary>
    /// The byte a character came from, under Windows-1252 or Latin-1 decoding; false for characters that
    /// neither code page produces.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryGetByte(char c, out byte b)
    {
        if (c < 0x100)
        {
            b = (byte)c;
            return true;
        }

        // The 27 characters above U+00FF fall into distinct slots of (c ^ c >> 8) & 0x7F: one lookup, no branches
        // to mispredict in text full of them (‚ € ™ “ …).
        int slot = (c ^ (c >> 8)) & 0x7F;
        b = SlotChar[slot] == c ? SlotByte[slot] : (byte)0;
        return b != 0;
    }

    // Static data (no initializer to run, and no bounds check after the & 0x7F): at slot (c ^ c >> 8) & 0x7F, each
    // character of High above U+00FF and the byte it stands for. ReverseMappingTests checks every character.
    private static ReadOnlySpan<char> SlotChar =>
    [
        '\u2020', '\u2021', '\u2022', '\u2122', '\u0000', '\u0000', '\u2026', '\u0000',
        '\u0000', '\u0000', '\u0000', '\u0000', '\u20AC', '\u0000', '\u0000', '\u0000',
        '\u2030', '\u0000', '\u0000', '\u0192', '\u0000', '\u0000', '\u0000', '\u0000',
        '\u0000', '\u2039', '\u203A', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000',
        '\u0000', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000',
        '\u0000', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000',
        '\u0000', '\u0000', '\u0000', '\u2013', '\u2014', '\u0000', '\u0000', '\u0000',
        '\u2018', '\u2019', '\u201A', '\u0000', '\u201C', '\u201D', '\u201E', '\u0000',
        '\u0000', '\u0000', '\u0000', '\u0000', '\u02C6', '\u0000', '\u0000', '\u0000',
        '\u0000', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000',
        '\u0000', '\u0000', '\u0153', '\u0152', '\u0000', '\u0000', '\u0000', '\u0000',
        '\u0000', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000', '\u02DC', '\u0000',
        '\u0161', '\u0160', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000',
        '\u0000', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000',
        '\u0000', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000', '\u0000',
        '\u0000', '\u0178', '\u0000', '\u0000', '\u017D', '\u0000', '\u0000', '\u017E',
    ];

    private static ReadOnlySpan<byte> SlotByte =>
    [
        0x86, 0x87, 0x95, 0x99, 0x00, 0x00, 0x85, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00,
        0x89, 0x00, 0x00, 0x83, 0x00, 0x00, 0x00, 0x00, 0x00, 0x8B, 0x9B, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x96, 0x97, 0x00, 0x00, 0x00, 0x91, 0x92, 0x82, 0x00, 0x93, 0x94, 0x84, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x88, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x9C, 0x8C, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x98, 0x00,
        0x9A, 0x8A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x9F, 0x00, 0x00, 0x8E, 0x00, 0x00, 0x9E,
    ];

    /// <summary>The byte of a continuation character (0x80–0xBF), or 0 when the character is not one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static byte ContinuationByte(char c) =>
        TryGetByte(c, out byte b) && b is >= 0x80 and <= 0xBF ? b : (byte)0;
}
