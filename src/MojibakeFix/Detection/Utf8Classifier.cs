using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MojibakeFix.CodePages;
using MojibakeFix.Lossy;
using MojibakeFix.Repair;

namespace MojibakeFix.Detection;

/// <summary>The repair passes whose searches <see cref="Utf8Classifier"/> answers for.</summary>
[Flags]
internal enum Utf8Passes
{
    /// <summary>Windows-1252 and Latin-1 damage, C1 controls and lost letters (the candidate scan): always on.</summary>
    Windows1252 = 1,

    /// <summary>Other single-byte code pages: their lead/continuation pairs and runs of legacy text.</summary>
    OtherCodePages = 2,

    /// <summary>Double-byte code pages: rare CJK-range characters and short stretches beside an ASCII letter.</summary>
    DoubleByte = 4,

    /// <summary>Every pass.</summary>
    All = Windows1252 | OtherCodePages | DoubleByte,
}

/// <summary>
/// Finds, in UTF-8 and without transcoding it, the first character where any repair pass's search would stop: the
/// union of <see cref="CandidateScanner.IsCandidateAt"/>, <see cref="OtherCodePages.IsPairAt"/>, the runs of
/// <see cref="LegacyText.IndexOfCandidate(ReadOnlySpan{char}, int)"/> and the suspects of
/// <see cref="DoubleByteCodePages.HasSuspect"/>, each evaluated exactly at the byte position of its UTF-16 one
/// (lost letters are candidates too: a lead before <c>?</c>) — or the first byte that is not valid UTF-8. Every
/// suspect character begins with a byte pattern (U+00C2–U+00F4 is C3 82–C3 B4, U+0080–U+00BF is C2 80–C2 BF,
/// Cyrillic is D0/D1 xx, CJK is E3–EF xx xx), so each vector of bytes is classified to a bitmask of the positions
/// whose bytes may match — a superset — and only those are decided exactly, on a few decoded characters. The same
/// vectors are checked against the UTF-8 byte rules, so no separate validation pass is needed.
/// </summary>
/// <remarks>
/// An invalid byte splits the text the engine sees, which this byte view does not model: the caller hands a line
/// with one to the decoding path whole. Which byte of an invalid sequence is reported may differ between widths
/// (the line does not).
/// </remarks>
internal static class Utf8Classifier
{
    /// <summary>The vector width the CPU offers, chosen once: 512, 256, 128 or 0 (scalar).</summary>
    internal static readonly int BestWidth =
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;

    /// <summary>The passes <paramref name="options"/> runs (the Windows-1252 scan always runs).</summary>
    internal static Utf8Passes PassesOf(FixOptions options) =>
        Utf8Passes.Windows1252 | (options.OtherCodePages ? Utf8Passes.OtherCodePages : 0) | (options.DoubleByteCodePages ? Utf8Passes.DoubleByte : 0);

    /// <summary>
    /// The first suspect or invalid position at or after <paramref name="from"/> (a character start), or -1: then
    /// the rest is valid UTF-8 that no pass would look at.
    /// </summary>
    internal static int IndexOfSuspect(ReadOnlySpan<byte> utf8, int from, Utf8Passes passes) => IndexOfSuspect(utf8, from, passes, BestWidth);

    /// <summary>The same search with a given vector width (0 = scalar), so tests cover every path.</summary>
    internal static int IndexOfSuspect(ReadOnlySpan<byte> utf8, int from, Utf8Passes passes, int width)
    {
        int i = Math.Max(from, 0);
        int lanes = width switch { 512 => 64, 256 => 32, 128 => 16, _ => 0 };
        if (lanes != 0)
        {
            // The vector paths look three bytes back: the first characters go the scalar way, so that nothing before
            // from (a line start) counts.
            int found = ScanScalar(utf8, ref i, i + 3, passes);
            if (found >= 0)
            {
                return found;
            }

            found = width switch
            {
                512 => Scan<Width512>(utf8, ref i, passes),
                256 => Scan<Width256>(utf8, ref i, passes),
                _ => Scan<Width128>(utf8, ref i, passes),
            };
            if (found >= 0)
            {
                return found;
            }

            // The tail goes the scalar way from the start of the character the last vector ended in.
            for (int back = 0; back < 3 && i > 0 && i < utf8.Length && (utf8[i] & 0xC0) == 0x80; back++)
            {
                i--;
            }
        }

        return ScanScalar(utf8, ref i, utf8.Length, passes);
    }

    /// <summary>One vector width of the scan: its lane count and its two vector tests, so one loop serves all three.</summary>
    private interface IWidth
    {
        static abstract int Lanes { get; }

        static abstract ulong Mask(ref byte start, int i, Utf8Passes passes, out ulong bad, out ulong cjk);

        static abstract ulong ShortStretches(ref byte start, int i, int length);
    }

    private readonly struct Width128 : IWidth
    {
        public static int Lanes => 16;

        public static ulong Mask(ref byte start, int i, Utf8Passes passes, out ulong bad, out ulong cjk) => Mask128(ref start, i, passes, out bad, out cjk);

        public static ulong ShortStretches(ref byte start, int i, int length) => ShortStretches128(ref start, i, length);
    }

    private readonly struct Width256 : IWidth
    {
        public static int Lanes => 32;

        public static ulong Mask(ref byte start, int i, Utf8Passes passes, out ulong bad, out ulong cjk) => Mask256(ref start, i, passes, out bad, out cjk);

        public static ulong ShortStretches(ref byte start, int i, int length) => ShortStretches256(ref start, i, length);
    }

    private readonly struct Width512 : IWidth
    {
        public static int Lanes => 64;

        public static ulong Mask(ref byte start, int i, Utf8Passes passes, out ulong bad, out ulong cjk) => Mask512(ref start, i, passes, out bad, out cjk);

        public static ulong ShortStretches(ref byte start, int i, int length) => ShortStretches512(ref start, i, length);
    }

    // Vectors from `from` while a whole one and six bytes past it are in the input: the first suspect or invalid
    // position, or -1 with `from` where the scalar tail goes on. The JIT compiles one loop per width (a struct type
    // argument), each with its mask inlined (one method holding all three spilled vectors to the stack); a vector
    // whose mask is empty costs the mask alone.
    private static int Scan<TWidth>(ReadOnlySpan<byte> utf8, ref int from, Utf8Passes passes)
        where TWidth : struct, IWidth
    {
        ref byte start = ref MemoryMarshal.GetReference(utf8);
        ref ulong common = ref MemoryMarshal.GetArrayDataReference(CjkFrequency.CommonBits);
        int stretchDone = 0; // stretches of non-ASCII before this are judged (not short beside a letter)
        int i = from;
        for (; i + TWidth.Lanes + 6 <= utf8.Length; i += TWidth.Lanes)
        {
            ulong mask = TWidth.Mask(ref start, i, passes, out ulong bad, out ulong cjk);
            if (cjk != 0)
            {
                // A CJK character is a suspect when rare, or in a short stretch beside an ASCII letter: the lanes
                // of such stretches come from bit masks of the bytes around the vector, so Korean words glued to
                // Latin ones (%s를) cost no walk over every syllable near them.
                mask |= RareOf(ref start, i, cjk, ref common) | (cjk & TWidth.ShortStretches(ref start, i, utf8.Length));
            }

            if ((mask | bad) != 0)
            {
                int found = FirstSuspect(utf8, i, mask, bad, passes, ref stretchDone);
                if (found >= 0)
                {
                    from = i;
                    return found;
                }
            }
        }

        from = i;
        return -1;
    }

    /// <summary>
    /// The first lane of <paramref name="mask"/> (a superset, from the vector at <paramref name="i"/>) that is a
    /// suspect, checked in order before the first invalid byte of <paramref name="bad"/>; else that invalid byte, or -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into each width's loop: one call per vector with a hit cost Cyrillic and Greek text more than it saved
    private static int FirstSuspect(ReadOnlySpan<byte> utf8, int i, ulong mask, ulong bad, Utf8Passes passes, ref int stretchDone)
    {
        if (bad != 0)
        {
            mask &= ~(ulong.MaxValue << BitOperations.TrailingZeroCount(bad)); // what lies before the invalid byte
        }

        ReadOnlySpan<ushort> leadMasks = SingleByteCodePage.LeadMasks, continuationMasks = SingleByteCodePage.ContinuationMasks;
        ulong[] common = CjkFrequency.CommonBits;
        for (; mask != 0; mask &= mask - 1)
        {
            int at = i + BitOperations.TrailingZeroCount(mask); // a lane of a whole vector: at + 6 is in the input
            byte lead = utf8[at];
            if ((uint)(lead - 0xE3) <= 0xEE - 0xE3 || (lead == 0xEF && utf8[at + 1] >= 0xBC && (passes & Utf8Passes.DoubleByte) != 0))
            {
                // Only the double-byte pass looks at E3–EE (CJK, Hangul) and the full-width forms (no code page's
                // lead image, so no pair starts there): the frequency table, and each stretch's shape once (a common
                // character inside a stretch already judged needs no call).
                if (at < stretchDone && CjkFrequency.IsCommon(common, (char)(((lead & 0x0F) << 12) | ((utf8[at + 1] & 0x3F) << 6) | (utf8[at + 2] & 0x3F))))
                {
                    continue;
                }

                if (IsDoubleByteSuspect(utf8, at, ref stretchDone))
                {
                    return at;
                }
            }
            else if (lead is 0xCE or 0xCF or 0xD0 or 0xD1 && (uint)(utf8[at + 2] - 0xC2) <= 0xDF - 0xC2
                && (leadMasks[((lead & 0x1F) << 6) | (utf8[at + 1] & 0x3F)] & continuationMasks[((utf8[at + 2] & 0x1F) << 6) | (utf8[at + 3] & 0x3F)]) == 0)
            {
                continue; // a Greek or Cyrillic letter before a two-byte character that no code page pairs with it (IsPairStart's first test)
            }
            else if (IsSuspectAt(utf8, at, passes))
            {
                return at;
            }
        }

        return bad != 0 ? i + BitOperations.TrailingZeroCount(bad) : -1;
    }

    /// <summary>
    /// Character by character from <paramref name="i"/> (a character start) until <paramref name="end"/> is reached:
    /// the first suspect or invalid position, or -1 with <paramref name="i"/> on the next character start.
    /// </summary>
    private static int ScanScalar(ReadOnlySpan<byte> s, ref int i, int end, Utf8Passes passes)
    {
        while (i < end && i < s.Length)
        {
            int k = s[i..].IndexOfAnyInRange((byte)0x80, (byte)0xFF);
            if (k < 0)
            {
                i = s.Length;
                return -1;
            }

            i += k;
            if (i >= end)
            {
                return -1;
            }

            if (System.Text.Rune.DecodeFromUtf8(s[i..], out _, out int length) != System.Buffers.OperationStatus.Done)
            {
                return i; // not UTF-8
            }

            if (IsSuspectAt(s, i, passes))
            {
                return i;
            }

            i += length;
        }

        return -1;
    }

    /// <summary>
    /// The exact definition every path agrees with on valid UTF-8: the character starting at byte
    /// <paramref name="p"/> is where one of the UTF-16 searches of <paramref name="passes"/> stops (or, for the
    /// double-byte pass, a character that makes <see cref="DoubleByteCodePages.HasSuspect"/> true).
    /// </summary>
    internal static bool IsSuspectAt(ReadOnlySpan<byte> s, int p, Utf8Passes passes)
    {
        byte b = s[p];
        if (b < 0xC2 || p + 1 >= s.Length)
        {
            return false;
        }

        byte b1 = s[p + 1];
        if (b == 0xC2 && b1 <= 0x9F)
        {
            return true; // a C1 control
        }

        bool other = (passes & Utf8Passes.OtherCodePages) != 0;
        if (b >= 0xE3)
        {
            int stretchDone = 0;
            return ((passes & Utf8Passes.DoubleByte) != 0 && IsDoubleByteSuspect(s, p, ref stretchDone)) || (other && b == 0xEF && IsPairStart(s, p));
        }

        if (b == 0xC3)
        {
            if (other && p + 6 < s.Length && s[p + 2] == 0xC3 && s[p + 4] == 0xC3 && s[p + 6] == 0xC3)
            {
                return true; // four characters U+00C0–U+00FF in a row: legacy text
            }

            if (b1 is >= 0x82 and <= 0xB4 && IsCandidateStart(s, p))
            {
                return true;
            }
        }

        return other && b is (>= 0xC2 and <= 0xC6) or 0xCE or 0xCF or 0xD0 or 0xD1 or 0xE2 && IsPairStart(s, p);
    }

    /// <summary>The code point at <paramref name="p"/> and its length in bytes (valid UTF-8 assumed; never reads past the end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Decode(ReadOnlySpan<byte> s, int p, out int length)
    {
        byte b = s[p];
        length = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        if (p + length > s.Length)
        {
            length = 1;
            return 0xFFFF; // cut short (invalid): a noncharacter no search matches
        }

        return length switch
        {
            1 => b,
            2 => ((b & 0x1F) << 6) | (s[p + 1] & 0x3F),
            3 => ((b & 0x0F) << 12) | ((s[p + 1] & 0x3F) << 6) | (s[p + 2] & 0x3F),
            _ => ((b & 0x07) << 18) | ((s[p + 1] & 0x3F) << 12) | ((s[p + 2] & 0x3F) << 6) | (s[p + 3] & 0x3F),
        };
    }

    /// <summary>The first UTF-16 unit of a code point (the high surrogate above U+FFFF).</summary>
    private static char FirstUnit(int cp) => cp > 0xFFFF ? (char)(0xD7C0 + (cp >> 10)) : (char)cp;

    /// <summary><see cref="CandidateScanner.IsCandidateAt"/> for the lead U+00C2–U+00F4 at <paramref name="p"/>, on it and the two characters after.</summary>
    private static bool IsCandidateStart(ReadOnlySpan<byte> s, int p)
    {
        int q = p + 2;
        if (q >= s.Length)
        {
            return false;
        }

        Span<char> w = stackalloc char[3];
        w[0] = (char)Decode(s, p, out _);
        w[1] = FirstUnit(Decode(s, q, out int length));
        int n = 2;
        if ((w[1] == ' ' || w[0] >= 0xE0) && q + length < s.Length)
        {
            w[n++] = FirstUnit(Decode(s, q + length, out _)); // after a space, or a three- or four-byte lead's third byte
        }

        return CandidateScanner.IsCandidateAt(w[..n], 0);
    }

    /// <summary>
    /// <see cref="OtherCodePages.IsPairAt"/> at the character starting at <paramref name="p"/>: the two masks first
    /// (most accented, Cyrillic or Greek pairs end there), then the test itself on the character before, the pair
    /// and the character after.
    /// </summary>
    private static bool IsPairStart(ReadOnlySpan<byte> s, int p)
    {
        int a = Decode(s, p, out int la);
        int q = p + la;
        if (a > 0xFFFF || q >= s.Length)
        {
            return false;
        }

        int b = Decode(s, q, out int lb);
        if (b > 0xFFFF || (SingleByteCodePage.LeadMasks[a] & SingleByteCodePage.ContinuationMasks[b]) == 0)
        {
            return false; // (no surrogate has a mask)
        }

        Span<char> w = stackalloc char[4];
        int n = 0;
        if (p > 0)
        {
            int st = p - 1;
            while (st > 0 && p - st < 4 && (s[st] & 0xC0) == 0x80)
            {
                st--;
            }

            int before = Decode(s, st, out _);
            w[n++] = before > 0xFFFF ? (char)(0xDC00 + (before & 0x3FF)) : (char)before; // the low surrogate is what precedes
        }

        int at = n;
        w[n++] = (char)a;
        w[n++] = (char)b;
        if (q + lb < s.Length)
        {
            w[n++] = FirstUnit(Decode(s, q + lb, out _));
        }

        return OtherCodePages.IsPairAt(w[..n], at);
    }

    /// <summary>
    /// A character of lead E3–F4 that makes its text suspect to the double-byte pass: a CJK-range character the
    /// frequency table does not rank (a character above U+FFFF is two surrogates, which it never ranks), or one in
    /// a stretch of at most four non-ASCII UTF-16 characters with an ASCII letter right before or after it.
    /// </summary>
    /// <remarks>
    /// <paramref name="stretchDone"/>: characters before it lie in stretches already judged not short beside a
    /// letter, so a scan judges each stretch once; it is moved past the stretch judged here.
    /// </remarks>
    private static bool IsDoubleByteSuspect(ReadOnlySpan<byte> s, int p, ref int stretchDone)
    {
        if (s[p] >= 0xF0)
        {
            return true;
        }

        if (p + 2 >= s.Length)
        {
            return false;
        }

        int cp = ((s[p] & 0x0F) << 12) | ((s[p + 1] & 0x3F) << 6) | (s[p + 2] & 0x3F);
        if (cp > DoubleByteCodePages.Last)
        {
            return false; // U+FFF0–U+FFFF: outside the range, so neither rare nor what makes a stretch count
        }

        if (!CjkFrequency.IsCommon(CjkFrequency.CommonBits, (char)cp))
        {
            return true;
        }

        if (p < stretchDone)
        {
            return false;
        }

        // A short stretch holds at most 12 bytes: look no further back for its start.
        int st = p, limit = Math.Max(0, p - 12);
        while (st > limit && s[st - 1] >= 0x80)
        {
            st--;
        }

        if (st > 0 && s[st - 1] >= 0x80)
        {
            stretchDone = EndOfStretch(s, p);
            return false;
        }

        int units = 0, j = st;
        while (j < s.Length && s[j] >= 0x80)
        {
            byte lead = s[j];
            units += lead >= 0xF0 ? 2 : 1;
            if (units > 4)
            {
                stretchDone = EndOfStretch(s, j);
                return false;
            }

            j += lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        }

        j = Math.Min(j, s.Length);
        stretchDone = j;
        return ((st > 0 && char.IsAsciiLetter((char)s[st - 1])) || (j < s.Length && char.IsAsciiLetter((char)s[j])))
            && DoubleByteCodePage.IsUtf8StartImage(CharAt(s, st));

        static int EndOfStretch(ReadOnlySpan<byte> s, int from)
        {
            int k = s[from..].IndexOfAnyInRange((byte)0, (byte)0x7F);
            return k < 0 ? s.Length : from + k;
        }

        // The BMP character the sequence at p encodes, else U+FFFD (as decoding shows an invalid or supplementary one).
        static char CharAt(ReadOnlySpan<byte> s, int p) =>
            System.Text.Rune.DecodeFromUtf8(s[p..], out System.Text.Rune r, out _) == System.Buffers.OperationStatus.Done && r.IsBmp
                ? (char)r.Value : '\uFFFD';
    }

    /// <summary>
    /// The lanes of <paramref name="cjk"/> (leads of the vector at <paramref name="i"/>, all with three bytes after
    /// them in the input) whose character the frequency table does not rank.
    /// </summary>
    /// <remarks>
    /// One table test per lane, on one four-byte read (the lead's low four bits and the next byte's six pick the
    /// table word, the third byte's six the bit: a 64-bit shift takes its count modulo 64). An AVX2 gather of the
    /// words, eight lanes at a time after packing the lanes with VBMI2, measured slower on Korean and Chinese.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RareOf(ref byte start, int i, ulong cjk, ref ulong common)
    {
        ulong rare = 0;
        for (ulong m = cjk; m != 0; m &= m - 1)
        {
            uint bytes = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, i + BitOperations.TrailingZeroCount(m)));
            ulong word = Unsafe.Add(ref common, (int)(((bytes & 0x0F) << 6) | ((bytes >> 8) & 0x3F)));
            if (((word >> (int)(bytes >> 16)) & 1) == 0)
            {
                rare |= m & (0 - m); // the lowest lane left
            }
        }

        return rare;
    }

    /// <summary>
    /// Of the bytes of a 64-byte window (bit k of each mask is byte k), those inside a stretch of at most 12
    /// non-ASCII bytes with an ASCII letter right before or after it: a superset of the characters
    /// <see cref="IsDoubleByteSuspect"/> finds in a short stretch (four UTF-16 characters take at most 12 bytes;
    /// 13 take five or more), and exactly them where the stretch is made of three-byte characters. A bit depends on
    /// the bytes within 15 of it, so bits 16–47 are exact for a window holding 16 bytes either side of them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ShortStretchesBesideLetter(ulong nonAscii, ulong letter)
    {
        ulong afterLetter = nonAscii & (letter << 1), beforeLetter = nonAscii & (letter >> 1); // a stretch's first byte, its last
        if ((afterLetter | beforeLetter) == 0)
        {
            return 0;
        }

        // Each carried through its stretch, forward and backward, by steps of 1, 2, 4 and 8 bytes (15 in all):
        // `forward` marks bytes whose step bytes before are non-ASCII too, `backward` (then four, eight) after.
        ulong forward = nonAscii, backward = nonAscii;
        afterLetter |= (afterLetter << 1) & forward;
        beforeLetter |= (beforeLetter >> 1) & backward;
        forward &= forward << 1;
        backward &= backward >> 1;
        afterLetter |= (afterLetter << 2) & forward;
        beforeLetter |= (beforeLetter >> 2) & backward;
        forward &= forward << 2;
        ulong four = backward & (backward >> 2);
        afterLetter |= (afterLetter << 4) & forward;
        beforeLetter |= (beforeLetter >> 4) & four;
        forward &= forward << 4;
        ulong eight = four & (four >> 4);
        afterLetter |= (afterLetter << 8) & forward;
        beforeLetter |= (beforeLetter >> 8) & eight;

        // Runs of 13 non-ASCII bytes or more: none of their bytes counts.
        ulong runStart = eight & (four >> 8) & (nonAscii >> 12); // 13 in a row from here
        ulong two = runStart | (runStart << 1), run = two | (two << 2);
        run |= (run << 4) | (two << 8) | (two << 10) | (runStart << 12);
        return (afterLetter | beforeLetter) & ~run;
    }

    // Bit k: byte k of x is an ASCII letter.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LettersOf(Vector128<byte> x) => In(x | Vector128.Create((byte)0x20), (byte)'a', (byte)'z').ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LettersOf(Vector256<byte> x) => In(x | Vector256.Create((byte)0x20), (byte)'a', (byte)'z').ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LettersOf(Vector512<byte> x) => In(x | Vector512.Create((byte)0x20), (byte)'a', (byte)'z').ExtractMostSignificantBits();

    // The lanes of the vector at i inside a short stretch beside a letter (ShortStretchesBesideLetter), from masks of
    // the vector and the 16 bytes either side; every lane where those are not all in the input (then each CJK lane
    // goes to the exact test).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ShortStretches128(ref byte start, int i, int length)
    {
        if (i < 16 || i + 32 > length)
        {
            return ulong.MaxValue;
        }

        Vector128<byte> before = Vector128.LoadUnsafe(ref start, (nuint)(i - 16)), v = Vector128.LoadUnsafe(ref start, (nuint)i);
        Vector128<byte> after = Vector128.LoadUnsafe(ref start, (nuint)(i + 16));
        ulong nonAscii = before.ExtractMostSignificantBits() | ((ulong)v.ExtractMostSignificantBits() << 16) | ((ulong)after.ExtractMostSignificantBits() << 32);
        ulong letter = LettersOf(before) | (LettersOf(v) << 16) | (LettersOf(after) << 32);
        return (ShortStretchesBesideLetter(nonAscii, letter) >> 16) & 0xFFFF;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ShortStretches256(ref byte start, int i, int length)
    {
        if (i < 16 || i + 48 > length)
        {
            return ulong.MaxValue;
        }

        Vector128<byte> before = Vector128.LoadUnsafe(ref start, (nuint)(i - 16)), after = Vector128.LoadUnsafe(ref start, (nuint)(i + 32));
        Vector256<byte> v = Vector256.LoadUnsafe(ref start, (nuint)i);
        ulong nonAscii = before.ExtractMostSignificantBits() | ((ulong)v.ExtractMostSignificantBits() << 16) | ((ulong)after.ExtractMostSignificantBits() << 48);
        ulong letter = LettersOf(before) | (LettersOf(v) << 16) | (LettersOf(after) << 48);
        return (ShortStretchesBesideLetter(nonAscii, letter) >> 16) & 0xFFFF_FFFF;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ShortStretches512(ref byte start, int i, int length)
    {
        if (i < 16 || i + 80 > length)
        {
            return ulong.MaxValue;
        }

        // Two windows: the vector's first 32 lanes with the 16 bytes before them, its last 32 with the 16 after.
        Vector128<byte> before = Vector128.LoadUnsafe(ref start, (nuint)(i - 16)), after = Vector128.LoadUnsafe(ref start, (nuint)(i + 64));
        Vector512<byte> v = Vector512.LoadUnsafe(ref start, (nuint)i);
        ulong nonAscii = v.ExtractMostSignificantBits(), letter = LettersOf(v);
        ulong low = ShortStretchesBesideLetter(before.ExtractMostSignificantBits() | (nonAscii << 16), LettersOf(before) | (letter << 16));
        ulong high = ShortStretchesBesideLetter((nonAscii >> 16) | ((ulong)after.ExtractMostSignificantBits() << 48), (letter >> 16) | (LettersOf(after) << 48));
        return ((low >> 16) & 0xFFFF_FFFF) | (high >> 16 << 32);
    }

    // Byte sets, a lane at a time. Per width the code is written out (the vector types share no public generic
    // interface); the tests check every width against IsSuspectAt.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> In(Vector128<byte> v, byte lo, byte hi) => Vector128.LessThanOrEqual(v - Vector128.Create(lo), Vector128.Create((byte)(hi - lo)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> In(Vector256<byte> v, byte lo, byte hi) => Vector256.LessThanOrEqual(v - Vector256.Create(lo), Vector256.Create((byte)(hi - lo)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> In(Vector512<byte> v, byte lo, byte hi) => Vector512.LessThanOrEqual(v - Vector512.Create(lo), Vector512.Create((byte)(hi - lo)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Is(Vector128<byte> v, byte b) => Vector128.Equals(v, Vector128.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Is(Vector256<byte> v, byte b) => Vector256.Equals(v, Vector256.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Is(Vector512<byte> v, byte b) => Vector512.Equals(v, Vector512.Create(b));

    // After a two-byte lead U+00C2–U+00DF (C3 n1) and a space, an ASCII letter (n3) ends no candidate unless the lead
    // is Â, Ã or Å (C3 82, 83, 85; CandidateScanner.FollowsLead).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> SpaceMayEnd(Vector128<byte> n1, Vector128<byte> n3) =>
        ~In(n3 | Vector128.Create((byte)0x20), (byte)'a', (byte)'z') | In(n1, 0x82, 0x83) | Is(n1, 0x85);

    // The first byte of a character MayFollowLead accepts: C2 (U+0080–U+00BF), C5/C6 (U+0152–U+0192), CB (ˆ ˜),
    // E2 (– … € ™), EF (U+FFFD), and '?'.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Follower(Vector128<byte> x) => Is(x, 0xC2) | In(x, 0xC5, 0xC6) | Is(x, 0xCB) | Is(x, 0xE2) | Is(x, 0xEF) | Is(x, (byte)'?');

    // After a two-byte lead U+00C2–U+00DF (C3 n1) and a space, an ASCII letter (n3) ends no candidate unless the lead
    // is Â, Ã or Å (C3 82, 83, 85; CandidateScanner.FollowsLead).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> SpaceMayEnd(Vector256<byte> n1, Vector256<byte> n3) =>
        ~In(n3 | Vector256.Create((byte)0x20), (byte)'a', (byte)'z') | In(n1, 0x82, 0x83) | Is(n1, 0x85);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Follower(Vector256<byte> x) => Is(x, 0xC2) | In(x, 0xC5, 0xC6) | Is(x, 0xCB) | Is(x, 0xE2) | Is(x, 0xEF) | Is(x, (byte)'?');

    // After a two-byte lead U+00C2–U+00DF (C3 n1) and a space, an ASCII letter (n3) ends no candidate unless the lead
    // is Â, Ã or Å (C3 82, 83, 85; CandidateScanner.FollowsLead).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> SpaceMayEnd(Vector512<byte> n1, Vector512<byte> n3) =>
        ~In(n3 | Vector512.Create((byte)0x20), (byte)'a', (byte)'z') | In(n1, 0x82, 0x83) | Is(n1, 0x85);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Follower(Vector512<byte> x) => Is(x, 0xC2) | In(x, 0xC5, 0xC6) | Is(x, 0xCB) | Is(x, 0xE2) | Is(x, 0xEF) | Is(x, (byte)'?');

    // The first byte of a character with a continuation mask: U+0080–U+0192 (C2–C6), U+02BC–U+02DD (CA, CB),
    // U+0384–U+03C0 (CE, CF), U+0401–U+0491 (D0–D2), U+2013–U+25A0 (E2), U+F7C2–U+F8FD (EF).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Continuation(Vector128<byte> x) => In(x, 0xC2, 0xC6) | In(x, 0xCA, 0xCB) | In(x, 0xCE, 0xD2) | Is(x, 0xE2) | Is(x, 0xEF);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Continuation(Vector256<byte> x) => In(x, 0xC2, 0xC6) | In(x, 0xCA, 0xCB) | In(x, 0xCE, 0xD2) | Is(x, 0xE2) | Is(x, 0xEF);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Continuation(Vector512<byte> x) => In(x, 0xC2, 0xC6) | In(x, 0xCA, 0xCB) | In(x, 0xCE, 0xD2) | Is(x, 0xE2) | Is(x, 0xEF);

    // A byte of a non-ASCII character.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> NonAscii(Vector128<byte> x) => Vector128.LessThan(x.AsSByte(), Vector128<sbyte>.Zero).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> NonAscii(Vector256<byte> x) => Vector256.LessThan(x.AsSByte(), Vector256<sbyte>.Zero).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> NonAscii(Vector512<byte> x) => Vector512.LessThan(x.AsSByte(), Vector512<sbyte>.Zero).AsByte();

    // An ASCII byte that is not a letter.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> AsciiOther(Vector128<byte> x) => Vector128.LessThan(x, Vector128.Create((byte)0x80)) & ~In(x | Vector128.Create((byte)0x20), (byte)'a', (byte)'z');

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> AsciiOther(Vector256<byte> x) => Vector256.LessThan(x, Vector256.Create((byte)0x80)) & ~In(x | Vector256.Create((byte)0x20), (byte)'a', (byte)'z');

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> AsciiOther(Vector512<byte> x) => Vector512.LessThan(x, Vector512.Create((byte)0x80)) & ~In(x | Vector512.Create((byte)0x20), (byte)'a', (byte)'z');

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask128(ref byte start, int i, Utf8Passes passes, out ulong bad, out ulong cjk)
    {
        Vector128<byte> v = Vector128.LoadUnsafe(ref start, (nuint)i);
        Vector128<byte> p1 = Vector128.LoadUnsafe(ref start, (nuint)(i - 1));
        Vector128<byte> p2 = Vector128.LoadUnsafe(ref start, (nuint)(i - 2));
        Vector128<byte> p3 = Vector128.LoadUnsafe(ref start, (nuint)(i - 3));

        // The UTF-8 rules: a continuation byte exactly where a lead before it asks for one; no C0, C1, F5–FF; no
        // overlong or surrogate three-byte form, no four-byte one overlong or above U+10FFFF.
        Vector128<byte> expected = Vector128.GreaterThanOrEqual(p1, Vector128.Create((byte)0xC0))
            | Vector128.GreaterThanOrEqual(p2, Vector128.Create((byte)0xE0)) | Vector128.GreaterThanOrEqual(p3, Vector128.Create((byte)0xF0));
        Vector128<byte> isContinuation = In(v, 0x80, 0xBF);
        cjk = 0;
        if (((v | expected) & Vector128.Create((byte)0x80)) == Vector128<byte>.Zero)
        {
            bad = 0;
            return 0; // ASCII, and nothing before asks for a continuation
        }

        Vector128<byte> n1 = Vector128.LoadUnsafe(ref start, (nuint)(i + 1));
        Vector128<byte> invalid = (isContinuation ^ expected) | In(v, 0xC0, 0xC1) | Vector128.GreaterThanOrEqual(v, Vector128.Create((byte)0xF5))
            | (Is(v, 0xE0) & Vector128.LessThan(n1, Vector128.Create((byte)0xA0))) | (Is(v, 0xED) & Vector128.GreaterThanOrEqual(n1, Vector128.Create((byte)0xA0)))
            | (Is(v, 0xF0) & Vector128.LessThan(n1, Vector128.Create((byte)0x90))) | (Is(v, 0xF4) & Vector128.GreaterThanOrEqual(n1, Vector128.Create((byte)0x90)));
        bad = invalid.ExtractMostSignificantBits();
        if (!Vector128.GreaterThanOrEqualAny(v, Vector128.Create((byte)0xC2)))
        {
            return 0; // no lead byte of any suspect: the insides of characters
        }

        Vector128<byte> n2 = Vector128.LoadUnsafe(ref start, (nuint)(i + 2));
        Vector128<byte> n3 = Vector128.LoadUnsafe(ref start, (nuint)(i + 3));
        Vector128<byte> c3 = Is(v, 0xC3);
        if ((passes & Utf8Passes.DoubleByte) != 0)
        {
            // CJK and Hangul (leads E3–EE) apart, for the frequency table and the stretch test; the full-width forms
            // join them below.
            cjk = In(v, 0xE3, 0xEE).ExtractMostSignificantBits();
        }

        // Without Greek or Cyrillic (CE–D1, whose letter pairs only the exact masks below tell apart), a superset of
        // every hit, cheap enough to end most vectors of accented, Arabic, Hebrew, Indic or Thai text here: a C1
        // control; a two-byte lead of a pair or candidate (C2–C6) before non-ASCII or '?', or U+00C0–U+00FF before a
        // space and then non-ASCII or '?' (or a capital before any space); E2 before non-ASCII (a pair of
        // another code page: U+2013–U+25A0 before a continuation image); EF or above.
        Vector128<byte> twoByte = Vector128.LessThan(n1, Vector128.Create((byte)0xA0));
        if (In(v, 0xCE, 0xD1) == Vector128<byte>.Zero)
        {
            Vector128<byte> maybe = (Is(v, 0xC2) & twoByte) | (In(v, 0xC2, 0xC6) & (NonAscii(n2) | Is(n2, (byte)'?')))
                | (c3 & Is(n2, (byte)' ') & (twoByte | NonAscii(n3) | Is(n3, (byte)'?')))
                | (Is(v, 0xE2) & NonAscii(n3)) | Vector128.GreaterThanOrEqual(v, Vector128.Create((byte)0xEF));
            if (maybe == Vector128<byte>.Zero)
            {
                return 0;
            }
        }

        // C1 controls (C2 80–9F), and a lead U+00C2–U+00F4 (C3 82–B4) before a follower or a space: two-byte leads
        // (C3 82–9F) take any space, the others a space and a follower.
        Vector128<byte> hit = Vector128<byte>.Zero;
        if (In(v, 0xC2, 0xC3) != Vector128<byte>.Zero)
        {
            hit = (Is(v, 0xC2) & twoByte) | (c3 & In(n1, 0x82, 0xB4) & (Follower(n2) | (Is(n2, (byte)' ') & ((twoByte & SpaceMayEnd(n1, n3)) | Follower(n3)))));
        }

        if ((passes & Utf8Passes.DoubleByte) != 0)
        {
            // Four-byte characters, and EF below the full-width forms (private use: Shift_JIS's U+F8F0, U+FEFF…); the
            // full-width forms (EF BC–BF: U+FF00–U+FFFF) go with CJK. Tested apart: most text holds neither.
            Vector128<byte> high = Vector128.GreaterThanOrEqual(v, Vector128.Create((byte)0xEF));
            if (high != Vector128<byte>.Zero)
            {
                Vector128<byte> fullWidth = Is(v, 0xEF) & Vector128.GreaterThanOrEqual(n1, Vector128.Create((byte)0xBC));
                hit |= high & ~fullWidth;
                cjk |= fullWidth.ExtractMostSignificantBits();
            }
        }

        if ((passes & Utf8Passes.OtherCodePages) != 0)
        {
            Vector128<byte> n4 = Vector128.LoadUnsafe(ref start, (nuint)(i + 4));
            if (c3 != Vector128<byte>.Zero)
            {
                hit |= c3 & Is(n2, 0xC3) & Is(n4, 0xC3) & Is(Vector128.LoadUnsafe(ref start, (nuint)(i + 6)), 0xC3);
            }

            // Three-byte leads are rare beside Cyrillic, Greek or accented letters: their test only where one is.
            Vector128<byte> pair = (In(v, 0xC2, 0xC6) | In(v, 0xCE, 0xD1)) & Continuation(n2);
            Vector128<byte> threeByte = Is(v, 0xE2) | Is(v, 0xEF);
            if (threeByte != Vector128<byte>.Zero)
            {
                pair |= threeByte & Continuation(n3);
            }
            if (pair != Vector128<byte>.Zero)
            {
                // Two small letters of Cyrillic (U+0430–U+045F) or Greek (U+03AC–U+03CE) inside a word of their
                // script, or beside ASCII that is not a letter: a plain word pair, never a pair the test accepts.
                Vector128<byte> n5 = Vector128.LoadUnsafe(ref start, (nuint)(i + 5));
                Vector128<byte> afterTwoByte = In(p1, 0x80, 0xBF);
                Vector128<byte> b0 = Vector128.Create((byte)0xB0), a0 = Vector128.Create((byte)0xA0);
                Vector128<byte> cyrillic = Vector128<byte>.Zero, greek = Vector128<byte>.Zero;
                if ((In(v, 0xD0, 0xD1) & pair) != Vector128<byte>.Zero)
                {
                    cyrillic = ((Is(v, 0xD0) & Vector128.GreaterThanOrEqual(n1, b0)) | (Is(v, 0xD1) & Vector128.LessThan(n1, a0)))
                        & ((Is(n2, 0xD0) & Vector128.GreaterThanOrEqual(n3, b0)) | (Is(n2, 0xD1) & Vector128.LessThan(n3, a0)))
                        & (AsciiOther(p1) | (afterTwoByte & In(p2, 0xD0, 0xD1)))
                        & (AsciiOther(n4) | In(n4, 0xD0, 0xD1));
                }

                if ((In(v, 0xCE, 0xCF) & pair) != Vector128<byte>.Zero)
                {
                    Vector128<byte> ac = Vector128.Create((byte)0xAC), x8f = Vector128.Create((byte)0x8F), x88 = Vector128.Create((byte)0x88);
                    greek = ((Is(v, 0xCE) & Vector128.GreaterThanOrEqual(n1, ac)) | (Is(v, 0xCF) & Vector128.LessThan(n1, x8f)))
                        & ((Is(n2, 0xCE) & Vector128.GreaterThanOrEqual(n3, ac)) | (Is(n2, 0xCF) & Vector128.LessThan(n3, x8f)))
                        & (AsciiOther(p1) | (afterTwoByte & (Is(p2, 0xCF) | (Is(p2, 0xCE) & Vector128.GreaterThanOrEqual(p1, x88)))))
                        & (AsciiOther(n4) | Is(n4, 0xCF) | (Is(n4, 0xCE) & Vector128.GreaterThanOrEqual(n5, x88)));
                }

                hit |= pair & ~(cyrillic | greek);
            }
        }

        return hit.ExtractMostSignificantBits();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask256(ref byte start, int i, Utf8Passes passes, out ulong bad, out ulong cjk)
    {
        Vector256<byte> v = Vector256.LoadUnsafe(ref start, (nuint)i);
        Vector256<byte> p1 = Vector256.LoadUnsafe(ref start, (nuint)(i - 1));
        Vector256<byte> p2 = Vector256.LoadUnsafe(ref start, (nuint)(i - 2));
        Vector256<byte> p3 = Vector256.LoadUnsafe(ref start, (nuint)(i - 3));

        // The UTF-8 rules: a continuation byte exactly where a lead before it asks for one; no C0, C1, F5–FF; no
        // overlong or surrogate three-byte form, no four-byte one overlong or above U+10FFFF.
        Vector256<byte> expected = Vector256.GreaterThanOrEqual(p1, Vector256.Create((byte)0xC0))
            | Vector256.GreaterThanOrEqual(p2, Vector256.Create((byte)0xE0)) | Vector256.GreaterThanOrEqual(p3, Vector256.Create((byte)0xF0));
        Vector256<byte> isContinuation = In(v, 0x80, 0xBF);
        cjk = 0;
        if (((v | expected) & Vector256.Create((byte)0x80)) == Vector256<byte>.Zero)
        {
            bad = 0;
            return 0; // ASCII, and nothing before asks for a continuation
        }

        Vector256<byte> n1 = Vector256.LoadUnsafe(ref start, (nuint)(i + 1));
        Vector256<byte> invalid = (isContinuation ^ expected) | In(v, 0xC0, 0xC1) | Vector256.GreaterThanOrEqual(v, Vector256.Create((byte)0xF5))
            | (Is(v, 0xE0) & Vector256.LessThan(n1, Vector256.Create((byte)0xA0))) | (Is(v, 0xED) & Vector256.GreaterThanOrEqual(n1, Vector256.Create((byte)0xA0)))
            | (Is(v, 0xF0) & Vector256.LessThan(n1, Vector256.Create((byte)0x90))) | (Is(v, 0xF4) & Vector256.GreaterThanOrEqual(n1, Vector256.Create((byte)0x90)));
        bad = invalid.ExtractMostSignificantBits();
        if (!Vector256.GreaterThanOrEqualAny(v, Vector256.Create((byte)0xC2)))
        {
            return 0; // no lead byte of any suspect: the insides of characters
        }

        Vector256<byte> n2 = Vector256.LoadUnsafe(ref start, (nuint)(i + 2));
        Vector256<byte> n3 = Vector256.LoadUnsafe(ref start, (nuint)(i + 3));
        Vector256<byte> c3 = Is(v, 0xC3);
        if ((passes & Utf8Passes.DoubleByte) != 0)
        {
            // CJK and Hangul (leads E3–EE) apart, for the frequency table and the stretch test; the full-width forms
            // join them below.
            cjk = In(v, 0xE3, 0xEE).ExtractMostSignificantBits();
        }

        // Without Greek or Cyrillic (CE–D1, whose letter pairs only the exact masks below tell apart), a superset of
        // every hit, cheap enough to end most vectors of accented, Arabic, Hebrew, Indic or Thai text here: a C1
        // control; a two-byte lead of a pair or candidate (C2–C6) before non-ASCII or '?', or U+00C0–U+00FF before a
        // space and then non-ASCII or '?' (or a capital before any space); E2 before non-ASCII (a pair of
        // another code page: U+2013–U+25A0 before a continuation image); EF or above.
        Vector256<byte> twoByte = Vector256.LessThan(n1, Vector256.Create((byte)0xA0));
        if (In(v, 0xCE, 0xD1) == Vector256<byte>.Zero)
        {
            Vector256<byte> maybe = (Is(v, 0xC2) & twoByte) | (In(v, 0xC2, 0xC6) & (NonAscii(n2) | Is(n2, (byte)'?')))
                | (c3 & Is(n2, (byte)' ') & (twoByte | NonAscii(n3) | Is(n3, (byte)'?')))
                | (Is(v, 0xE2) & NonAscii(n3)) | Vector256.GreaterThanOrEqual(v, Vector256.Create((byte)0xEF));
            if (maybe == Vector256<byte>.Zero)
            {
                return 0;
            }
        }

        // C1 controls (C2 80–9F), and a lead U+00C2–U+00F4 (C3 82–B4) before a follower or a space: two-byte leads
        // (C3 82–9F) take any space, the others a space and a follower.
        Vector256<byte> hit = Vector256<byte>.Zero;
        if (In(v, 0xC2, 0xC3) != Vector256<byte>.Zero)
        {
            hit = (Is(v, 0xC2) & twoByte) | (c3 & In(n1, 0x82, 0xB4) & (Follower(n2) | (Is(n2, (byte)' ') & ((twoByte & SpaceMayEnd(n1, n3)) | Follower(n3)))));
        }

        if ((passes & Utf8Passes.DoubleByte) != 0)
        {
            // Four-byte characters, and EF below the full-width forms (private use: Shift_JIS's U+F8F0, U+FEFF…); the
            // full-width forms (EF BC–BF: U+FF00–U+FFFF) go with CJK. Tested apart: most text holds neither.
            Vector256<byte> high = Vector256.GreaterThanOrEqual(v, Vector256.Create((byte)0xEF));
            if (high != Vector256<byte>.Zero)
            {
                Vector256<byte> fullWidth = Is(v, 0xEF) & Vector256.GreaterThanOrEqual(n1, Vector256.Create((byte)0xBC));
                hit |= high & ~fullWidth;
                cjk |= fullWidth.ExtractMostSignificantBits();
            }
        }

        if ((passes & Utf8Passes.OtherCodePages) != 0)
        {
            Vector256<byte> n4 = Vector256.LoadUnsafe(ref start, (nuint)(i + 4));
            if (c3 != Vector256<byte>.Zero)
            {
                hit |= c3 & Is(n2, 0xC3) & Is(n4, 0xC3) & Is(Vector256.LoadUnsafe(ref start, (nuint)(i + 6)), 0xC3);
            }

            // Three-byte leads are rare beside Cyrillic, Greek or accented letters: their test only where one is.
            Vector256<byte> pair = (In(v, 0xC2, 0xC6) | In(v, 0xCE, 0xD1)) & Continuation(n2);
            Vector256<byte> threeByte = Is(v, 0xE2) | Is(v, 0xEF);
            if (threeByte != Vector256<byte>.Zero)
            {
                pair |= threeByte & Continuation(n3);
            }
            if (pair != Vector256<byte>.Zero)
            {
                // Two small letters of Cyrillic (U+0430–U+045F) or Greek (U+03AC–U+03CE) inside a word of their
                // script, or beside ASCII that is not a letter: a plain word pair, never a pair the test accepts.
                Vector256<byte> n5 = Vector256.LoadUnsafe(ref start, (nuint)(i + 5));
                Vector256<byte> afterTwoByte = In(p1, 0x80, 0xBF);
                Vector256<byte> b0 = Vector256.Create((byte)0xB0), a0 = Vector256.Create((byte)0xA0);
                Vector256<byte> cyrillic = Vector256<byte>.Zero, greek = Vector256<byte>.Zero;
                if ((In(v, 0xD0, 0xD1) & pair) != Vector256<byte>.Zero)
                {
                    cyrillic = ((Is(v, 0xD0) & Vector256.GreaterThanOrEqual(n1, b0)) | (Is(v, 0xD1) & Vector256.LessThan(n1, a0)))
                        & ((Is(n2, 0xD0) & Vector256.GreaterThanOrEqual(n3, b0)) | (Is(n2, 0xD1) & Vector256.LessThan(n3, a0)))
                        & (AsciiOther(p1) | (afterTwoByte & In(p2, 0xD0, 0xD1)))
                        & (AsciiOther(n4) | In(n4, 0xD0, 0xD1));
                }

                if ((In(v, 0xCE, 0xCF) & pair) != Vector256<byte>.Zero)
                {
                    Vector256<byte> ac = Vector256.Create((byte)0xAC), x8f = Vector256.Create((byte)0x8F), x88 = Vector256.Create((byte)0x88);
                    greek = ((Is(v, 0xCE) & Vector256.GreaterThanOrEqual(n1, ac)) | (Is(v, 0xCF) & Vector256.LessThan(n1, x8f)))
                        & ((Is(n2, 0xCE) & Vector256.GreaterThanOrEqual(n3, ac)) | (Is(n2, 0xCF) & Vector256.LessThan(n3, x8f)))
                        & (AsciiOther(p1) | (afterTwoByte & (Is(p2, 0xCF) | (Is(p2, 0xCE) & Vector256.GreaterThanOrEqual(p1, x88)))))
                        & (AsciiOther(n4) | Is(n4, 0xCF) | (Is(n4, 0xCE) & Vector256.GreaterThanOrEqual(n5, x88)));
                }

                hit |= pair & ~(cyrillic | greek);
            }
        }

        return hit.ExtractMostSignificantBits();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask512(ref byte start, int i, Utf8Passes passes, out ulong bad, out ulong cjk)
    {
        Vector512<byte> v = Vector512.LoadUnsafe(ref start, (nuint)i);
        Vector512<byte> p1 = Vector512.LoadUnsafe(ref start, (nuint)(i - 1));
        Vector512<byte> p2 = Vector512.LoadUnsafe(ref start, (nuint)(i - 2));
        Vector512<byte> p3 = Vector512.LoadUnsafe(ref start, (nuint)(i - 3));

        // The UTF-8 rules: a continuation byte exactly where a lead before it asks for one; no C0, C1, F5–FF; no
        // overlong or surrogate three-byte form, no four-byte one overlong or above U+10FFFF.
        Vector512<byte> expected = Vector512.GreaterThanOrEqual(p1, Vector512.Create((byte)0xC0))
            | Vector512.GreaterThanOrEqual(p2, Vector512.Create((byte)0xE0)) | Vector512.GreaterThanOrEqual(p3, Vector512.Create((byte)0xF0));
        Vector512<byte> isContinuation = In(v, 0x80, 0xBF);
        cjk = 0;
        if (((v | expected) & Vector512.Create((byte)0x80)) == Vector512<byte>.Zero)
        {
            bad = 0;
            return 0; // ASCII, and nothing before asks for a continuation
        }

        Vector512<byte> n1 = Vector512.LoadUnsafe(ref start, (nuint)(i + 1));
        Vector512<byte> invalid = (isContinuation ^ expected) | In(v, 0xC0, 0xC1) | Vector512.GreaterThanOrEqual(v, Vector512.Create((byte)0xF5))
            | (Is(v, 0xE0) & Vector512.LessThan(n1, Vector512.Create((byte)0xA0))) | (Is(v, 0xED) & Vector512.GreaterThanOrEqual(n1, Vector512.Create((byte)0xA0)))
            | (Is(v, 0xF0) & Vector512.LessThan(n1, Vector512.Create((byte)0x90))) | (Is(v, 0xF4) & Vector512.GreaterThanOrEqual(n1, Vector512.Create((byte)0x90)));
        bad = invalid.ExtractMostSignificantBits();
        if (!Vector512.GreaterThanOrEqualAny(v, Vector512.Create((byte)0xC2)))
        {
            return 0; // no lead byte of any suspect: the insides of characters
        }

        Vector512<byte> n2 = Vector512.LoadUnsafe(ref start, (nuint)(i + 2));
        Vector512<byte> n3 = Vector512.LoadUnsafe(ref start, (nuint)(i + 3));
        Vector512<byte> c3 = Is(v, 0xC3);
        if ((passes & Utf8Passes.DoubleByte) != 0)
        {
            // CJK and Hangul (leads E3–EE) apart, for the frequency table and the stretch test; the full-width forms
            // join them below.
            cjk = In(v, 0xE3, 0xEE).ExtractMostSignificantBits();
        }

        // Without Greek or Cyrillic (CE–D1, whose letter pairs only the exact masks below tell apart), a superset of
        // every hit, cheap enough to end most vectors of accented, Arabic, Hebrew, Indic or Thai text here: a C1
        // control; a two-byte lead of a pair or candidate (C2–C6) before non-ASCII or '?', or U+00C0–U+00FF before a
        // space and then non-ASCII or '?' (or a capital before any space); E2 before non-ASCII (a pair of
        // another code page: U+2013–U+25A0 before a continuation image); EF or above.
        Vector512<byte> twoByte = Vector512.LessThan(n1, Vector512.Create((byte)0xA0));
        if (In(v, 0xCE, 0xD1) == Vector512<byte>.Zero)
        {
            Vector512<byte> maybe = (Is(v, 0xC2) & twoByte) | (In(v, 0xC2, 0xC6) & (NonAscii(n2) | Is(n2, (byte)'?')))
                | (c3 & Is(n2, (byte)' ') & (twoByte | NonAscii(n3) | Is(n3, (byte)'?')))
                | (Is(v, 0xE2) & NonAscii(n3)) | Vector512.GreaterThanOrEqual(v, Vector512.Create((byte)0xEF));
            if (maybe == Vector512<byte>.Zero)
            {
                return 0;
            }
        }

        // C1 controls (C2 80–9F), and a lead U+00C2–U+00F4 (C3 82–B4) before a follower or a space: two-byte leads
        // (C3 82–9F) take any space, the others a space and a follower.
        Vector512<byte> hit = Vector512<byte>.Zero;
        if (In(v, 0xC2, 0xC3) != Vector512<byte>.Zero)
        {
            hit = (Is(v, 0xC2) & twoByte) | (c3 & In(n1, 0x82, 0xB4) & (Follower(n2) | (Is(n2, (byte)' ') & ((twoByte & SpaceMayEnd(n1, n3)) | Follower(n3)))));
        }

        if ((passes & Utf8Passes.DoubleByte) != 0)
        {
            // Four-byte characters, and EF below the full-width forms (private use: Shift_JIS's U+F8F0, U+FEFF…); the
            // full-width forms (EF BC–BF: U+FF00–U+FFFF) go with CJK. Tested apart: most text holds neither.
            Vector512<byte> high = Vector512.GreaterThanOrEqual(v, Vector512.Create((byte)0xEF));
            if (high != Vector512<byte>.Zero)
            {
                Vector512<byte> fullWidth = Is(v, 0xEF) & Vector512.GreaterThanOrEqual(n1, Vector512.Create((byte)0xBC));
                hit |= high & ~fullWidth;
                cjk |= fullWidth.ExtractMostSignificantBits();
            }
        }

        if ((passes & Utf8Passes.OtherCodePages) != 0)
        {
            Vector512<byte> n4 = Vector512.LoadUnsafe(ref start, (nuint)(i + 4));
            if (c3 != Vector512<byte>.Zero)
            {
                hit |= c3 & Is(n2, 0xC3) & Is(n4, 0xC3) & Is(Vector512.LoadUnsafe(ref start, (nuint)(i + 6)), 0xC3);
            }

            // Three-byte leads are rare beside Cyrillic, Greek or accented letters: their test only where one is.
            Vector512<byte> pair = (In(v, 0xC2, 0xC6) | In(v, 0xCE, 0xD1)) & Continuation(n2);
            Vector512<byte> threeByte = Is(v, 0xE2) | Is(v, 0xEF);
            if (threeByte != Vector512<byte>.Zero)
            {
                pair |= threeByte & Continuation(n3);
            }
            if (pair != Vector512<byte>.Zero)
            {
                // Two small letters of Cyrillic (U+0430–U+045F) or Greek (U+03AC–U+03CE) inside a word of their
                // script, or beside ASCII that is not a letter: a plain word pair, never a pair the test accepts.
                Vector512<byte> n5 = Vector512.LoadUnsafe(ref start, (nuint)(i + 5));
                Vector512<byte> afterTwoByte = In(p1, 0x80, 0xBF);
                Vector512<byte> b0 = Vector512.Create((byte)0xB0), a0 = Vector512.Create((byte)0xA0);
                Vector512<byte> cyrillic = Vector512<byte>.Zero, greek = Vector512<byte>.Zero;
                if ((In(v, 0xD0, 0xD1) & pair) != Vector512<byte>.Zero)
                {
                    cyrillic = ((Is(v, 0xD0) & Vector512.GreaterThanOrEqual(n1, b0)) | (Is(v, 0xD1) & Vector512.LessThan(n1, a0)))
                        & ((Is(n2, 0xD0) & Vector512.GreaterThanOrEqual(n3, b0)) | (Is(n2, 0xD1) & Vector512.LessThan(n3, a0)))
                        & (AsciiOther(p1) | (afterTwoByte & In(p2, 0xD0, 0xD1)))
                        & (AsciiOther(n4) | In(n4, 0xD0, 0xD1));
                }

                if ((In(v, 0xCE, 0xCF) & pair) != Vector512<byte>.Zero)
                {
                    Vector512<byte> ac = Vector512.Create((byte)0xAC), x8f = Vector512.Create((byte)0x8F), x88 = Vector512.Create((byte)0x88);
                    greek = ((Is(v, 0xCE) & Vector512.GreaterThanOrEqual(n1, ac)) | (Is(v, 0xCF) & Vector512.LessThan(n1, x8f)))
                        & ((Is(n2, 0xCE) & Vector512.GreaterThanOrEqual(n3, ac)) | (Is(n2, 0xCF) & Vector512.LessThan(n3, x8f)))
                        & (AsciiOther(p1) | (afterTwoByte & (Is(p2, 0xCF) | (Is(p2, 0xCE) & Vector512.GreaterThanOrEqual(p1, x88)))))
                        & (AsciiOther(n4) | Is(n4, 0xCF) | (Is(n4, 0xCE) & Vector512.GreaterThanOrEqual(n5, x88)));
                }

                hit |= pair & ~(cyrillic | greek);
            }
        }

        return hit.ExtractMostSignificantBits();
    }
}
