using System.Buffers;
using System.Text;

namespace MojibakeFix.Repair;

/// <summary>
/// CESU-8 and Java's "modified UTF-8" in raw bytes: a character above U+FFFF written as its two surrogates, each
/// as a three-byte sequence (ED A0–AF xx ED B0–BF xx), and NUL written as C0 80. Both are invalid UTF-8, so a
/// strict decoder rejects them; they are rewritten as the UTF-8 of the characters they stand for. A lone
/// surrogate's bytes and every other invalid byte stay as they are.
/// </summary>
internal static class ModifiedUtf8
{
    /// <summary>
    /// When <paramref name="utf8"/> starts with a CESU-8 surrogate pair or C0 80, writes its UTF-8 form and returns
    /// the number of bytes read; else 0.
    /// </summary>
    internal static int TryRewrite<TWriter>(ReadOnlySpan<byte> utf8, TWriter destination)
        where TWriter : IBufferWriter<byte>
    {
        if (utf8.Length >= 2 && utf8[0] == 0xC0 && utf8[1] == 0x80)
        {
            destination.GetSpan(1)[0] = 0;
            destination.Advance(1);
            return 2;
        }

        if (TryReadPair(utf8, out Rune rune))
        {
            destination.Advance(rune.EncodeToUtf8(destination.GetSpan(4)));
            return 6;
        }

        return 0;
    }

    /// <summary>True when <paramref name="utf8"/> holds a CESU-8 surrogate pair or C0 80 anywhere.</summary>
    internal static bool Contains(ReadOnlySpan<byte> utf8)
    {
        for (int i = utf8.IndexOfAny((byte)0xC0, (byte)0xED); i >= 0;)
        {
            if ((utf8[i] == 0xC0 && i + 1 < utf8.Length && utf8[i + 1] == 0x80) || TryReadPair(utf8[i..], out _))
            {
                return true;
            }

            int next = utf8[(i + 1)..].IndexOfAny((byte)0xC0, (byte)0xED);
            i = next < 0 ? -1 : i + 1 + next;
        }

        return false;
    }

    private static bool TryReadPair(ReadOnlySpan<byte> b, out Rune rune)
    {
        rune = default;
        if (b.Length < 6 || b[0] != 0xED || b[1] is < 0xA0 or > 0xAF || (b[2] & 0xC0) != 0x80
            || b[3] != 0xED || b[4] is < 0xB0 or > 0xBF || (b[5] & 0xC0) != 0x80)
        {
            return false;
        }

        int high = 0xD000 | ((b[1] & 0x3F) << 6) | (b[2] & 0x3F);
        int low = 0xD000 | ((b[4] & 0x3F) << 6) | (b[5] & 0x3F);
        rune = new Rune(char.ConvertToUtf32((char)high, (char)low));
        return true;
    }
}
