using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MojibakeFix.Lossy;

namespace MojibakeFix.Repair;

/// <summary>
/// Finds the lines the double-byte pass must look at, over a whole text in one pass: a position that makes its
/// line suspect exactly as <see cref="DoubleByteCodePages.HasSuspect"/> judges the line alone. Text without a
/// CJK-range character near (ASCII, Cyrillic, Greek, accented Latin) is passed by the runtime's range search;
/// around CJK each vector is classified to two bitmasks, CJK-range characters and starts of non-ASCII stretches
/// near one, so correct CJK costs one bit test per character against the frequency table and no call per line.
/// </summary>
internal static class DoubleByteSuspects
{
    /// <summary>The vector width of the scan, chosen once: 512, 256, 128 or 0 (scalar).</summary>
    internal static readonly int BestWidth =
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;

    /// <summary>
    /// The first position at or after <paramref name="from"/> (a line start) whose line
    /// <see cref="DoubleByteCodePages.HasSuspect"/> finds suspect because of it, or -1; lines are split at
    /// <c>\n</c> and <c>\r</c>. The vector widths (0 = scalar) agree, so tests cover every path.
    /// </summary>
    internal static int IndexOfSuspect(ReadOnlySpan<char> s, int from, int width)
    {
        ulong[] common = CjkFrequency.CommonBits;
        int lastCjk = -1; // the last CJK-range character seen; a stretch counts only after one in its own line
        int i = Math.Max(from, 0);
        int lanes = width switch { 512 => Vector512<ushort>.Count, 256 => Vector256<ushort>.Count, _ => Vector128<ushort>.Count };
        if (width != 0 && !SkipToCjk(s, ref i))
        {
            return -1;
        }

        if (width != 0 && i == 0 && s.Length > 0)
        {
            if (IsSuspectAt(s, 0, common, ref lastCjk))
            {
                return 0;
            }

            i = 1; // the vector paths load the character before each lane
        }

        if (width != 0)
        {
            ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(s));
            for (; i + lanes + 3 <= s.Length; i += lanes)
            {
                ulong starts, ahead;
                ulong cjk = width switch
                {
                    512 => Masks512(ref start, i, out starts, out ahead),
                    256 => Masks256(ref start, i, out starts, out ahead),
                    _ => Masks128(ref start, i, out starts, out ahead),
                };
                if ((cjk | ahead) == 0)
                {
                    // No CJK-range character up to three past the block: jump to the next one (Latin, Cyrillic,
                    // Greek… lines cost the runtime's range search, not a block loop).
                    i += lanes;
                    if (!SkipToCjk(s, ref i))
                    {
                        return -1;
                    }

                    i -= lanes; // (the loop steps it back on)
                    continue;
                }

                // A suspect stretch holds a CJK-range character within its first four: keep the starts with one
                // that near (the masks look three characters past the block).
                ulong near = cjk | (ahead << lanes);
                starts &= near | (near >> 1) | (near >> 2) | (near >> 3);
                if ((cjk | starts) == 0)
                {
                    continue;
                }

                int found = -1;
                for (ulong m = cjk; m != 0; m &= m - 1)
                {
                    int at = i + BitOperations.TrailingZeroCount(m);
                    if (!CjkFrequency.IsCommon(common, s[at]))
                    {
                        found = at;
                        break;
                    }
                }

                for (ulong m = starts; m != 0; m &= m - 1)
                {
                    int at = i + BitOperations.TrailingZeroCount(m);
                    if (found >= 0 && at > found)
                    {
                        break;
                    }

                    if (DoubleByteCodePages.IsShortStretchBesideLetter(s, at))
                    {
                        ulong upTo = cjk & ((2UL << (at - i)) - 1);
                        int seen = upTo != 0 ? i + 63 - BitOperations.LeadingZeroCount(upTo) : lastCjk;
                        if (InSameLine(s, seen, at))
                        {
                            found = at;
                            break;
                        }
                    }
                }

                if (found >= 0)
                {
                    return found;
                }

                if (cjk != 0)
                {
                    lastCjk = i + 63 - BitOperations.LeadingZeroCount(cjk);
                }
            }
        }

        for (; i < s.Length; i++)
        {
            if (IsSuspectAt(s, i, common, ref lastCjk))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Moves <paramref name="i"/> on to three characters before the next CJK-range character (a suspect stretch
    /// may start there), never back; false when there is none, so nothing after can be suspect.
    /// </summary>
    private static bool SkipToCjk(ReadOnlySpan<char> s, ref int i)
    {
        int k = s[Math.Min(i, s.Length)..].IndexOfAnyInRange(DoubleByteCodePages.First, DoubleByteCodePages.Last);
        if (k < 0)
        {
            return false;
        }

        i += Math.Max(0, k - 3);
        return true;
    }

    /// <summary>The scalar definition: a rare CJK-range character, or a suspect stretch after a CJK one of its line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsSuspectAt(ReadOnlySpan<char> s, int i, ulong[] common, ref int lastCjk)
    {
        char c = s[i];
        if (c is >= DoubleByteCodePages.First and <= DoubleByteCodePages.Last)
        {
            lastCjk = i;
            if (!CjkFrequency.IsCommon(common, c))
            {
                return true;
            }
        }

        return c >= 0x80 && (i == 0 || s[i - 1] < 0x80) && DoubleByteCodePages.IsShortStretchBesideLetter(s, i)
            && InSameLine(s, lastCjk, i);
    }

    // The CJK character at `seen` and position `at` share a line. Each check scans from the last CJK character,
    // and a suspect stretch holds one itself, so the scanned ranges do not overlap: the search stays linear.
    internal static bool InSameLine(ReadOnlySpan<char> s, int seen, int at) =>
        seen >= 0 && s[seen..at].IndexOfAny('\n', '\r') < 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Masks128(ref ushort start, int i, out ulong starts, out ulong ahead)
    {
        // One test for the common case, branch-free over the characters: no CJK-range character up to three
        // past the block, so no rare one and no suspect stretch (which holds one within its first four).
        Vector128<ushort> v = Vector128.LoadUnsafe(ref start, (nuint)i);
        Vector128<ushort> first = Vector128.Create((ushort)DoubleByteCodePages.First);
        Vector128<ushort> span = Vector128.Create((ushort)(DoubleByteCodePages.Last - DoubleByteCodePages.First));
        Vector128<ushort> cjk = Vector128.LessThanOrEqual(v - first, span);
        Vector128<ushort> later = Vector128.LessThanOrEqual(Vector128.LoadUnsafe(ref start, (nuint)(i + 3)) - first, span);
        if ((cjk | later) == Vector128<ushort>.Zero)
        {
            starts = ahead = 0;
            return 0;
        }

        Vector128<ushort> ascii = Vector128.Create((ushort)0x7F);
        Vector128<ushort> previous = Vector128.LoadUnsafe(ref start, (nuint)(i - 1));
        starts = (Vector128.GreaterThan(v, ascii) & Vector128.LessThanOrEqual(previous, ascii)).ExtractMostSignificantBits();
        ahead = later.ExtractMostSignificantBits() >> (Vector128<ushort>.Count - 3); // the three characters past the block
        return cjk.ExtractMostSignificantBits();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Masks256(ref ushort start, int i, out ulong starts, out ulong ahead)
    {
        // One test for the common case, branch-free over the characters: no CJK-range character up to three
        // past the block, so no rare one and no suspect stretch (which holds one within its first four).
        Vector256<ushort> v = Vector256.LoadUnsafe(ref start, (nuint)i);
        Vector256<ushort> first = Vector256.Create((ushort)DoubleByteCodePages.First);
        Vector256<ushort> span = Vector256.Create((ushort)(DoubleByteCodePages.Last - DoubleByteCodePages.First));
        Vector256<ushort> cjk = Vector256.LessThanOrEqual(v - first, span);
        Vector256<ushort> later = Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref start, (nuint)(i + 3)) - first, span);
        if ((cjk | later) == Vector256<ushort>.Zero)
        {
            starts = ahead = 0;
            return 0;
        }

        Vector256<ushort> ascii = Vector256.Create((ushort)0x7F);
        Vector256<ushort> previous = Vector256.LoadUnsafe(ref start, (nuint)(i - 1));
        starts = (Vector256.GreaterThan(v, ascii) & Vector256.LessThanOrEqual(previous, ascii)).ExtractMostSignificantBits();
        ahead = later.ExtractMostSignificantBits() >> (Vector256<ushort>.Count - 3); // the three characters past the block
        return cjk.ExtractMostSignificantBits();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Masks512(ref ushort start, int i, out ulong starts, out ulong ahead)
    {
        // One test for the common case, branch-free over the characters: no CJK-range character up to three
        // past the block, so no rare one and no suspect stretch (which holds one within its first four).
        Vector512<ushort> v = Vector512.LoadUnsafe(ref start, (nuint)i);
        Vector512<ushort> first = Vector512.Create((ushort)DoubleByteCodePages.First);
        Vector512<ushort> span = Vector512.Create((ushort)(DoubleByteCodePages.Last - DoubleByteCodePages.First));
        Vector512<ushort> cjk = Vector512.LessThanOrEqual(v - first, span);
        Vector512<ushort> later = Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref start, (nuint)(i + 3)) - first, span);
        if ((cjk | later) == Vector512<ushort>.Zero)
        {
            starts = ahead = 0;
            return 0;
        }

        Vector512<ushort> ascii = Vector512.Create((ushort)0x7F);
        Vector512<ushort> previous = Vector512.LoadUnsafe(ref start, (nuint)(i - 1));
        starts = (Vector512.GreaterThan(v, ascii) & Vector512.LessThanOrEqual(previous, ascii)).ExtractMostSignificantBits();
        ahead = later.ExtractMostSignificantBits() >> (Vector512<ushort>.Count - 3); // the three characters past the block
        return cjk.ExtractMostSignificantBits();
    }
}
