using MojibakeFix.CodePages;

namespace MojibakeFix.Detection;

/// <summary>How strongly a candidate sequence shows damage on its own.</summary>
internal enum Evidence : byte
{
    /// <summary>Holds a pair of characters that correct text never has: proof of damage.</summary>
    Definite,

    /// <summary>Every pair also occurs in correct text: context decides.</summary>
    Ambiguous,

    /// <summary>Bytes were lost ('?', U+FFFD, dropped): context decides and the repair is a guess.</summary>
    Lossy,

    /// <summary>
    /// Not graded yet: a whole sequence read for a chain, graded only when the chain's decision needs it
    /// (<see cref="SequenceReader.GradeIfNeeded"/>). Nothing outside the Windows-1252 pass sees this value.
    /// </summary>
    Ungraded,
}

/// <summary>
/// One UTF-8 sequence read back from characters that a single-byte decoding produced, e.g. <c>Ã©</c> → C3 A9.
/// </summary>
internal struct Sequence
{
    /// <summary>Input range [Start, End) the sequence covers.</summary>
    internal int Start;
    internal int End;

    /// <summary>Number of UTF-8 bytes (2–4; 6 for a CESU-8 surrogate pair).</summary>
    internal int ByteCount;

    /// <summary>The decoded code point; -1 while lossy bytes are unknown.</summary>
    internal int CodePoint;

    /// <summary>Bytes packed little-end first: byte k at bits 8k.</summary>
    internal uint Bytes;

    /// <summary>Bit k: byte k is unknown ('?' or U+FFFD stood there, or it was dropped).</summary>
    internal byte UnknownMask;

    /// <summary>Bit k: a plain space stood for byte 0xA0 (a lost no-break space).</summary>
    internal byte SpaceMask;

    /// <summary>Bit k: U+FFFD stood there (a decoder's mark for a bad byte, never found after a letter in correct text).</summary>
    internal byte ReplacementMask;

    /// <summary>Bit k: '•' stood there, which lossy renderers also print for undefined bytes.</summary>
    internal byte BulletMask;

    internal bool SawC1;
    internal bool SawSpecial;
    internal Evidence Evidence;

    internal readonly byte Lead => (byte)Bytes;

    internal readonly byte ByteAt(int k) => (byte)(Bytes >> (8 * k));

    internal readonly bool IsLossy => UnknownMask != 0;

    /// <summary>A lost no-break space in the last position (<c>Ã </c> → à): the space may also be a word boundary.</summary>
    internal readonly bool HasTrailingSpace => (SpaceMask & (1 << (ByteCount - 1))) != 0;

    internal readonly string EncodingLabel => SawC1 && !SawSpecial ? "latin-1" : "windows-1252";

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static int LengthOfLead(char lead) => lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static bool IsLeadChar(char c) => (uint)(c - 0xC2) <= 0xF4 - 0xC2;

    /// <summary>True when a character is a continuation byte in disguise (0x80–0xBF after decoding).</summary>
    internal static bool IsContinuationChar(char c) => Windows1252.ContinuationByte(c) != 0;

    /// <summary>
    /// <see cref="Text.CharInfo.IsPlausible"/> of a decoded code point, by one bit lookup below U+10000: every
    /// candidate sequence is judged by it, and the category lookup behind it is several dependent loads.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static bool IsPlausible(int cp) =>
        (uint)cp < 0x10000 ? (PlausibleBits.Bits[cp >> 6] & (1UL << cp)) != 0 : Text.CharInfo.IsPlausible(cp);

    /// <summary>The table, built from the definition on first use (a nested class, so only a repair pays for it).</summary>
    private static class PlausibleBits
    {
        internal static readonly ulong[] Bits = Build();

        private static ulong[] Build()
        {
            var bits = new ulong[0x10000 / 64];
            for (int cp = 0; cp < 0x10000; cp++)
            {
                if (Text.CharInfo.IsPlausible(cp))
                {
                    bits[cp >> 6] |= 1UL << cp;
                }
            }

            return bits;
        }
    }

    /// <summary>Decodes fully known bytes; -1 for overlong, surrogate or out-of-range forms.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static int DecodeUtf8(uint bytes, int count)
    {
        int b0 = (byte)bytes, b1 = (byte)(bytes >> 8), b2 = (byte)(bytes >> 16), b3 = (byte)(bytes >> 24);
        int cp = count switch
        {
            2 => ((b0 & 0x1F) << 6) | (b1 & 0x3F),
            3 => ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F),
            _ => ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F),
        };
        bool ok = count switch
        {
            2 => cp >= 0x80,
            3 => cp >= 0x800 && cp is < 0xD800 or > 0xDFFF,
            _ => cp is >= 0x10000 and <= 0x10FFFF,
        };
        return ok ? cp : -1;
    }

    /// <summary>UTF-8 bytes of a code point, packed as in <see cref="Bytes"/>.</summary>
    internal static uint EncodeUtf8(int cp, out int count)
    {
        if (cp < 0x80)
        {
            count = 1;
            return (uint)cp;
        }

        if (cp < 0x800)
        {
            count = 2;
            return (uint)(0xC0 | (cp >> 6)) | ((uint)(0x80 | (cp & 0x3F)) << 8);
        }

        if (cp < 0x10000)
        {
            count = 3;
            return (uint)(0xE0 | (cp >> 12)) | ((uint)(0x80 | ((cp >> 6) & 0x3F)) << 8)
                | ((uint)(0x80 | (cp & 0x3F)) << 16);
        }

        count = 4;
        return (uint)(0xF0 | (cp >> 18)) | ((uint)(0x80 | ((cp >> 12) & 0x3F)) << 8)
            | ((uint)(0x80 | ((cp >> 6) & 0x3F)) << 16) | ((uint)(0x80 | (cp & 0x3F)) << 24);
    }
}
