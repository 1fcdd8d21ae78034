using System.Text;

namespace MojibakeFix.CodePages;

/// <summary>
/// A double-byte code page (GBK, Shift_JIS, EUC-KR, Big5) as .NET decodes it: every character maps back to the
/// one or two bytes it was read from. Tables come from System.Text.Encoding.CodePages and are built once per code
/// page, on first use; characters that do not round-trip (best-fit mappings, duplicates) are left out.
/// </summary>
internal sealed class DoubleByteCodePage
{
    // Per UTF-16 code unit: 0 when the character does not come from this code page, the byte (0x80–0xFF) for a
    // single-byte character, or lead << 8 | trail for a double-byte one. ASCII is handled by the callers.
    private readonly ushort[] _encode = new ushort[65536];

    private DoubleByteCodePage(string name, int codePage, char lostByte, bool losesPairs = false)
    {
        Name = name;
        CodePage = codePage;
        LostByte = lostByte;
        LosesPairs = losesPairs;
        // Every character from U+0080 up but the surrogates, each followed by U+0000, encoded in one call (a call
        // per character cost tens of milliseconds per page, most of it a fallback buffer for each character the page
        // lacks). These pages encode each character on its own, and 0x00 is in no character's bytes but U+0000's, so
        // the output splits at 0x00 into one piece per character; one the page lacks becomes 0x01.
        Encoding encoding = Encoding.GetEncoding(codePage, new EncoderReplacementFallback("\u0001"), new DecoderReplacementFallback("\uFFFF"));
        char[] all = new char[2 * (0x10000 - 0x80 - 0x800)];
        for (int c = 0x80, k = 0; c < 0x10000; c++)
        {
            if (c is < 0xD800 or > 0xDFFF)
            {
                all[k] = (char)c;
                k += 2;
            }
        }

        byte[] output = new byte[3 * all.Length / 2]; // at most two bytes per character and the separator: no counting pass
        ReadOnlySpan<byte> encoded = output.AsSpan(0, encoding.GetBytes(all, output));
        Span<char> back = stackalloc char[4];
        for (int c = 0x80, at = 0; c < 0x10000; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            int n = encoded[at..].IndexOf((byte)0);
            ReadOnlySpan<byte> bytes = encoded.Slice(at, n);
            at += n + 1;

            // Kept when the bytes read back as the character alone (not a best-fit mapping or a duplicate).
            if (n is 1 or 2 && bytes[0] >= 0x80 && encoding.GetChars(bytes, back) == 1 && back[0] == (char)c)
            {
                _encode[c] = n == 1 ? bytes[0] : (ushort)(bytes[0] << 8 | bytes[1]);
                _readable[_encode[c] >> 6] |= 1UL << _encode[c];
                if (bytes[0] is >= 0xC2 and <= 0xF4 && (n == 1 || bytes[1] is >= 0x80 and <= 0xBF))
                {
                    _runStarts[c >> 6] |= 1UL << c;
                }
            }
        }

        _runStarts[lostByte >> 6] |= 1UL << lostByte;

        // What the decoder, as damage used it (its default fallbacks), reads from a UTF-8 lead byte, alone or before
        // a continuation byte. Decoded, not looked up in _encode: Shift_JIS reads the rows ED–EE as the kanji it
        // encodes as FA–FC.
        Encoding damaging = Encoding.GetEncoding(codePage);
        Span<byte> pair = stackalloc byte[2];
        for (int lead = 0xC2; lead <= 0xF4; lead++)
        {
            pair[0] = (byte)lead;
            for (int n = 1; n <= 2; n++)
            {
                for (int trail = 0x80; trail <= (n == 1 ? 0x80 : 0xBF); trail++)
                {
                    pair[1] = (byte)trail;
                    if (damaging.GetChars(pair[..n], back) == 1 && back[0] >= 0x80 && back[0] != lostByte && back[0] != '\uFFFD')
                    {
                        _utf8Starts[back[0] >> 6] |= 1UL << back[0];
                    }
                }
            }
        }

        // What the decoder reads from every byte and byte pair UTF-8 text can hold (FitsUtf8): decoded, not looked
        // up in _encode, which keeps one pair per character while the decoder also reads duplicates (Big5's F9F9 ═
        // is A2A4's too; Shift_JIS's ED–EE rows).
        _inRuns[lostByte >> 6] |= 1UL << lostByte;
        for (int bytes = 0x80; bytes <= 0xFFFF; bytes++)
        {
            if (bytes is >= 0x100 and < 0x8000 || !FitsUtf8((ushort)bytes))
            {
                continue;
            }

            pair[0] = (byte)(bytes > 0xFF ? bytes >> 8 : bytes);
            pair[1] = (byte)bytes;
            int read = damaging.GetChars(bytes > 0xFF ? pair : pair[..1], back);
            foreach (char d in back[..read])
            {
                if (d >= 0x80)
                {
                    _inRuns[d >> 6] |= 1UL << d;
                }
            }
        }
    }

    // One bit per character the decoder reads from a UTF-8 lead byte, alone or with a continuation byte after it.
    private readonly ulong[] _utf8Starts = new ulong[65536 / 64];

    // One bit per character whose bytes are a UTF-8 lead (C2–F4) and, for a double-byte one, a continuation after it,
    // and for the lost-byte marker: the characters a decoded run can start at, as one bit test instead of a look-up
    // in the 128 KB table of bytes (correct CJK text tried against four pages misses the cache in those).
    private readonly ulong[] _runStarts = new ulong[65536 / 64];

    /// <summary>
    /// Whether a run read as UTF-8 can start at <paramref name="c"/>: its bytes are a UTF-8 lead byte (C2–F4) and,
    /// for a double-byte character, a continuation byte (80–BF) after it; or it is <see cref="LostByte"/>.
    /// </summary>
    internal bool MayStartRun(char c) => (_runStarts[c >> 6] & 1UL << c) != 0;

    // One bit per character the page's decoder reads from bytes UTF-8 text can hold (FitsUtf8), and for the lost-byte
    // marker: the characters a run read through this page can hold. A rare character outside it (most hangul for GBK, Big5 and
    // Shift_JIS, which lack them) is no sign of damage through this page.
    private readonly ulong[] _inRuns = new ulong[65536 / 64];

    /// <summary>
    /// Whether <paramref name="c"/> can be part of a run read as UTF-8 through this page: the page's decoder reads
    /// it from a byte or byte pair UTF-8 text can hold (<see cref="FitsUtf8"/>), or it is <see cref="LostByte"/>.
    /// </summary>
    internal bool MayBeInRun(char c) => (_inRuns[c >> 6] & 1UL << c) != 0;

    /// <summary>
    /// Whether a character's bytes (a byte, or lead &lt;&lt; 8 | trail) can stand inside UTF-8 text: no C0, C1 or
    /// F5–FF, and a lead byte (C2–F4) followed by a continuation (80–BF), not by ASCII or another lead.
    /// </summary>
    internal static bool FitsUtf8(ushort bytes)
    {
        int first = bytes > 0xFF ? bytes >> 8 : bytes;
        bool lead = first is >= 0xC2 and <= 0xF4;
        if (!lead && first is not (>= 0x80 and <= 0xBF))
        {
            return false;
        }

        if (bytes <= 0xFF)
        {
            return true;
        }

        int second = bytes & 0xFF;
        return lead ? second is >= 0x80 and <= 0xBF : second is < 0xC0 or (>= 0xC2 and <= 0xF4);
    }

    /// <summary>The Windows code page number (936, 932, 949, 950).</summary>
    internal int CodePage { get; }

    /// <summary>The name used in explanations (<c>gbk</c>, <c>shift_jis</c>, <c>euc-kr</c>, <c>big5</c>).</summary>
    internal string Name { get; }

    /// <summary>
    /// The character .NET's decoder shows for a byte it cannot read (<c>?</c>, or <c>・</c> for Shift_JIS): where
    /// the damage lost a byte of the UTF-8 text.
    /// </summary>
    internal char LostByte { get; }

    /// <summary>
    /// Whether the decoder reads a lead byte and a continuation byte it has no character for as one
    /// <see cref="LostByte"/> (EUC-KR and Big5: 80–A0 after most leads), so that a letter of two UTF-8 bytes is lost
    /// whole into one marker; GBK lacks almost no such pair.
    /// </summary>
    internal bool LosesPairs { get; }

    // One bit per byte pair (lead << 8 | trail) and per single byte the decoder reads as a character.
    private readonly ulong[] _readable = new ulong[65536 / 64];

    /// <summary>
    /// Whether the decoder reads <paramref name="lead"/> followed by <paramref name="next"/> (-1: unknown) as a
    /// character: then it cannot have lost the byte <paramref name="lead"/>.
    /// </summary>
    internal bool Reads(int lead, int next)
    {
        if ((_readable[lead >> 6] & 1UL << lead) != 0)
        {
            return true; // a single-byte character
        }

        int pair = lead << 8 | next;
        return next >= 0 && (_readable[pair >> 6] & 1UL << pair) != 0;
    }

    /// <summary>The bytes a non-ASCII character was read from: 0 when none, a byte, or lead &lt;&lt; 8 | trail.</summary>
    internal ushort BytesOf(char c) => _encode[c];

    /// <summary>
    /// Whether some code page reads <paramref name="c"/> from a UTF-8 lead byte (C2–F4), followed, for a
    /// double-byte character, by a continuation byte (80–BF). Damage that follows ASCII starts with such a
    /// character, since the byte after an ASCII one in UTF-8 text starts a character: 茅 (C3 A9, é read as GBK)
    /// does, while ） (A3 A9) and 를 (B8 A6), common beside Latin names in correct text, do not.
    /// </summary>
    internal static bool IsUtf8StartImage(char c) => (s_utf8Starts.Value[c >> 6] & 1UL << c) != 0;

    private static readonly Lazy<ulong[]> s_utf8Starts = new(() =>
    {
        var bits = new ulong[65536 / 64];
        foreach (DoubleByteCodePage page in All)
        {
            for (int k = 0; k < bits.Length; k++)
            {
                bits[k] |= page._utf8Starts[k];
            }
        }

        return bits;
    });

    /// <summary>The code pages tried, most common damage first.</summary>
    internal static IReadOnlyList<DoubleByteCodePage> All => s_all.Value;

    private static readonly Lazy<DoubleByteCodePage[]> s_all = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return [new("gbk", 936, '?'), new("shift_jis", 932, '\u30FB'), new("euc-kr", 949, '?', losesPairs: true), new("big5", 950, '?', losesPairs: true)];
    });
}
