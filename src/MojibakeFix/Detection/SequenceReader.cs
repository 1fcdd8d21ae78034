using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MojibakeFix.CodePages;
using MojibakeFix.Internals;

namespace MojibakeFix.Detection;

/// <summary>Reads a <see cref="Sequence"/> back from characters, and grades its evidence.</summary>
internal static class SequenceReader
{
    /// <summary>
    /// Reads the sequence that starts at <paramref name="i"/>. Returns false when the characters there are
    /// not the single-byte image of a UTF-8 sequence (allowing lost bytes when <paramref name="lossy"/>).
    /// </summary>
    internal static bool TryRead(ReadOnlySpan<char> s, int i, bool lossy, bool lostSpaces, out Sequence seq)
    {
        WorkMeter.Add(1); // a candidate scored
        return TryReadUncounted(s, i, lossy, lostSpaces, out seq);
    }

    /// <summary>
    /// <see cref="TryRead"/> without counting the candidate: a caller that reads many in a row (a chain) counts
    /// them in one addition, instead of one thread-static update per sequence.
    /// </summary>
    internal static bool TryReadUncounted(ReadOnlySpan<char> s, int i, bool lossy, bool lostSpaces, out Sequence seq) =>
        TryReadUncounted(s, i, lossy, lostSpaces, grade: true, out seq);

    /// <summary>
    /// <see cref="TryReadUncounted(ReadOnlySpan{char}, int, bool, bool, out Sequence)"/>, leaving a whole sequence
    /// <see cref="Evidence.Ungraded"/> unless <paramref name="grade"/>: a chain of them is written as decoded once
    /// one sequence proves it, so the others' grades are never looked at.
    /// </summary>
    internal static bool TryReadUncounted(ReadOnlySpan<char> s, int i, bool lossy, bool lostSpaces, bool grade, out Sequence seq)
    {
        char c0 = s[i];
        if (!Sequence.IsLeadChar(c0))
        {
            seq = default;
            return false;
        }

        int n = Sequence.LengthOfLead(c0);
        if (i + n <= s.Length && TryReadWhole(s, i, c0, n, grade, out seq, out bool decided))
        {
            return decided;
        }

        return TryReadGeneral(s, i, lossy, lostSpaces, c0, n, out seq);
    }

    /// <summary>
    /// The common case, read in one go: every character after the lead is a continuation image and the second
    /// fits the lead. False (the general reader then decides) for anything else; when true,
    /// <paramref name="result"/> is what the general reader returns for the same characters.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool TryReadWhole(ReadOnlySpan<char> s, int i, char c0, int n, bool grade, out Sequence seq, out bool result)
    {
        seq = default;
        result = false;
        if (!TryReadWholeBytes(s, i, c0, n, out uint bytes, out bool c1Seen, out bool special, out int bullets))
        {
            return false;
        }

        seq.Start = i;
        seq.End = i + n;
        seq.ByteCount = n;
        seq.Bytes = bytes;
        seq.BulletMask = (byte)bullets;
        seq.SawC1 = c1Seen;
        seq.SawSpecial = special;
        seq.CodePoint = Sequence.DecodeUtf8(bytes, n);
        if (seq.CodePoint >= 0)
        {
            seq.Evidence = grade ? Grade(s, i, seq.End) : Evidence.Ungraded;
            result = true;
        }

        return true;
    }

    /// <summary>
    /// The bytes of the <paramref name="n"/> characters at <paramref name="i"/> (lead <paramref name="c0"/>), packed as
    /// in <see cref="Sequence.Bytes"/>, when every character after the lead is a continuation image and the second
    /// fits the lead; with whether one of them is a C1 control, whether one is above U+00FF, and where '•' stands.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryReadWholeBytes(ReadOnlySpan<char> s, int i, char c0, int n, out uint bytes, out bool c1, out bool special, out int bullets)
    {
        char ch1 = s[i + 1];
        byte b1 = Windows1252.ContinuationByte(ch1);
        bytes = c0 | ((uint)b1 << 8);
        int ored = ch1; // an OR of the characters exceeds U+00FF exactly when one of them does
        bullets = ch1 == '\u2022' ? 1 << 1 : 0;
        c1 = (uint)(ch1 - 0x80) < 0x20;
        special = false;
        if (b1 == 0 || !SecondByteFits(c0, b1))
        {
            return false;
        }

        for (int k = 2; k < n; k++)
        {
            char ch = s[i + k];
            byte b = Windows1252.ContinuationByte(ch);
            if (b == 0)
            {
                return false;
            }

            c1 |= (uint)(ch - 0x80) < 0x20;
            ored |= ch;
            bullets |= ch == '\u2022' ? 1 << k : 0;
            bytes |= (uint)b << (8 * k);
        }

        special = ored > 0xFF;
        return true;
    }

    /// <summary>The reader for every case (lost bytes and spaces, truncation, CESU-8): the definition the fast path must agree with.</summary>
    internal static bool TryReadGeneral(ReadOnlySpan<char> s, int i, bool lossy, bool lostSpaces, char c0, int n, out Sequence seq)
    {
        seq = default;
        uint bytes = c0;
        byte unknown = 0, spaces = 0, bullets = 0, replacements = 0;
        bool c1 = false, special = false;
        int k = 1;
        for (; k < n; k++)
        {
            int j = i + k;
            if (j >= s.Length)
            {
                break;
            }

            char ch = s[j];
            byte b = Windows1252.ContinuationByte(ch);
            if (b != 0)
            {
                if (k == 1 && !SecondByteFits(c0, b))
                {
                    if (c0 == 0xED && b >= 0xA0)
                    {
                        return TryReadCesu(s, i, out seq);
                    }

                    return false;
                }

                c1 |= ch is >= '\u0080' and < '\u00A0';
                special |= ch > '\u00FF';
                if (ch == '\u2022')
                {
                    bullets |= (byte)(1 << k);
                }

                bytes |= (uint)b << (8 * k);
                continue;
            }

            if (lossy && (ch == '?' || ch == '\uFFFD'))
            {
                unknown |= (byte)(1 << k);
                if (ch == '\uFFFD')
                {
                    replacements |= (byte)(1 << k);
                }

                bytes |= 0x80u << (8 * k);
                continue;
            }

            if (lostSpaces && ch == ' ' && (k < n - 1 || TrailingSpaceMayBeNbsp(s, i, j, n)))
            {
                if (k == 1 && !SecondByteFits(c0, 0xA0))
                {
                    return false;
                }

                spaces |= (byte)(1 << k);
                bytes |= 0xA0u << (8 * k);
                continue;
            }

            break;
        }

        if (k < n)
        {
            // Truncated: a renderer dropped the undefined bytes (0x81 0x8D 0x8F 0x90 0x9D) at the end.
            // Only the classic "â€" prefix (E2 80, general punctuation) is common and distinctive enough, and
            // only before a space, punctuation or the end: before a letter it is another code page (â€ś).
            if (!lossy || k != 2 || n != 3 || unknown != 0 || (bytes & 0xFFFF) != 0x80E2
                || (i + k < s.Length && char.IsLetterOrDigit(s[i + k])))
            {
                return false;
            }

            for (int m = k; m < n; m++)
            {
                unknown |= (byte)(1 << m);
                bytes |= 0x80u << (8 * m);
            }
        }

        seq.Start = i;
        seq.End = i + k;
        seq.ByteCount = n;
        seq.Bytes = bytes;
        seq.UnknownMask = unknown;
        seq.SpaceMask = spaces;
        seq.BulletMask = bullets;
        seq.ReplacementMask = replacements;
        seq.SawC1 = c1;
        seq.SawSpecial = special;
        if (unknown != 0)
        {
            seq.CodePoint = -1;
            seq.Evidence = Evidence.Lossy;
            return true;
        }

        seq.CodePoint = Sequence.DecodeUtf8(bytes, n);
        if (seq.CodePoint < 0)
        {
            return false;
        }

        // A space standing for 0xA0 is itself weak evidence: such a sequence needs its chain or context.
        seq.Evidence = spaces != 0 ? Evidence.Ambiguous : Grade(s, i, seq.End);
        return true;
    }

    /// <summary>
    /// Whether every character has a Windows-1252 (or Latin-1) byte and the bytes are valid UTF-8: the whole text
    /// is the image of UTF-8 read as Windows-1252 (or is ASCII). The characters are mapped a block at a time
    /// into a stack buffer and validated by the runtime's vectorized UTF-8 check, instead of a byte-by-byte
    /// state machine.
    /// </summary>
    internal static bool IsUtf8Image(ReadOnlySpan<char> text) => IsUtf8Image(text, CandidateScanner.BestWidth);

    /// <summary>The same test with a given vector width for the mapping (0 = scalar), so tests cover every path.</summary>
    internal static bool IsUtf8Image(ReadOnlySpan<char> text, int width)
    {
        const int Block = 256;
        Unsafe.SkipInit(out StackBuffer256<byte> buffer);
        Span<byte> bytes = buffer;
        int start = 0;
        while (start < text.Length)
        {
            int end = Math.Min(start + Block, text.Length);
            if (end < text.Length)
            {
                // Cut before a character that is not a continuation image: no sequence of valid UTF-8 straddles
                // the cut, so the text is valid exactly when every block is. A sequence has at most three
                // continuation bytes; more in a row is invalid anyway.
                int back = 0;
                while (Windows1252.ContinuationByte(text[end]) != 0)
                {
                    if (++back > 3)
                    {
                        return false;
                    }

                    end--;
                }
            }

            ReadOnlySpan<char> block = text[start..end];
            if (!ToBytes(block, bytes, width) || !System.Text.Unicode.Utf8.IsValid(bytes[..block.Length]))
            {
                return false;
            }

            start = end;
        }

        return true;
    }

    /// <summary>
    /// The Windows-1252 (or Latin-1) bytes of <paramref name="chars"/>; false when a character has none. Characters
    /// below U+0100 are their own byte, so a vector is narrowed at once; only its characters above U+00FF (the 27
    /// Windows-1252 specials, or a character of no byte) are then mapped one at a time.
    /// </summary>
    private static bool ToBytes(ReadOnlySpan<char> chars, Span<byte> bytes, int width)
    {
        ref ushort src = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(chars));
        ref byte dst = ref MemoryMarshal.GetReference(bytes);
        int k = 0, n = Math.Min(chars.Length, bytes.Length);
        if (width >= 512 && Vector512.IsHardwareAccelerated)
        {
            for (; k + 2 * Vector512<ushort>.Count <= n; k += 2 * Vector512<ushort>.Count)
            {
                Vector512<ushort> a = Vector512.LoadUnsafe(ref src, (nuint)k), b = Vector512.LoadUnsafe(ref src, (nuint)(k + Vector512<ushort>.Count));
                Vector512.Narrow(a, b).StoreUnsafe(ref dst, (nuint)k);
                Vector512<ushort> max = Vector512.Create((ushort)0xFF);
                ulong wide = Vector512.GreaterThan(a, max).ExtractMostSignificantBits()
                    | (Vector512.GreaterThan(b, max).ExtractMostSignificantBits() << Vector512<ushort>.Count);
                if (wide != 0 && !MapWide(chars, bytes, k, wide))
                {
                    return false;
                }
            }
        }

        if (width >= 256 && Vector256.IsHardwareAccelerated)
        {
            for (; k + 2 * Vector256<ushort>.Count <= n; k += 2 * Vector256<ushort>.Count)
            {
                Vector256<ushort> a = Vector256.LoadUnsafe(ref src, (nuint)k), b = Vector256.LoadUnsafe(ref src, (nuint)(k + Vector256<ushort>.Count));
                Vector256.Narrow(a, b).StoreUnsafe(ref dst, (nuint)k);
                Vector256<ushort> max = Vector256.Create((ushort)0xFF);
                ulong wide = Vector256.GreaterThan(a, max).ExtractMostSignificantBits()
                    | (Vector256.GreaterThan(b, max).ExtractMostSignificantBits() << Vector256<ushort>.Count);
                if (wide != 0 && !MapWide(chars, bytes, k, wide))
                {
                    return false;
                }
            }
        }

        if (width >= 128 && Vector128.IsHardwareAccelerated)
        {
            for (; k + 2 * Vector128<ushort>.Count <= n; k += 2 * Vector128<ushort>.Count)
            {
                Vector128<ushort> a = Vector128.LoadUnsafe(ref src, (nuint)k), b = Vector128.LoadUnsafe(ref src, (nuint)(k + Vector128<ushort>.Count));
                Vector128.Narrow(a, b).StoreUnsafe(ref dst, (nuint)k);
                Vector128<ushort> max = Vector128.Create((ushort)0xFF);
                ulong wide = Vector128.GreaterThan(a, max).ExtractMostSignificantBits()
                    | (Vector128.GreaterThan(b, max).ExtractMostSignificantBits() << Vector128<ushort>.Count);
                if (wide != 0 && !MapWide(chars, bytes, k, wide))
                {
                    return false;
                }
            }
        }

        return ToBytesScalar(chars[k..n], bytes[k..]);
    }

    /// <summary>Maps the characters above U+00FF (bit j of <paramref name="wide"/>: position <paramref name="at"/> + j), which the narrowing cut.</summary>
    private static bool MapWide(ReadOnlySpan<char> chars, Span<byte> bytes, int at, ulong wide)
    {
        for (; wide != 0; wide &= wide - 1)
        {
            int j = at + BitOperations.TrailingZeroCount(wide);
            if (!Windows1252.TryGetByte(chars[j], out bytes[j]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The scalar definition of <see cref="ToBytes"/>.</summary>
    private static bool ToBytesScalar(ReadOnlySpan<char> chars, Span<byte> bytes)
    {
        for (int k = 0; k < chars.Length; k++)
        {
            char c = chars[k];
            if (c < 0x100)
            {
                bytes[k] = (byte)c;
            }
            else if (!Windows1252.TryGetByte(c, out bytes[k]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A space at the end of a sequence is read as a lost 0xA0 only where the text goes on with more damage
    /// (<c>à¸ à¸²</c>) or for the two cases real text shows all the time, <c>Ã </c> (à) and <c>Â </c> (NBSP).
    /// Otherwise a trailing space is just a word boundary (<c>frataraká§ 141</c>).
    /// </summary>
    private static bool TrailingSpaceMayBeNbsp(ReadOnlySpan<char> s, int i, int j, int n)
    {
        if (n == 2 && s[i] is '\u00C3' or '\u00C2' or '\u00C5')
        {
            return true; // à, NBSP, Š
        }

        if (j + 1 < s.Length && s[j + 1] == ' ')
        {
            return true; // the lost no-break space and a real space: "í•  것" (할 것)
        }

        // Inside a run: another sequence follows, or one ended right before this one.
        int next = j + 1;
        return (next + 1 < s.Length && Sequence.IsLeadChar(s[next]) && Sequence.IsContinuationChar(s[next + 1]))
            || (i > 0 && Sequence.IsContinuationChar(s[i - 1]));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool SecondByteFits(char lead, byte b) => lead switch
    {
        '\u00E0' => b >= 0xA0,
        '\u00ED' => b <= 0x9F,
        '\u00F0' => b >= 0x90,
        '\u00F4' => b <= 0x8F,
        _ => true,
    };

    /// <summary>CESU-8 / Java modified UTF-8: a surrogate pair as two three-byte sequences (ED A0–AF xx ED B0–BF xx).</summary>
    private static bool TryReadCesu(ReadOnlySpan<char> s, int i, out Sequence seq)
    {
        seq = default;
        if (i + 6 > s.Length || s[i + 3] != '\u00ED')
        {
            return false;
        }

        byte b1 = Windows1252.ContinuationByte(s[i + 1]), b2 = Windows1252.ContinuationByte(s[i + 2]);
        byte b4 = Windows1252.ContinuationByte(s[i + 4]), b5 = Windows1252.ContinuationByte(s[i + 5]);
        if (b1 is < 0xA0 or > 0xAF || b2 == 0 || b4 is < 0xB0 or > 0xBF || b5 == 0)
        {
            return false;
        }

        int hi = 0xD000 | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
        int lo = 0xD000 | ((b4 & 0x3F) << 6) | (b5 & 0x3F);
        seq.Start = i;
        seq.End = i + 6;
        seq.ByteCount = 6;
        seq.CodePoint = char.ConvertToUtf32((char)hi, (char)lo);
        seq.Bytes = 0xED | ((uint)b1 << 8) | ((uint)b2 << 16);
        for (int k = 1; k < 6; k++)
        {
            char ch = s[i + k];
            seq.SawC1 |= ch is >= '\u0080' and < '\u00A0';
            seq.SawSpecial |= ch > '\u00FF';
        }

        seq.Evidence = Evidence.Definite;
        return true;
    }

    /// <summary>Grades a sequence read <see cref="Evidence.Ungraded"/> (whole, so graded as the reader would have).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void GradeIfNeeded(ReadOnlySpan<char> s, ref Sequence q)
    {
        if (q.Evidence == Evidence.Ungraded)
        {
            q.Evidence = Grade(s, q.Start, q.End);
        }
    }

    /// <summary>Definite when some adjacent pair inside the sequence never occurs in correct text.</summary>
    internal static Evidence Grade(ReadOnlySpan<char> s, int start, int end)
    {
        char lead = s[start];
        char first = s[start + 1] == ' ' ? '\u00A0' : s[start + 1];
        if (!PairEvidence.IsNaturalAfterLead(lead, first))
        {
            return Evidence.Definite;
        }

        for (int j = start + 1; j + 1 < end; j++)
        {
            char a = s[j] == ' ' ? '\u00A0' : s[j];
            char b = s[j + 1] == ' ' ? '\u00A0' : s[j + 1];
            if (!PairEvidence.IsNaturalPair(a, b))
            {
                return Evidence.Definite;
            }
        }

        return Evidence.Ambiguous;
    }
}
