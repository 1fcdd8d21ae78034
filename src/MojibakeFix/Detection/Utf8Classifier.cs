using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Unicode;
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
/// Finds, in valid UTF-8 and without transcoding it, the first character where any repair pass's search would
/// stop: the union of <see cref="CandidateScanner.IsCandidateAt"/>, <see cref="OtherCodePages.IsPairAt"/>, the
/// runs of <see cref="LegacyText.IndexOfCandidate(ReadOnlySpan{char}, int)"/> and the suspects of
/// <see cref="DoubleByteCodePages.HasSuspect"/>, each evaluated exactly at the byte position of its UTF-16 one
/// (lost letters are candidates too: a lead before <c>?</c>). Every such character begins with a byte pattern
/// (U+00C2–U+00F4 is C3 82–C3 B4, U+0080–U+00BF is C2 80–C2 BF, Cyrillic is D0/D1 xx, CJK is E3–EF xx xx), so
/// each vector of bytes is classified to a bitmask of the positions whose bytes may match — a superset — and only
/// those are decided exactly, on a few decoded characters. Clean text of any script passes at vector speed.
/// </summary>
/// <remarks>
/// The input must be valid UTF-8 (callers validate first): an invalid byte splits the text the engine sees, which
/// this byte view does not model. On invalid input it still never throws and stays linear.
/// </remarks>
internal static class Utf8Classifier
{
    /// <summary>The vector width the CPU offers, chosen once: 512, 256, 128 or 0 (scalar).</summary>
    internal static readonly int BestWidth =
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;

    /// <summary>The passes <paramref name="options"/> runs (the Windows-1252 scan always runs).</summary>
    internal static Utf8Passes PassesOf(FixOptions options) =>
        Utf8Passes.Windows1252 | (options.OtherCodePages ? Utf8Passes.OtherCodePages : 0) | (options.DoubleByteCodePages ? Utf8Passes.DoubleByte : 0);

    /// <summary>The first suspect position at or after <paramref name="from"/> (a character start), or -1.</summary>
    internal static int IndexOfSuspect(ReadOnlySpan<byte> utf8, int from, Utf8Passes passes) => IndexOfSuspect(utf8, from, passes, BestWidth);

    /// <summary>The same search with a given vector width (0 = scalar), so tests cover every path.</summary>
    internal static int IndexOfSuspect(ReadOnlySpan<byte> utf8, int from, Utf8Passes passes, int width)
    {
        int i = Math.Max(from, 0);
        int lanes = width switch { 512 => 64, 256 => 32, 128 => 16, _ => 0 };
        if (lanes != 0)
        {
            for (; i < 2 && i < utf8.Length; i++)
            {
                if (IsSuspectAt(utf8, i, passes))
                {
                    return i; // the vector paths look two bytes back
                }
            }

            ref byte start = ref MemoryMarshal.GetReference(utf8);
            for (; i + lanes + 6 <= utf8.Length; i += lanes)
            {
                ulong mask = width switch { 512 => Mask512(ref start, i, passes), 256 => Mask256(ref start, i, passes), _ => Mask128(ref start, i, passes) };
                for (; mask != 0; mask &= mask - 1)
                {
                    int at = i + BitOperations.TrailingZeroCount(mask);
                    if (IsSuspectAt(utf8, at, passes))
                    {
                        return at;
                    }
                }
            }
        }

        // The scalar path and the tail: every suspect begins with a lead byte C2–F4.
        while (i < utf8.Length)
        {
            int k = utf8[i..].IndexOfAnyInRange((byte)0xC2, (byte)0xF4);
            if (k < 0)
            {
                return -1;
            }

            i += k;
            if (IsSuspectAt(utf8, i, passes))
            {
                return i;
            }

            i++;
        }

        return -1;
    }

    /// <summary>
    /// The exact definition every path agrees with: the character starting at byte <paramref name="p"/> is where
    /// one of the UTF-16 searches of <paramref name="passes"/> stops (or, for the double-byte pass, a character that
    /// makes <see cref="DoubleByteCodePages.HasSuspect"/> true).
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
        if (b == 0xC3 && other && p + 6 < s.Length && s[p + 2] == 0xC3 && s[p + 4] == 0xC3 && s[p + 6] == 0xC3)
        {
            return true; // four characters U+00C0–U+00FF in a row: legacy text
        }

        bool lead1252 = b == 0xC3 && b1 is >= 0x82 and <= 0xB4;
        bool pairLead = other && (b is (>= 0xC2 and <= 0xC6) or 0xCE or 0xCF or 0xD0 or 0xD1 or 0xE2 or 0xEF);
        if (lead1252 || pairLead)
        {
            // The UTF-16 definitions, run on the characters around p: one before (the pair test reads it), p's, and
            // the two after (a lead, its follower and one more; a pair and the character after it).
            Span<char> window = stackalloc char[16];
            int at = Window(s, p, window, out int length);
            ReadOnlySpan<char> w = window[..length];
            if (lead1252 && at < w.Length && CandidateScanner.IsCandidateAt(w, at))
            {
                return true;
            }

            if (pairLead && at + 1 < w.Length && OtherCodePages.IsPairAt(w, at))
            {
                return true;
            }
        }

        return (passes & Utf8Passes.DoubleByte) != 0 && b >= 0xE3 && IsDoubleByteSuspect(s, p);
    }

    /// <summary>
    /// Decodes the character before <paramref name="p"/> (if any) and up to 12 bytes from <paramref name="p"/> into
    /// <paramref name="window"/>; returns the index of p's character there.
    /// </summary>
    private static int Window(ReadOnlySpan<byte> s, int p, Span<char> window, out int length)
    {
        int st = p;
        if (p > 0)
        {
            st = p - 1;
            while (st > 0 && p - st < 4 && (s[st] & 0xC0) == 0x80)
            {
                st--;
            }
        }

        int end = Math.Min(s.Length, p + 12);
        Utf8.ToUtf16(s[st..p], window, out _, out int at, replaceInvalidSequences: false, isFinalBlock: true);
        Utf8.ToUtf16(s[p..end], window[at..], out _, out int written, replaceInvalidSequences: false, isFinalBlock: end == s.Length);
        length = at + written;
        return at;
    }

    /// <summary>
    /// A character of lead E3–F4 that makes its text suspect to the double-byte pass: a CJK-range character the
    /// frequency table does not rank (a character above U+FFFF is two surrogates, which it never ranks), or one in
    /// a stretch of at most four non-ASCII UTF-16 characters with an ASCII letter right before or after it.
    /// </summary>
    private static bool IsDoubleByteSuspect(ReadOnlySpan<byte> s, int p)
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

        // A short stretch holds at most 12 bytes: look no further back for its start.
        int st = p, limit = Math.Max(0, p - 12);
        while (st > limit && s[st - 1] >= 0x80)
        {
            st--;
        }

        if (st > 0 && s[st - 1] >= 0x80)
        {
            return false;
        }

        int units = 0, j = st;
        while (j < s.Length && s[j] >= 0x80)
        {
            byte lead = s[j];
            units += lead >= 0xF0 ? 2 : 1;
            if (units > 4)
            {
                return false;
            }

            j += lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        }

        j = Math.Min(j, s.Length);
        return (st > 0 && char.IsAsciiLetter((char)s[st - 1])) || (j < s.Length && char.IsAsciiLetter((char)s[j]));
    }

    // Byte sets, a lane at a time. Per width the code is written out (the vector types share no public generic
    // interface); the tests check every width against IsSuspectAt.
    private static Vector128<byte> In(Vector128<byte> v, byte lo, byte hi) => Vector128.LessThanOrEqual(v - Vector128.Create(lo), Vector128.Create((byte)(hi - lo)));

    private static Vector256<byte> In(Vector256<byte> v, byte lo, byte hi) => Vector256.LessThanOrEqual(v - Vector256.Create(lo), Vector256.Create((byte)(hi - lo)));

    private static Vector512<byte> In(Vector512<byte> v, byte lo, byte hi) => Vector512.LessThanOrEqual(v - Vector512.Create(lo), Vector512.Create((byte)(hi - lo)));

    private static Vector128<byte> Is(Vector128<byte> v, byte b) => Vector128.Equals(v, Vector128.Create(b));

    private static Vector256<byte> Is(Vector256<byte> v, byte b) => Vector256.Equals(v, Vector256.Create(b));

    private static Vector512<byte> Is(Vector512<byte> v, byte b) => Vector512.Equals(v, Vector512.Create(b));

    // The first byte of a character MayFollowLead accepts: C2 (U+0080–U+00BF), C5/C6 (U+0152–U+0192), CB (ˆ ˜),
    // E2 (– … € ™), EF (U+FFFD), and '?'.
    private static Vector128<byte> Follower(Vector128<byte> x) => Is(x, 0xC2) | In(x, 0xC5, 0xC6) | Is(x, 0xCB) | Is(x, 0xE2) | Is(x, 0xEF) | Is(x, (byte)'?');

    private static Vector256<byte> Follower(Vector256<byte> x) => Is(x, 0xC2) | In(x, 0xC5, 0xC6) | Is(x, 0xCB) | Is(x, 0xE2) | Is(x, 0xEF) | Is(x, (byte)'?');

    private static Vector512<byte> Follower(Vector512<byte> x) => Is(x, 0xC2) | In(x, 0xC5, 0xC6) | Is(x, 0xCB) | Is(x, 0xE2) | Is(x, 0xEF) | Is(x, (byte)'?');

    // The first byte of a character with a continuation mask: U+0080–U+0192 (C2–C6), U+02BC–U+02DD (CA, CB),
    // U+0384–U+03C0 (CE, CF), U+0401–U+0491 (D0–D2), U+2013–U+25A0 (E2), U+F7C2–U+F8FD (EF).
    private static Vector128<byte> Continuation(Vector128<byte> x) => In(x, 0xC2, 0xC6) | In(x, 0xCA, 0xCB) | In(x, 0xCE, 0xD2) | Is(x, 0xE2) | Is(x, 0xEF);

    private static Vector256<byte> Continuation(Vector256<byte> x) => In(x, 0xC2, 0xC6) | In(x, 0xCA, 0xCB) | In(x, 0xCE, 0xD2) | Is(x, 0xE2) | Is(x, 0xEF);

    private static Vector512<byte> Continuation(Vector512<byte> x) => In(x, 0xC2, 0xC6) | In(x, 0xCA, 0xCB) | In(x, 0xCE, 0xD2) | Is(x, 0xE2) | Is(x, 0xEF);

    // An ASCII byte that is not a letter.
    private static Vector128<byte> AsciiOther(Vector128<byte> x) => Vector128.LessThan(x, Vector128.Create((byte)0x80)) & ~In(x | Vector128.Create((byte)0x20), (byte)'a', (byte)'z');

    private static Vector256<byte> AsciiOther(Vector256<byte> x) => Vector256.LessThan(x, Vector256.Create((byte)0x80)) & ~In(x | Vector256.Create((byte)0x20), (byte)'a', (byte)'z');

    private static Vector512<byte> AsciiOther(Vector512<byte> x) => Vector512.LessThan(x, Vector512.Create((byte)0x80)) & ~In(x | Vector512.Create((byte)0x20), (byte)'a', (byte)'z');

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask128(ref byte start, int i, Utf8Passes passes)
    {
        Vector128<byte> v = Vector128.LoadUnsafe(ref start, (nuint)i);
        if (!Vector128.GreaterThanOrEqualAny(v, Vector128.Create((byte)0xC2)))
        {
            return 0; // no lead byte of any suspect: ASCII, or the insides of characters
        }

        Vector128<byte> n1 = Vector128.LoadUnsafe(ref start, (nuint)(i + 1));
        Vector128<byte> n2 = Vector128.LoadUnsafe(ref start, (nuint)(i + 2));
        Vector128<byte> n3 = Vector128.LoadUnsafe(ref start, (nuint)(i + 3));
        Vector128<byte> c3 = Is(v, 0xC3);

        // C1 controls (C2 80–9F), and a lead U+00C2–U+00F4 (C3 82–B4) before a follower or a space: two-byte leads
        // (C3 82–9F) take any space, the others a space and a follower.
        Vector128<byte> twoByte = Vector128.LessThan(n1, Vector128.Create((byte)0xA0));
        Vector128<byte> hit = (Is(v, 0xC2) & twoByte)
            | (c3 & In(n1, 0x82, 0xB4) & (Follower(n2) | (Is(n2, (byte)' ') & (twoByte | Follower(n3)))));
        if ((passes & Utf8Passes.DoubleByte) != 0)
        {
            hit |= Vector128.GreaterThanOrEqual(v, Vector128.Create((byte)0xE3)); // CJK range, and above U+FFFF
        }

        if ((passes & Utf8Passes.OtherCodePages) != 0)
        {
            Vector128<byte> n4 = Vector128.LoadUnsafe(ref start, (nuint)(i + 4));
            Vector128<byte> n6 = Vector128.LoadUnsafe(ref start, (nuint)(i + 6));
            hit |= c3 & Is(n2, 0xC3) & Is(n4, 0xC3) & Is(n6, 0xC3);

            Vector128<byte> pair = ((In(v, 0xC2, 0xC6) | In(v, 0xCE, 0xD1)) & Continuation(n2)) | ((Is(v, 0xE2) | Is(v, 0xEF)) & Continuation(n3));
            if (pair != Vector128<byte>.Zero)
            {
                // Two small letters of Cyrillic (U+0430–U+045F) or Greek (U+03AC–U+03CE) inside a word of their
                // script, or beside ASCII that is not a letter: a plain word pair, never a pair the test accepts.
                Vector128<byte> p1 = Vector128.LoadUnsafe(ref start, (nuint)(i - 1));
                Vector128<byte> p2 = Vector128.LoadUnsafe(ref start, (nuint)(i - 2));
                Vector128<byte> n5 = Vector128.LoadUnsafe(ref start, (nuint)(i + 5));
                Vector128<byte> beforeIs2 = In(p1, 0x80, 0xBF);
                Vector128<byte> b0 = Vector128.Create((byte)0xB0), a0 = Vector128.Create((byte)0xA0);
                Vector128<byte> cyrillic = ((Is(v, 0xD0) & Vector128.GreaterThanOrEqual(n1, b0)) | (Is(v, 0xD1) & Vector128.LessThan(n1, a0)))
                    & ((Is(n2, 0xD0) & Vector128.GreaterThanOrEqual(n3, b0)) | (Is(n2, 0xD1) & Vector128.LessThan(n3, a0)))
                    & (AsciiOther(p1) | (beforeIs2 & In(p2, 0xD0, 0xD1)))
                    & (AsciiOther(n4) | In(n4, 0xD0, 0xD1));
                Vector128<byte> ac = Vector128.Create((byte)0xAC), x8e = Vector128.Create((byte)0x8F), x88 = Vector128.Create((byte)0x88);
                Vector128<byte> greek = ((Is(v, 0xCE) & Vector128.GreaterThanOrEqual(n1, ac)) | (Is(v, 0xCF) & Vector128.LessThan(n1, x8e)))
                    & ((Is(n2, 0xCE) & Vector128.GreaterThanOrEqual(n3, ac)) | (Is(n2, 0xCF) & Vector128.LessThan(n3, x8e)))
                    & (AsciiOther(p1) | (beforeIs2 & (Is(p2, 0xCF) | (Is(p2, 0xCE) & Vector128.GreaterThanOrEqual(p1, x88)))))
                    & (AsciiOther(n4) | Is(n4, 0xCF) | (Is(n4, 0xCE) & Vector128.GreaterThanOrEqual(n5, x88)));
                hit |= pair & ~(cyrillic | greek);
            }
        }

        return hit.ExtractMostSignificantBits();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask256(ref byte start, int i, Utf8Passes passes)
    {
        Vector256<byte> v = Vector256.LoadUnsafe(ref start, (nuint)i);
        if (!Vector256.GreaterThanOrEqualAny(v, Vector256.Create((byte)0xC2)))
        {
            return 0; // no lead byte of any suspect: ASCII, or the insides of characters
        }

        Vector256<byte> n1 = Vector256.LoadUnsafe(ref start, (nuint)(i + 1));
        Vector256<byte> n2 = Vector256.LoadUnsafe(ref start, (nuint)(i + 2));
        Vector256<byte> n3 = Vector256.LoadUnsafe(ref start, (nuint)(i + 3));
        Vector256<byte> c3 = Is(v, 0xC3);

        // C1 controls (C2 80–9F), and a lead U+00C2–U+00F4 (C3 82–B4) before a follower or a space: two-byte leads
        // (C3 82–9F) take any space, the others a space and a follower.
        Vector256<byte> twoByte = Vector256.LessThan(n1, Vector256.Create((byte)0xA0));
        Vector256<byte> hit = (Is(v, 0xC2) & twoByte)
            | (c3 & In(n1, 0x82, 0xB4) & (Follower(n2) | (Is(n2, (byte)' ') & (twoByte | Follower(n3)))));
        if ((passes & Utf8Passes.DoubleByte) != 0)
        {
            hit |= Vector256.GreaterThanOrEqual(v, Vector256.Create((byte)0xE3)); // CJK range, and above U+FFFF
        }

        if ((passes & Utf8Passes.OtherCodePages) != 0)
        {
            Vector256<byte> n4 = Vector256.LoadUnsafe(ref start, (nuint)(i + 4));
            Vector256<byte> n6 = Vector256.LoadUnsafe(ref start, (nuint)(i + 6));
            hit |= c3 & Is(n2, 0xC3) & Is(n4, 0xC3) & Is(n6, 0xC3);

            Vector256<byte> pair = ((In(v, 0xC2, 0xC6) | In(v, 0xCE, 0xD1)) & Continuation(n2)) | ((Is(v, 0xE2) | Is(v, 0xEF)) & Continuation(n3));
            if (pair != Vector256<byte>.Zero)
            {
                // Two small letters of Cyrillic (U+0430–U+045F) or Greek (U+03AC–U+03CE) inside a word of their
                // script, or beside ASCII that is not a letter: a plain word pair, never a pair the test accepts.
                Vector256<byte> p1 = Vector256.LoadUnsafe(ref start, (nuint)(i - 1));
                Vector256<byte> p2 = Vector256.LoadUnsafe(ref start, (nuint)(i - 2));
                Vector256<byte> n5 = Vector256.LoadUnsafe(ref start, (nuint)(i + 5));
                Vector256<byte> beforeIs2 = In(p1, 0x80, 0xBF);
                Vector256<byte> b0 = Vector256.Create((byte)0xB0), a0 = Vector256.Create((byte)0xA0);
                Vector256<byte> cyrillic = ((Is(v, 0xD0) & Vector256.GreaterThanOrEqual(n1, b0)) | (Is(v, 0xD1) & Vector256.LessThan(n1, a0)))
                    & ((Is(n2, 0xD0) & Vector256.GreaterThanOrEqual(n3, b0)) | (Is(n2, 0xD1) & Vector256.LessThan(n3, a0)))
                    & (AsciiOther(p1) | (beforeIs2 & In(p2, 0xD0, 0xD1)))
                    & (AsciiOther(n4) | In(n4, 0xD0, 0xD1));
                Vector256<byte> ac = Vector256.Create((byte)0xAC), x8e = Vector256.Create((byte)0x8F), x88 = Vector256.Create((byte)0x88);
                Vector256<byte> greek = ((Is(v, 0xCE) & Vector256.GreaterThanOrEqual(n1, ac)) | (Is(v, 0xCF) & Vector256.LessThan(n1, x8e)))
                    & ((Is(n2, 0xCE) & Vector256.GreaterThanOrEqual(n3, ac)) | (Is(n2, 0xCF) & Vector256.LessThan(n3, x8e)))
                    & (AsciiOther(p1) | (beforeIs2 & (Is(p2, 0xCF) | (Is(p2, 0xCE) & Vector256.GreaterThanOrEqual(p1, x88)))))
                    & (AsciiOther(n4) | Is(n4, 0xCF) | (Is(n4, 0xCE) & Vector256.GreaterThanOrEqual(n5, x88)));
                hit |= pair & ~(cyrillic | greek);
            }
        }

        return hit.ExtractMostSignificantBits();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask512(ref byte start, int i, Utf8Passes passes)
    {
        Vector512<byte> v = Vector512.LoadUnsafe(ref start, (nuint)i);
        if (!Vector512.GreaterThanOrEqualAny(v, Vector512.Create((byte)0xC2)))
        {
            return 0; // no lead byte of any suspect: ASCII, or the insides of characters
        }

        Vector512<byte> n1 = Vector512.LoadUnsafe(ref start, (nuint)(i + 1));
        Vector512<byte> n2 = Vector512.LoadUnsafe(ref start, (nuint)(i + 2));
        Vector512<byte> n3 = Vector512.LoadUnsafe(ref start, (nuint)(i + 3));
        Vector512<byte> c3 = Is(v, 0xC3);

        // C1 controls (C2 80–9F), and a lead U+00C2–U+00F4 (C3 82–B4) before a follower or a space: two-byte leads
        // (C3 82–9F) take any space, the others a space and a follower.
        Vector512<byte> twoByte = Vector512.LessThan(n1, Vector512.Create((byte)0xA0));
        Vector512<byte> hit = (Is(v, 0xC2) & twoByte)
            | (c3 & In(n1, 0x82, 0xB4) & (Follower(n2) | (Is(n2, (byte)' ') & (twoByte | Follower(n3)))));
        if ((passes & Utf8Passes.DoubleByte) != 0)
        {
            hit |= Vector512.GreaterThanOrEqual(v, Vector512.Create((byte)0xE3)); // CJK range, and above U+FFFF
        }

        if ((passes & Utf8Passes.OtherCodePages) != 0)
        {
            Vector512<byte> n4 = Vector512.LoadUnsafe(ref start, (nuint)(i + 4));
            Vector512<byte> n6 = Vector512.LoadUnsafe(ref start, (nuint)(i + 6));
            hit |= c3 & Is(n2, 0xC3) & Is(n4, 0xC3) & Is(n6, 0xC3);

            Vector512<byte> pair = ((In(v, 0xC2, 0xC6) | In(v, 0xCE, 0xD1)) & Continuation(n2)) | ((Is(v, 0xE2) | Is(v, 0xEF)) & Continuation(n3));
            if (pair != Vector512<byte>.Zero)
            {
                // Two small letters of Cyrillic (U+0430–U+045F) or Greek (U+03AC–U+03CE) inside a word of their
                // script, or beside ASCII that is not a letter: a plain word pair, never a pair the test accepts.
                Vector512<byte> p1 = Vector512.LoadUnsafe(ref start, (nuint)(i - 1));
                Vector512<byte> p2 = Vector512.LoadUnsafe(ref start, (nuint)(i - 2));
                Vector512<byte> n5 = Vector512.LoadUnsafe(ref start, (nuint)(i + 5));
                Vector512<byte> beforeIs2 = In(p1, 0x80, 0xBF);
                Vector512<byte> b0 = Vector512.Create((byte)0xB0), a0 = Vector512.Create((byte)0xA0);
                Vector512<byte> cyrillic = ((Is(v, 0xD0) & Vector512.GreaterThanOrEqual(n1, b0)) | (Is(v, 0xD1) & Vector512.LessThan(n1, a0)))
                    & ((Is(n2, 0xD0) & Vector512.GreaterThanOrEqual(n3, b0)) | (Is(n2, 0xD1) & Vector512.LessThan(n3, a0)))
                    & (AsciiOther(p1) | (beforeIs2 & In(p2, 0xD0, 0xD1)))
                    & (AsciiOther(n4) | In(n4, 0xD0, 0xD1));
                Vector512<byte> ac = Vector512.Create((byte)0xAC), x8e = Vector512.Create((byte)0x8F), x88 = Vector512.Create((byte)0x88);
                Vector512<byte> greek = ((Is(v, 0xCE) & Vector512.GreaterThanOrEqual(n1, ac)) | (Is(v, 0xCF) & Vector512.LessThan(n1, x8e)))
                    & ((Is(n2, 0xCE) & Vector512.GreaterThanOrEqual(n3, ac)) | (Is(n2, 0xCF) & Vector512.LessThan(n3, x8e)))
                    & (AsciiOther(p1) | (beforeIs2 & (Is(p2, 0xCF) | (Is(p2, 0xCE) & Vector512.GreaterThanOrEqual(p1, x88)))))
                    & (AsciiOther(n4) | Is(n4, 0xCF) | (Is(n4, 0xCE) & Vector512.GreaterThanOrEqual(n5, x88)));
                hit |= pair & ~(cyrillic | greek);
            }
        }

        return hit.ExtractMostSignificantBits();
    }
}
