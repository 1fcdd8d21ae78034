using System.Runtime.CompilerServices;
using System.Text;

namespace MojibakeFix.CodePages;

/// <summary>
/// A single-byte code page other than Windows-1252, as real systems decode it: bytes the code page leaves
/// undefined pass through as the Latin-1 character of the same value. Tables come from
/// System.Text.Encoding.CodePages and are built once, on first use.
/// </summary>
internal sealed class SingleByteCodePage
{
    private readonly char[] _decode = new char[256];

    // The reverse table, flat: per 256-character block of the BMP, the offset of its 256 bytes in _bytes (0 = the
    // block of none; no character from 0x80 up comes from byte 0). A lookup per character is two loads, where a
    // dictionary hashed it; the pages' images lie in a handful of blocks, so each page holds a few kilobytes.
    private readonly ushort[] _blockOffsets = new ushort[256];
    private readonly byte[] _bytes;

    private SingleByteCodePage(string name, int codePage)
    {
        Name = name;
        var encode = new Dictionary<char, byte>(256);
        Encoding encoding = Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback("\uFFFF"));
        Span<char> one = stackalloc char[2];
        for (int b = 0; b < 256; b++)
        {
            int n = encoding.GetChars([(byte)b], one);
            char c = n == 1 && one[0] != '\uFFFF' ? one[0] : (char)b;
            _decode[b] = c;
            encode.TryAdd(c, (byte)b);
        }

        // A byte 80–9F a Windows code page leaves undefined passes through as a C1 control (the tables map the
        // holes so), which a later step that reads it as Windows-1252 (browsers and our own Windows-1252 pass do)
        // shows as that code page's character (Ńƒ for Ń + U+0083 in Windows-1250): the same byte, so chains
        // through such a step still encode back. An ISO-8859 page, all C1 controls there, is left alone: its
        // readings would tie with the Windows page's.
        bool holes = _decode.AsSpan(0x80, 0x20).IndexOfAnyExceptInRange('\u0080', '\u009F') >= 0;
        for (int b = 0x80; b < 0xA0 && holes; b++)
        {
            char shown = Windows1252.ToChar((byte)b);
            if (_decode[b] == b && shown != b)
            {
                encode.TryAdd(shown, (byte)b);
            }
        }

        var blocks = new List<int>();
        foreach (char c in encode.Keys)
        {
            if (c >= 0x80 && !blocks.Contains(c >> 8))
            {
                blocks.Add(c >> 8);
            }
        }

        _bytes = new byte[(blocks.Count + 1) << 8];
        for (int k = 0; k < blocks.Count; k++)
        {
            _blockOffsets[blocks[k]] = (ushort)((k + 1) << 8);
        }

        foreach ((char c, byte b) in encode)
        {
            if (c >= 0x80)
            {
                _bytes[_blockOffsets[c >> 8] + (c & 0xFF)] = b;
            }
        }
    }

    /// <summary>The name used in explanations (<c>windows-1251</c>, <c>macintosh</c>, <c>cp437</c>).</summary>
    internal string Name { get; }

    /// <summary>The character this code page shows for a byte (undefined bytes as the Latin-1 character).</summary>
    internal char ToChar(byte b) => _decode[b];

    /// <summary>The code page an explanation names, or null.</summary>
    internal static SingleByteCodePage? ByName(string name)
    {
        foreach (SingleByteCodePage page in Others)
        {
            if (page.Name == name)
            {
                return page;
            }
        }

        return null;
    }

    /// <summary>The byte a character came from under this code page; false when it cannot have.</summary>
    internal bool TryGetByte(char c, out byte b)
    {
        if (c < 0x80)
        {
            b = (byte)c;
            return true;
        }

        b = _bytes[_blockOffsets[c >> 8] + (c & 0xFF)];
        return b != 0;
    }

    /// <summary>
    /// For every character, one bit per code page in <see cref="Others"/>: set in <see cref="LeadMasks"/> when the
    /// character is the image of a UTF-8 lead byte (C2–F4) there, in <see cref="ContinuationMasks"/> when it is
    /// the image of a continuation byte (80–BF). A lead followed by a continuation of the same code page is
    /// where such damage can start.
    /// </summary>
    internal static ReadOnlySpan<ushort> LeadMasks
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Masks.Lead;
    }

    /// <inheritdoc cref="LeadMasks"/>
    internal static ReadOnlySpan<ushort> ContinuationMasks
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Masks.Continuation;
    }

    /// <summary>
    /// The masks, built on first use: a class of their own, as a <see cref="Lazy{T}"/> costs a call and a state check
    /// on every read, which ahead-of-time compiled code (the tool) pays in its pair searches.
    /// </summary>
    private static class Masks
    {
        internal static readonly ushort[] Lead = new ushort[65536];
        internal static readonly ushort[] Continuation = Build(Lead); // (fills Lead too: initializers run in this order)

        private static ushort[] Build(ushort[] lead)
        {
            var continuation = new ushort[65536];
            var pages = Others;
            for (int p = 0; p < pages.Count; p++)
            {
                for (int b = 0x80; b < 256; b++)
                {
                    char c = pages[p]._decode[b];
                    if (b is >= 0xC2 and <= 0xF4)
                    {
                        lead[c] |= (ushort)(1 << p);
                    }
                    else if (b <= 0xBF)
                    {
                        continuation[c] |= (ushort)(1 << p);
                    }
                }
            }

            return continuation;
        }
    }

    /// <summary>The code pages tried after Windows-1252, most common damage first.</summary>
    internal static IReadOnlyList<SingleByteCodePage> Others => s_others.Value;

    private static readonly Lazy<SingleByteCodePage[]> s_others = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return
        [
            new("windows-1251", 1251), new("windows-1250", 1250), new("macintosh", 10000), new("cp437", 437),
            new("windows-1257", 1257), new("windows-1253", 1253), new("windows-1254", 1254), new("koi8-r", 20866),
            new("koi8-u", 21866), new("iso-8859-2", 28592), new("iso-8859-5", 28595), new("iso-8859-7", 28597),
            new("iso-8859-13", 28603), new("cp850", 850), new("cp866", 866),
        ];
    });
}
