using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MojibakeFix.CodePages;

namespace MojibakeFix.Detection;

/// <summary>
/// Finds where damage can start: a lead character U+00C2–U+00F4 (the image of a UTF-8 lead byte) followed by a
/// character that can stand for a continuation byte (U+0080–U+00BF, a Windows-1252 special, or '?', U+FFFD or a
/// space for lost bytes), or a C1 control left by a Latin-1 decoding. Correct accented text (é followed by a
/// letter), Cyrillic, CJK… never match, so whole vectors are skipped: each vector is classified to a bitmask with
/// the next character loaded one lane over, instead of stopping at every accented letter.
/// </summary>
internal static class CandidateScanner
{
    /// <summary>The vector width the CPU offers, chosen once: 512, 256, 128 or 0 (scalar).</summary>
    internal static readonly int BestWidth =
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;

    /// <summary>Index of the first possible start at or after <paramref name="from"/>, or -1.</summary>
    internal static int IndexOfCandidate(ReadOnlySpan<char> s, int from) => IndexOfCandidate(s, from, BestWidth);

    /// <summary>True when the text holds no possible start of damage: the zero-cost fast path.</summary>
    internal static bool CannotHoldDamage(ReadOnlySpan<char> s) => IndexOfCandidate(s, 0, BestWidth) < 0;

    /// <summary>The same search with a given vector width (0 = scalar), so tests cover every path.</summary>
    internal static int IndexOfCandidate(ReadOnlySpan<char> s, int from, int width)
    {
        if ((uint)from >= (uint)s.Length)
        {
            return -1;
        }

        if (IsCandidateAt(s, from))
        {
            return from; // dense damage: the next run usually starts right where the last one ended
        }

        return Scan(s, from, width);
    }

    /// <summary>The scalar definition every vector path must agree with.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsCandidateAt(ReadOnlySpan<char> s, int i)
    {
        char c = s[i];
        if ((uint)(c - 0x80) <= 0x1F)
        {
            return true; // C1 control
        }

        if ((uint)(c - 0xC2) > 0xF4 - 0xC2 || i + 1 >= s.Length)
        {
            return false;
        }

        return FollowsLead(c, s[i + 1], i + 2 < s.Length ? s[i + 2] : '\0');
    }

    // A plain space (a lost no-break space) may follow a two-byte lead (Ã → à, × → נ), unless an ASCII letter
    // follows it: the repair takes such a lead alone (first in its run) only as Â, Ã or Å (a no-break space, à, Š
    // starting a word); any other needs a misread character right beside it (Ð  in Ð¿Ð ), or, from Ø on, no letter
    // after the space. So Italian "È stato" and German "Straße und" are no candidates. After a three- or four-byte
    // lead the space must be followed by a continuation (é + " \u0081" → 頁): word-final é before a space is
    // everyday French, not a candidate. No UTF-8 sequence has A0 after ED or F4 (í, ô), so no space follows those.
    // A three- or four-byte lead needs a third byte too: after the second, a character that can stand for one
    // (MayBeThird: a continuation image, '?', U+FFFD, a lost no-break space) or the end of the text; else the sequence
    // reads only as "â€" (E2 80, in Latin-1 too) whose last byte a renderer dropped (SequenceReader.TryReadGeneral).
    // So Czech "píše" (í, š, e) and "náš" before a letter are no candidates.

    /// <summary>Whether <paramref name="n"/> (then <paramref name="n2"/>, '\0' past the end) can continue the lead <paramref name="c"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool FollowsLead(char c, char n, char n2) =>
        c < 0xE0
            ? MayFollowLead(n) || (n == ' ' && (!char.IsAsciiLetter(n2) || c is '\u00C2' or '\u00C3' or '\u00C5'))
            : MayFollowLead(n) ? MayBeThird(n2) || (c == '\u00E2' && n is '\u20AC' or '\u0080')
            : n == ' ' && c is not ('\u00ED' or '\u00F4') && MayFollowLead(n2);

    // A third byte after a long lead's second: MayFollowLead with its two loose ranges taken whole (as the vectors
    // take them, so a damaged "â€œ" or "æ—¥" needs no scalar check), a space or the end.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool MayBeThird(char n2) =>
        MayFollowLead(n2) || n2 is ' ' or '\0' || (uint)(n2 - 0x152) <= 0x192 - 0x152 || (uint)(n2 - 0x2013) <= 0x203A - 0x2013;

    // Exactly the characters the Windows-1252 pass reads as a continuation byte (U+0080–U+00BF and the 27 specials:
    // š, ž and ’ are, ř, ż and ‐ are not), so an accented letter before a Czech, Polish or Lithuanian one is no
    // candidate, and sends no line of correct text to the repair.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool MayFollowLead(char n) =>
        (uint)(n - 0x80) <= 0x3F || n is '?' or '\uFFFD' || (n > 0xFF && Windows1252.TryGetByte(n, out _));

    /// <summary>Lanes per block for a width: the vector's ushort count, 64 for the scalar block.</summary>
    internal static int LanesOf(int width) => width switch
    {
        512 when Vector512.IsHardwareAccelerated => Vector512<ushort>.Count,
        256 when Vector256.IsHardwareAccelerated => Vector256<ushort>.Count,
        128 when Vector128.IsHardwareAccelerated => Vector128<ushort>.Count,
        _ => 64,
    };

    /// <summary>
    /// Bit k set when position <paramref name="at"/> + k is a candidate, for one block of
    /// <see cref="LanesOf"/> positions (fewer at the end of the text).
    /// </summary>
    internal static ulong MaskAt(ReadOnlySpan<char> s, int at, int width)
    {
        int lanes = LanesOf(width);
        if (lanes < 64 && at + lanes + 2 <= s.Length)
        {
            ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(s));
            return lanes switch
            {
                32 => Mask512(ref start, at),
                16 => Mask256(ref start, at),
                _ => Mask128(ref start, at),
            };
        }

        ulong mask = 0;
        int k;
        if (lanes < 64 && s.Length >= lanes + 2)
        {
            // A block the text ends in, in a text longer than a vector: the vector that ends two characters before the
            // end (it reads two ahead) overlaps the block from the left; its bits past the block's start are the
            // block's, and the last two characters take the scalar definition.
            ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(s));
            int last = s.Length - lanes - 2;
            mask = (lanes switch
            {
                32 => Mask512(ref start, last),
                16 => Mask256(ref start, last),
                _ => Mask128(ref start, last),
            }) >> (at - last);
            for (k = Math.Max(at, s.Length - 2); k < s.Length; k++)
            {
                if (IsCandidateAt(s, k))
                {
                    mask |= 1UL << (k - at);
                }
            }

            return mask;
        }

        // A block the text ends in, in a text shorter than a vector: narrower vectors take what they can of it, the
        // scalar definition the rest.
        int n = Math.Min(lanes, s.Length - at);
        k = 0;
        if (lanes < 64 && Vector128.IsHardwareAccelerated)
        {
            ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(s));
            if (lanes > 16 && Vector256.IsHardwareAccelerated && at + 16 + 2 <= s.Length)
            {
                mask = Mask256(ref start, at);
                k = 16;
            }

            for (; lanes > 8 && k + 8 <= lanes && at + k + 8 + 2 <= s.Length; k += 8)
            {
                mask |= Mask128(ref start, at + k) << k;
            }
        }

        for (; k < n; k++)
        {
            if (IsCandidateAt(s, at + k))
            {
                mask |= 1UL << k;
            }
        }

        return mask;
    }

    private static int Scan(ReadOnlySpan<char> s, int from, int width)
    {
        int lanes = LanesOf(width);
        for (int i = from; i < s.Length; i += lanes)
        {
            ulong mask = MaskAt(s, i, width);
            if (mask != 0)
            {
                return i + BitOperations.TrailingZeroCount(mask);
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Mask128(ref ushort start, int i)
    {
        Vector128<ushort> v = Vector128.LoadUnsafe(ref start, (nuint)i);
        if (!Vector128.LessThanOrEqualAny(v - Vector128.Create((ushort)0x80), Vector128.Create((ushort)(0xF4 - 0x80))))
        {
            return 0; // no C1 control and no lead image: ASCII, CJK, Cyrillic, most of any text
        }

        Vector128<ushort> n = Vector128.LoadUnsafe(ref start, (nuint)(i + 1));
        Vector128<ushort> n2 = Vector128.LoadUnsafe(ref start, (nuint)(i + 2));
        Vector128<ushort> lead = Vector128.LessThanOrEqual(v - Vector128.Create((ushort)0xC2), Vector128.Create((ushort)(0xF4 - 0xC2)));
        Vector128<ushort> c1 = Vector128.LessThanOrEqual(v - Vector128.Create((ushort)0x80), Vector128.Create((ushort)0x1F));
        Vector128<ushort> twoByte = Vector128.LessThanOrEqual(v, Vector128.Create((ushort)0xDF));
        Vector128<ushort> space = Vector128.Equals(n, Vector128.Create((ushort)' '));

        // A superset first: every follower is non-ASCII or '?'. Accented letters before ASCII letters, and
        // word-final é before a space and a word, end here without the full follower test.
        Vector128<ushort> question = Vector128.Create((ushort)'?'), ascii = Vector128.Create((ushort)0x7F);
        Vector128<ushort> maybe = lead & (Vector128.GreaterThan(n, ascii) | Vector128.Equals(n, question)
            | (space & (twoByte | Vector128.GreaterThan(n2, ascii) | Vector128.Equals(n2, question))));
        if (maybe == Vector128<ushort>.Zero)
        {
            return c1.ExtractMostSignificantBits();
        }

        // A three- or four-byte lead needs a third byte after the second (its loose ranges taken whole: MayBeThird),
        // and no space follows í or ô (see FollowsLead).
        Vector128<ushort> follows2 = Follows(n2);
        Vector128<ushort> third = twoByte | follows2 | Vector128.Equals(n2, Vector128.Create((ushort)' ')) | Vector128.Equals(n2, Vector128<ushort>.Zero)
            | (Vector128.Equals(v, Vector128.Create((ushort)0xE2)) & (Vector128.Equals(n, Vector128.Create((ushort)0x20AC)) | Vector128.Equals(n, Vector128.Create((ushort)0x80))));
        Vector128<ushort> spaceFits = ~(Vector128.Equals(v, Vector128.Create((ushort)0xED)) | Vector128.Equals(v, Vector128.Create((ushort)0xF4)));
        Vector128<ushort> hit = c1 | (lead & ((Follows(n) & third) | (space & ((twoByte & NoBreakSpaceMayEnd(v, n2)) | (follows2 & spaceFits)))));
        if (hit == Vector128<ushort>.Zero)
        {
            return 0;
        }

        Vector128<ushort> loose = lead & (InLooseRanges(n) | (space & InLooseRanges(n2)));
        ulong bits = hit.ExtractMostSignificantBits();
        return loose == Vector128<ushort>.Zero ? bits : Refine(bits & loose.ExtractMostSignificantBits(), bits, ref start, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Mask256(ref ushort start, int i)
    {
        Vector256<ushort> v = Vector256.LoadUnsafe(ref start, (nuint)i);
        if (!Vector256.LessThanOrEqualAny(v - Vector256.Create((ushort)0x80), Vector256.Create((ushort)(0xF4 - 0x80))))
        {
            return 0; // no C1 control and no lead image: ASCII, CJK, Cyrillic, most of any text
        }

        Vector256<ushort> n = Vector256.LoadUnsafe(ref start, (nuint)(i + 1));
        Vector256<ushort> n2 = Vector256.LoadUnsafe(ref start, (nuint)(i + 2));
        Vector256<ushort> lead = Vector256.LessThanOrEqual(v - Vector256.Create((ushort)0xC2), Vector256.Create((ushort)(0xF4 - 0xC2)));
        Vector256<ushort> c1 = Vector256.LessThanOrEqual(v - Vector256.Create((ushort)0x80), Vector256.Create((ushort)0x1F));
        Vector256<ushort> twoByte = Vector256.LessThanOrEqual(v, Vector256.Create((ushort)0xDF));
        Vector256<ushort> space = Vector256.Equals(n, Vector256.Create((ushort)' '));

        // A superset first: every follower is non-ASCII or '?'. Accented letters before ASCII letters, and
        // word-final é before a space and a word, end here without the full follower test.
        Vector256<ushort> question = Vector256.Create((ushort)'?'), ascii = Vector256.Create((ushort)0x7F);
        Vector256<ushort> maybe = lead & (Vector256.GreaterThan(n, ascii) | Vector256.Equals(n, question)
            | (space & (twoByte | Vector256.GreaterThan(n2, ascii) | Vector256.Equals(n2, question))));
        if (maybe == Vector256<ushort>.Zero)
        {
            return c1.ExtractMostSignificantBits();
        }

        // A three- or four-byte lead needs a third byte after the second (its loose ranges taken whole: MayBeThird),
        // and no space follows í or ô (see FollowsLead).
        Vector256<ushort> follows2 = Follows(n2);
        Vector256<ushort> third = twoByte | follows2 | Vector256.Equals(n2, Vector256.Create((ushort)' ')) | Vector256.Equals(n2, Vector256<ushort>.Zero)
            | (Vector256.Equals(v, Vector256.Create((ushort)0xE2)) & (Vector256.Equals(n, Vector256.Create((ushort)0x20AC)) | Vector256.Equals(n, Vector256.Create((ushort)0x80))));
        Vector256<ushort> spaceFits = ~(Vector256.Equals(v, Vector256.Create((ushort)0xED)) | Vector256.Equals(v, Vector256.Create((ushort)0xF4)));
        Vector256<ushort> hit = c1 | (lead & ((Follows(n) & third) | (space & ((twoByte & NoBreakSpaceMayEnd(v, n2)) | (follows2 & spaceFits)))));
        if (hit == Vector256<ushort>.Zero)
        {
            return 0;
        }

        Vector256<ushort> loose = lead & (InLooseRanges(n) | (space & InLooseRanges(n2)));
        ulong bits = hit.ExtractMostSignificantBits();
        return loose == Vector256<ushort>.Zero ? bits : Refine(bits & loose.ExtractMostSignificantBits(), bits, ref start, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Mask512(ref ushort start, int i)
    {
        Vector512<ushort> v = Vector512.LoadUnsafe(ref start, (nuint)i);
        if (!Vector512.LessThanOrEqualAny(v - Vector512.Create((ushort)0x80), Vector512.Create((ushort)(0xF4 - 0x80))))
        {
            return 0; // no C1 control and no lead image: ASCII, CJK, Cyrillic, most of any text
        }

        Vector512<ushort> n = Vector512.LoadUnsafe(ref start, (nuint)(i + 1));
        Vector512<ushort> n2 = Vector512.LoadUnsafe(ref start, (nuint)(i + 2));
        Vector512<ushort> lead = Vector512.LessThanOrEqual(v - Vector512.Create((ushort)0xC2), Vector512.Create((ushort)(0xF4 - 0xC2)));
        Vector512<ushort> c1 = Vector512.LessThanOrEqual(v - Vector512.Create((ushort)0x80), Vector512.Create((ushort)0x1F));
        Vector512<ushort> twoByte = Vector512.LessThanOrEqual(v, Vector512.Create((ushort)0xDF));
        Vector512<ushort> space = Vector512.Equals(n, Vector512.Create((ushort)' '));

        // A superset first: every follower is non-ASCII or '?'. Accented letters before ASCII letters, and
        // word-final é before a space and a word, end here without the full follower test.
        Vector512<ushort> question = Vector512.Create((ushort)'?'), ascii = Vector512.Create((ushort)0x7F);
        Vector512<ushort> maybe = lead & (Vector512.GreaterThan(n, ascii) | Vector512.Equals(n, question)
            | (space & (twoByte | Vector512.GreaterThan(n2, ascii) | Vector512.Equals(n2, question))));
        if (maybe == Vector512<ushort>.Zero)
        {
            return c1.ExtractMostSignificantBits();
        }

        // A three- or four-byte lead needs a third byte after the second (its loose ranges taken whole: MayBeThird),
        // and no space follows í or ô (see FollowsLead).
        Vector512<ushort> follows2 = Follows(n2);
        Vector512<ushort> third = twoByte | follows2 | Vector512.Equals(n2, Vector512.Create((ushort)' ')) | Vector512.Equals(n2, Vector512<ushort>.Zero)
            | (Vector512.Equals(v, Vector512.Create((ushort)0xE2)) & (Vector512.Equals(n, Vector512.Create((ushort)0x20AC)) | Vector512.Equals(n, Vector512.Create((ushort)0x80))));
        Vector512<ushort> spaceFits = ~(Vector512.Equals(v, Vector512.Create((ushort)0xED)) | Vector512.Equals(v, Vector512.Create((ushort)0xF4)));
        Vector512<ushort> hit = c1 | (lead & ((Follows(n) & third) | (space & ((twoByte & NoBreakSpaceMayEnd(v, n2)) | (follows2 & spaceFits)))));
        if (hit == Vector512<ushort>.Zero)
        {
            return 0;
        }

        Vector512<ushort> loose = lead & (InLooseRanges(n) | (space & InLooseRanges(n2)));
        ulong bits = hit.ExtractMostSignificantBits();
        return loose == Vector512<ushort>.Zero ? bits : Refine(bits & loose.ExtractMostSignificantBits(), bits, ref start, i);
    }

    // MayFollowLead, a lane at a time, with two ranges admitted whole: U+0152–U+0192 and U+2013–U+203A hold 23 of
    // the Windows-1252 specials among letters and marks it lacks (ř, ż, ‐), which one range test keeps off the
    // common path; Refine decides the lanes they let in. The vector forms are written out per width (no shared
    // generic vector interface is public), each checked against IsCandidateAt by the tests.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> Follows(Vector128<ushort> n) =>
        Vector128.LessThanOrEqual(n - Vector128.Create((ushort)0x80), Vector128.Create((ushort)0x3F))
        | Vector128.Equals(n, Vector128.Create((ushort)'?'))
        | Vector128.Equals(n, Vector128.Create((ushort)0xFFFD)) | Vector128.Equals(n, Vector128.Create((ushort)0x2C6))
        | Vector128.Equals(n, Vector128.Create((ushort)0x2DC)) | Vector128.Equals(n, Vector128.Create((ushort)0x20AC))
        | Vector128.Equals(n, Vector128.Create((ushort)0x2122))
        | InLooseRanges(n);

    // A two-byte lead and a space: not before an ASCII letter, unless the lead is Â, Ã or Å (see FollowsLead).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<ushort> NoBreakSpaceMayEnd(Vector128<ushort> v, Vector128<ushort> n2) =>
        ~Vector128.LessThanOrEqual((n2 | Vector128.Create((ushort)0x20)) - Vector128.Create((ushort)'a'), Vector128.Create((ushort)('z' - 'a')))
        | Vector128.LessThanOrEqual(v - Vector128.Create((ushort)0xC2), Vector128.Create((ushort)1)) | Vector128.Equals(v, Vector128.Create((ushort)0xC5));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> InLooseRanges(Vector128<ushort> n) =>
        Vector128.LessThanOrEqual(n - Vector128.Create((ushort)0x152), Vector128.Create((ushort)(0x192 - 0x152)))
        | Vector128.LessThanOrEqual(n - Vector128.Create((ushort)0x2013), Vector128.Create((ushort)(0x203A - 0x2013)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> Follows(Vector256<ushort> n) =>
        Vector256.LessThanOrEqual(n - Vector256.Create((ushort)0x80), Vector256.Create((ushort)0x3F))
        | Vector256.Equals(n, Vector256.Create((ushort)'?'))
        | Vector256.Equals(n, Vector256.Create((ushort)0xFFFD)) | Vector256.Equals(n, Vector256.Create((ushort)0x2C6))
        | Vector256.Equals(n, Vector256.Create((ushort)0x2DC)) | Vector256.Equals(n, Vector256.Create((ushort)0x20AC))
        | Vector256.Equals(n, Vector256.Create((ushort)0x2122))
        | InLooseRanges(n);

    // A two-byte lead and a space: not before an ASCII letter, unless the lead is Â, Ã or Å (see FollowsLead).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<ushort> NoBreakSpaceMayEnd(Vector256<ushort> v, Vector256<ushort> n2) =>
        ~Vector256.LessThanOrEqual((n2 | Vector256.Create((ushort)0x20)) - Vector256.Create((ushort)'a'), Vector256.Create((ushort)('z' - 'a')))
        | Vector256.LessThanOrEqual(v - Vector256.Create((ushort)0xC2), Vector256.Create((ushort)1)) | Vector256.Equals(v, Vector256.Create((ushort)0xC5));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> InLooseRanges(Vector256<ushort> n) =>
        Vector256.LessThanOrEqual(n - Vector256.Create((ushort)0x152), Vector256.Create((ushort)(0x192 - 0x152)))
        | Vector256.LessThanOrEqual(n - Vector256.Create((ushort)0x2013), Vector256.Create((ushort)(0x203A - 0x2013)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> Follows(Vector512<ushort> n) =>
        Vector512.LessThanOrEqual(n - Vector512.Create((ushort)0x80), Vector512.Create((ushort)0x3F))
        | Vector512.Equals(n, Vector512.Create((ushort)'?'))
        | Vector512.Equals(n, Vector512.Create((ushort)0xFFFD)) | Vector512.Equals(n, Vector512.Create((ushort)0x2C6))
        | Vector512.Equals(n, Vector512.Create((ushort)0x2DC)) | Vector512.Equals(n, Vector512.Create((ushort)0x20AC))
        | Vector512.Equals(n, Vector512.Create((ushort)0x2122))
        | InLooseRanges(n);

    // A two-byte lead and a space: not before an ASCII letter, unless the lead is Â, Ã or Å (see FollowsLead).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<ushort> NoBreakSpaceMayEnd(Vector512<ushort> v, Vector512<ushort> n2) =>
        ~Vector512.LessThanOrEqual((n2 | Vector512.Create((ushort)0x20)) - Vector512.Create((ushort)'a'), Vector512.Create((ushort)('z' - 'a')))
        | Vector512.LessThanOrEqual(v - Vector512.Create((ushort)0xC2), Vector512.Create((ushort)1)) | Vector512.Equals(v, Vector512.Create((ushort)0xC5));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> InLooseRanges(Vector512<ushort> n) =>
        Vector512.LessThanOrEqual(n - Vector512.Create((ushort)0x152), Vector512.Create((ushort)(0x192 - 0x152)))
        | Vector512.LessThanOrEqual(n - Vector512.Create((ushort)0x2013), Vector512.Create((ushort)(0x203A - 0x2013)));

    /// <summary>
    /// Clears from <paramref name="bits"/> (the lanes of the vector at <paramref name="i"/> that passed the vector
    /// test) each lane of <paramref name="toCheck"/> whose follower only the loose ranges admitted: the scalar
    /// definition decides those (the vector loads reached two past every lane, so the reads are in the text).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // rare: Czech, Polish, Baltic letters after an accented one
    private static ulong Refine(ulong toCheck, ulong bits, ref ushort start, int i)
    {
        for (; toCheck != 0; toCheck &= toCheck - 1)
        {
            int k = BitOperations.TrailingZeroCount(toCheck);
            ref ushort at = ref Unsafe.Add(ref start, i + k);
            if (!FollowsLead((char)at, (char)Unsafe.Add(ref at, 1), (char)Unsafe.Add(ref at, 2)))
            {
                bits &= ~(1UL << k);
            }
        }

        return bits;
    }



}

/// <summary>
/// Walks the candidates of a text in order, one classified block at a time: dense damage costs one bitmask per
/// block and a bit scan per hit, not a vector search per hit.
/// </summary>
internal ref struct CandidateCursor(ReadOnlySpan<char> text, int width)
{
    private readonly ReadOnlySpan<char> _s = text;
    private readonly int _width = width;
    private readonly int _lanes = CandidateScanner.LanesOf(width);
    private int _block = -1;
    private ulong _mask;

    public CandidateCursor(ReadOnlySpan<char> text)
        : this(text, CandidateScanner.BestWidth)
    {
    }

    /// <summary>The first candidate at or after <paramref name="from"/>, or -1.</summary>
    public int Next(int from)
    {
        while ((uint)from < (uint)_s.Length)
        {
            if (_block < 0 || from < _block || from >= _block + _lanes)
            {
                _block = from;
                _mask = CandidateScanner.MaskAt(_s, from, _width);
            }

            ulong pending = _mask & (ulong.MaxValue << (from - _block));
            if (pending != 0)
            {
                return _block + BitOperations.TrailingZeroCount(pending);
            }

            from = _block + _lanes;
        }

        return -1;
    }
}
