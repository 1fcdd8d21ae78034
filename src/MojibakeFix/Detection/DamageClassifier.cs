using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MojibakeFix.Lossy;
using MojibakeFix.Repair;

namespace MojibakeFix.Detection;

/// <summary>The whole-text searches whose hits send a line to the repair passes; a set of them is one value.</summary>
[Flags]
internal enum DamageSearch
{
    /// <summary>No search.</summary>
    None = 0,

    /// <summary>A start of Windows-1252 damage (<see cref="CandidateScanner.IsCandidateAt"/>).</summary>
    Windows1252 = 1,

    /// <summary>A lead and continuation image of another single-byte code page (<see cref="OtherCodePages.IsPairAt"/>).</summary>
    CodePagePair = 2,

    /// <summary>A position that makes its line suspect to the double-byte pass (<see cref="DoubleByteSuspects.IsSuspectAt"/>).</summary>
    DoubleByte = 4,

    /// <summary>A <c>?</c> that may stand for a lost byte (<see cref="LostLetters.IsCandidate"/>).</summary>
    LostLetter = 8,

    /// <summary>A run of legacy 8-bit text read as Windows-1252 (<see cref="LegacyText.StartsRunAt"/>).</summary>
    LegacyRun = 16,

    /// <summary>Every search.</summary>
    All = Windows1252 | CodePagePair | DoubleByte | LostLetter | LegacyRun,
}

/// <summary>
/// The five whole-text searches of the repair (Windows-1252 starts, other code-page pairs, double-byte suspects,
/// lost letters, legacy runs) as one pass: each vector is loaded once and classified to the union of the
/// searches' candidate masks, and only a set bit is checked against the searches' own exact definitions. Clean
/// text thus costs one pass over memory instead of five, and a vector with neither a non-ASCII character nor a
/// <c>?</c> (every hit of every search lies on one) costs one test. The result is exactly the earliest of the
/// separate searches, at every width (0 = scalar, 128, 256, 512), which the tests check.
/// </summary>
internal static class DamageClassifier
{
    /// <summary>The vector width the CPU offers, chosen once: 512, 256, 128 or 0 (scalar).</summary>
    internal static readonly int BestWidth =
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;

    /// <summary>The searches the repair runs under <paramref name="options"/>.</summary>
    internal static DamageSearch SearchesFor(FixOptions options) =>
        DamageSearch.Windows1252
        | (options.OtherCodePages ? DamageSearch.CodePagePair | DamageSearch.LegacyRun : DamageSearch.None)
        | (options.DoubleByteCodePages ? DamageSearch.DoubleByte : DamageSearch.None)
        | (options.Lossy != LossyRepair.Leave ? DamageSearch.LostLetter : DamageSearch.None);

    /// <summary>
    /// The first position at or after <paramref name="from"/> where one of <paramref name="searches"/> finds a
    /// candidate, or -1; <paramref name="fired"/> is the set of searches that find it there. For a double-byte
    /// suspect the CJK character its line needs is looked for from <paramref name="from"/> on, as
    /// <see cref="DoubleByteSuspects.IndexOfSuspect"/> does: pass a line start.
    /// </summary>
    internal static int IndexOfDamage(ReadOnlySpan<char> s, int from, DamageSearch searches, out DamageSearch fired) =>
        IndexOfDamage(s, from, searches, BestWidth, out fired);

    /// <summary>The same search with a given vector width (0 = scalar), so tests cover every path.</summary>
    internal static int IndexOfDamage(ReadOnlySpan<char> s, int from, DamageSearch searches, int width, out DamageSearch fired)
    {
        fired = DamageSearch.None;
        int i = Math.Max(from, 0);
        if (searches == DamageSearch.None || i >= s.Length)
        {
            return -1;
        }

        ulong[] common = CjkFrequency.CommonBits;
        int lastCjk = -1; // the last CJK-range character seen from `from` on: a suspect stretch needs one in its line
        if (width != 0 && i == 0)
        {
            fired = FiredAt(s, 0, searches, common, ref lastCjk);
            if (fired != DamageSearch.None)
            {
                return 0;
            }

            i = 1; // the vector paths load the character before each lane
        }

        // The widest vector first, then each narrower one over what is left: a line shorter than two wide vectors
        // (most lines, at 512 bits) would otherwise end in a scalar check of every non-ASCII character.
        for (int w = width; w >= 128; w /= 2)
        {
            int found = w switch
            {
                512 => Scan512(s, ref i, searches, common, ref lastCjk, out fired),
                256 => Scan256(s, ref i, searches, common, ref lastCjk, out fired),
                _ => Scan128(s, ref i, searches, common, ref lastCjk, out fired),
            };
            if (found >= 0)
            {
                return found;
            }
        }

        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c < 0x80 && c != '?')
            {
                continue; // every hit lies on a non-ASCII character or a '?'
            }

            fired = FiredAt(s, i, searches, common, ref lastCjk);
            if (fired != DamageSearch.None)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Whether the repair of one line (a line break only at its end) may change it: a search finds a candidate,
    /// unless the only ones are double-byte suspects in a line the double-byte pass cannot read. Exactly the
    /// Windows-1252 scan with the other passes' own checks (as DamageClassifierTests states them), in one pass.
    /// </summary>
    internal static bool MayChangeLine(ReadOnlySpan<char> line, FixOptions options)
    {
        DamageSearch searches = SearchesFor(options);
        int hit = IndexOfDamage(line, 0, searches, out DamageSearch fired);
        return hit >= 0 && (fired != DamageSearch.DoubleByte || DoubleByteCodePages.MayApply(line, options)
            || IndexOfDamage(line, hit + 1, searches & ~DamageSearch.DoubleByte, out _) >= 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> In(Vector128<ushort> v, ushort lo, ushort hi) =>
        Vector128.LessThanOrEqual(v - Vector128.Create(lo), Vector128.Create((ushort)(hi - lo)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> In(Vector256<ushort> v, ushort lo, ushort hi) =>
        Vector256.LessThanOrEqual(v - Vector256.Create(lo), Vector256.Create((ushort)(hi - lo)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> In(Vector512<ushort> v, ushort lo, ushort hi) =>
        Vector512.LessThanOrEqual(v - Vector512.Create(lo), Vector512.Create((ushort)(hi - lo)));

    // Small Latin letters: ß–ÿ but ÷, and the small ones of Latin Extended-A (odd or even by block; ĸ, ŉ and ſ left
    // out). A superset test may leave letters out, never take a non-letter in.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> SmallLatin(Vector128<ushort> x)
    {
        Vector128<ushort> odd = Vector128.Equals(x & Vector128.Create((ushort)1), Vector128.Create((ushort)1));
        return (In(x, 0xDF, 0xFF) & ~Vector128.Equals(x, Vector128.Create((ushort)0xF7)))
            | (odd & (In(x, 0x101, 0x137) | In(x, 0x14B, 0x177)))
            | (~odd & (In(x, 0x13A, 0x148) | In(x, 0x17A, 0x17E)));
    }

    // Two small Latin letters inside a word of Latin letters or ASCII (ří, çã, ış): a plain word pair to the pair
    // search, and no Windows-1252 candidate unless the first is a lead image (U+00C2–U+00F4) before œ, š or ž; four
    // characters of U+00C0–U+00FF in a row stay, for the legacy runs.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> SmallLatinWordPair(Vector128<ushort> v, Vector128<ushort> next, Vector128<ushort> previous, Vector128<ushort> after, Vector128<ushort> ahead)
    {
        Vector128<ushort> ascii = Vector128.Create((ushort)0x7F);
        Vector128<ushort> special = Vector128.Equals(next, Vector128.Create((ushort)0x153)) | Vector128.Equals(next, Vector128.Create((ushort)0x161))
            | Vector128.Equals(next, Vector128.Create((ushort)0x17E));
        Vector128<ushort> legacy = In(v, 0xC0, 0xFF) & In(next, 0xC0, 0xFF) & In(after, 0xC0, 0xFF) & In(ahead, 0xC0, 0xFF);
        return SmallLatin(v) & SmallLatin(next) & ~(special & In(v, 0xC2, 0xF4)) & ~legacy
            & (Vector128.LessThanOrEqual(previous, ascii) | SmallLatin(previous)) & (Vector128.LessThanOrEqual(after, ascii) | SmallLatin(after));
    }

    // Lanes of lead images (of some search) whose next character no such lead is followed by in damage, by the
    // code-page tables (which the tests check): a character outside the continuation images' ranges and not U+FFFD
    // (Vietnamese ị after đ, an Arabic letter after ·); р–я and the Greek letters but π follow none, and π follows
    // no Greek letter; «, » and the no-break space follow none of the three (French « mot »); а–п follow only the
    // leads of cp866 (box drawing, Ё Є Ї, р–я, ё є), not Latin, Greek or А–п; and two small Cyrillic letters
    // inside a Cyrillic word are a word (as in the pair mask). Cyrillic and Greek text, whose letters are all
    // lead images, thus mostly ends in the filter; so, by SmallLatinWordPair, do Czech, Polish or Turkish words.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> NoFollower(Vector128<ushort> v, Vector128<ushort> next, Vector128<ushort> previous, Vector128<ushort> after)
    {
        Vector128<ushort> ascii = Vector128.Create((ushort)0x7F), lower = Vector128.Create((ushort)0x20);
        Vector128<ushort> otherBefore = Vector128.LessThanOrEqual(previous, ascii) & ~In(previous | lower, 'a', 'z');
        Vector128<ushort> otherAfter = Vector128.LessThanOrEqual(after, ascii) & ~In(after | lower, 'a', 'z');
        Vector128<ushort> guillemetV = Vector128.Equals(v | Vector128.Create((ushort)0x10), Vector128.Create((ushort)0xBB)) | Vector128.Equals(v, Vector128.Create((ushort)0xA0));
        Vector128<ushort> guillemetNext = Vector128.Equals(next | Vector128.Create((ushort)0x10), Vector128.Create((ushort)0xBB)) | Vector128.Equals(next, Vector128.Create((ushort)0xA0));
        return ~(In(next, 0x80, 0x192) | In(next, 0x2BC, 0x491) | In(next, 0x2013, 0x25A0) | In(next, 0xF7C2, 0xF8FD) | Vector128.Equals(next, Vector128.Create((ushort)0xFFFD)))
            | In(next, 0x440, 0x44F) | In(next, 0x390, 0x3BF) | In(next, 0x3C1, 0x3FF)
            | (Vector128.Equals(next, Vector128.Create((ushort)0x3C0)) & In(v, 0x370, 0x3FF))
            | (guillemetV & guillemetNext)
            | (In(next, 0x430, 0x43F) & (In(v, 0xA0, 0x3FF) | In(v, 0x410, 0x43F)))
            | (In(v, 0x430, 0x45F) & In(next, 0x430, 0x45F) & (otherBefore | In(previous, 0x400, 0x52F)) & (otherAfter | In(after, 0x400, 0x52F)));
    }

    // Small Latin letters: ß–ÿ but ÷, and the small ones of Latin Extended-A (odd or even by block; ĸ, ŉ and ſ left
    // out). A superset test may leave letters out, never take a non-letter in.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> SmallLatin(Vector256<ushort> x)
    {
        Vector256<ushort> odd = Vector256.Equals(x & Vector256.Create((ushort)1), Vector256.Create((ushort)1));
        return (In(x, 0xDF, 0xFF) & ~Vector256.Equals(x, Vector256.Create((ushort)0xF7)))
            | (odd & (In(x, 0x101, 0x137) | In(x, 0x14B, 0x177)))
            | (~odd & (In(x, 0x13A, 0x148) | In(x, 0x17A, 0x17E)));
    }

    // Two small Latin letters inside a word of Latin letters or ASCII (ří, çã, ış): a plain word pair to the pair
    // search, and no Windows-1252 candidate unless the first is a lead image (U+00C2–U+00F4) before œ, š or ž; four
    // characters of U+00C0–U+00FF in a row stay, for the legacy runs.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> SmallLatinWordPair(Vector256<ushort> v, Vector256<ushort> next, Vector256<ushort> previous, Vector256<ushort> after, Vector256<ushort> ahead)
    {
        Vector256<ushort> ascii = Vector256.Create((ushort)0x7F);
        Vector256<ushort> special = Vector256.Equals(next, Vector256.Create((ushort)0x153)) | Vector256.Equals(next, Vector256.Create((ushort)0x161))
            | Vector256.Equals(next, Vector256.Create((ushort)0x17E));
        Vector256<ushort> legacy = In(v, 0xC0, 0xFF) & In(next, 0xC0, 0xFF) & In(after, 0xC0, 0xFF) & In(ahead, 0xC0, 0xFF);
        return SmallLatin(v) & SmallLatin(next) & ~(special & In(v, 0xC2, 0xF4)) & ~legacy
            & (Vector256.LessThanOrEqual(previous, ascii) | SmallLatin(previous)) & (Vector256.LessThanOrEqual(after, ascii) | SmallLatin(after));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> NoFollower(Vector256<ushort> v, Vector256<ushort> next, Vector256<ushort> previous, Vector256<ushort> after)
    {
        Vector256<ushort> ascii = Vector256.Create((ushort)0x7F), lower = Vector256.Create((ushort)0x20);
        Vector256<ushort> otherBefore = Vector256.LessThanOrEqual(previous, ascii) & ~In(previous | lower, 'a', 'z');
        Vector256<ushort> otherAfter = Vector256.LessThanOrEqual(after, ascii) & ~In(after | lower, 'a', 'z');
        Vector256<ushort> guillemetV = Vector256.Equals(v | Vector256.Create((ushort)0x10), Vector256.Create((ushort)0xBB)) | Vector256.Equals(v, Vector256.Create((ushort)0xA0));
        Vector256<ushort> guillemetNext = Vector256.Equals(next | Vector256.Create((ushort)0x10), Vector256.Create((ushort)0xBB)) | Vector256.Equals(next, Vector256.Create((ushort)0xA0));
        return ~(In(next, 0x80, 0x192) | In(next, 0x2BC, 0x491) | In(next, 0x2013, 0x25A0) | In(next, 0xF7C2, 0xF8FD) | Vector256.Equals(next, Vector256.Create((ushort)0xFFFD)))
            | In(next, 0x440, 0x44F) | In(next, 0x390, 0x3BF) | In(next, 0x3C1, 0x3FF)
            | (Vector256.Equals(next, Vector256.Create((ushort)0x3C0)) & In(v, 0x370, 0x3FF))
            | (guillemetV & guillemetNext)
            | (In(next, 0x430, 0x43F) & (In(v, 0xA0, 0x3FF) | In(v, 0x410, 0x43F)))
            | (In(v, 0x430, 0x45F) & In(next, 0x430, 0x45F) & (otherBefore | In(previous, 0x400, 0x52F)) & (otherAfter | In(after, 0x400, 0x52F)));
    }

    // Small Latin letters: ß–ÿ but ÷, and the small ones of Latin Extended-A (odd or even by block; ĸ, ŉ and ſ left
    // out). A superset test may leave letters out, never take a non-letter in.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> SmallLatin(Vector512<ushort> x)
    {
        Vector512<ushort> odd = Vector512.Equals(x & Vector512.Create((ushort)1), Vector512.Create((ushort)1));
        return (In(x, 0xDF, 0xFF) & ~Vector512.Equals(x, Vector512.Create((ushort)0xF7)))
            | (odd & (In(x, 0x101, 0x137) | In(x, 0x14B, 0x177)))
            | (~odd & (In(x, 0x13A, 0x148) | In(x, 0x17A, 0x17E)));
    }

    // Two small Latin letters inside a word of Latin letters or ASCII (ří, çã, ış): a plain word pair to the pair
    // search, and no Windows-1252 candidate unless the first is a lead image (U+00C2–U+00F4) before œ, š or ž; four
    // characters of U+00C0–U+00FF in a row stay, for the legacy runs.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> SmallLatinWordPair(Vector512<ushort> v, Vector512<ushort> next, Vector512<ushort> previous, Vector512<ushort> after, Vector512<ushort> ahead)
    {
        Vector512<ushort> ascii = Vector512.Create((ushort)0x7F);
        Vector512<ushort> special = Vector512.Equals(next, Vector512.Create((ushort)0x153)) | Vector512.Equals(next, Vector512.Create((ushort)0x161))
            | Vector512.Equals(next, Vector512.Create((ushort)0x17E));
        Vector512<ushort> legacy = In(v, 0xC0, 0xFF) & In(next, 0xC0, 0xFF) & In(after, 0xC0, 0xFF) & In(ahead, 0xC0, 0xFF);
        return SmallLatin(v) & SmallLatin(next) & ~(special & In(v, 0xC2, 0xF4)) & ~legacy
            & (Vector512.LessThanOrEqual(previous, ascii) | SmallLatin(previous)) & (Vector512.LessThanOrEqual(after, ascii) | SmallLatin(after));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> NoFollower(Vector512<ushort> v, Vector512<ushort> next, Vector512<ushort> previous, Vector512<ushort> after)
    {
        Vector512<ushort> ascii = Vector512.Create((ushort)0x7F), lower = Vector512.Create((ushort)0x20);
        Vector512<ushort> otherBefore = Vector512.LessThanOrEqual(previous, ascii) & ~In(previous | lower, 'a', 'z');
        Vector512<ushort> otherAfter = Vector512.LessThanOrEqual(after, ascii) & ~In(after | lower, 'a', 'z');
        Vector512<ushort> guillemetV = Vector512.Equals(v | Vector512.Create((ushort)0x10), Vector512.Create((ushort)0xBB)) | Vector512.Equals(v, Vector512.Create((ushort)0xA0));
        Vector512<ushort> guillemetNext = Vector512.Equals(next | Vector512.Create((ushort)0x10), Vector512.Create((ushort)0xBB)) | Vector512.Equals(next, Vector512.Create((ushort)0xA0));
        return ~(In(next, 0x80, 0x192) | In(next, 0x2BC, 0x491) | In(next, 0x2013, 0x25A0) | In(next, 0xF7C2, 0xF8FD) | Vector512.Equals(next, Vector512.Create((ushort)0xFFFD)))
            | In(next, 0x440, 0x44F) | In(next, 0x390, 0x3BF) | In(next, 0x3C1, 0x3FF)
            | (Vector512.Equals(next, Vector512.Create((ushort)0x3C0)) & In(v, 0x370, 0x3FF))
            | (guillemetV & guillemetNext)
            | (In(next, 0x430, 0x43F) & (In(v, 0xA0, 0x3FF) | In(v, 0x410, 0x43F)))
            | (In(v, 0x430, 0x45F) & In(next, 0x430, 0x45F) & (otherBefore | In(previous, 0x400, 0x52F)) & (otherAfter | In(after, 0x400, 0x52F)));
    }

    /// <summary>The searches that find a candidate at <paramref name="i"/>: each search's own scalar definition.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DamageSearch FiredAt(ReadOnlySpan<char> s, int i, DamageSearch searches, ulong[] common, ref int lastCjk)
    {
        DamageSearch fired = DamageSearch.None;
        if ((searches & DamageSearch.Windows1252) != 0 && CandidateScanner.IsCandidateAt(s, i))
        {
            fired |= DamageSearch.Windows1252;
        }

        if ((searches & DamageSearch.CodePagePair) != 0 && i + 1 < s.Length && OtherCodePages.IsPairAt(s, i))
        {
            fired |= DamageSearch.CodePagePair;
        }

        if ((searches & DamageSearch.DoubleByte) != 0 && DoubleByteSuspects.IsSuspectAt(s, i, common, ref lastCjk))
        {
            fired |= DamageSearch.DoubleByte;
        }

        if ((searches & DamageSearch.LostLetter) != 0 && s[i] == '?' && LostLetters.IsCandidate(s, i))
        {
            fired |= DamageSearch.LostLetter;
        }

        if ((searches & DamageSearch.LegacyRun) != 0 && LegacyText.StartsRunAt(s, i))
        {
            fired |= DamageSearch.LegacyRun;
        }

        return fired;
    }

    /// <summary>
    /// Classifies blocks from <paramref name="from"/> while a whole block and three characters past it are in the
    /// text; the first hit, or -1 with <paramref name="from"/> moved to where the scalar tail goes on.
    /// </summary>
    private static int Scan128(ReadOnlySpan<char> s, ref int from, DamageSearch searches, ulong[] common, ref int lastCjkSeen, out DamageSearch fired)
    {
        fired = DamageSearch.None;
        int i = from, lastCjk = lastCjkSeen; // locals, not refs: the loop keeps them in registers
        int lanes = Vector128<ushort>.Count;
        for (i = NextBlock128(s, i); i + lanes + 3 <= s.Length; i = NextBlock128(s, i + lanes))
        {
            int found = Block128(s, i, searches, common, ref lastCjk, out fired);
            if (found >= 0)
            {
                return found;
            }
        }

        from = i;
        lastCjkSeen = lastCjk;
        return -1;
    }

    /// <summary>
    /// The first block from <paramref name="i"/> that may hold a hit of some search, or the first position past the
    /// last whole block. The filter is a superset of every search's hits, branch-free and without calls, so its
    /// constants stay in registers: a C1 control; a '?' after a non-ASCII character; a lead image of some code
    /// page (U+00A0–U+0454 holds every one below U+2013, U+00C0–U+00FF of the legacy runs among them) before a
    /// non-ASCII character that may follow it (<c>NoFollower</c>), or a Windows-1252 lead (U+00C2–U+00F4) before
    /// a '?' or a space (a space only after a two-byte lead or before a follower); a CJK-range character in the
    /// block or the three characters after it. A stretch of ASCII from the character before the block to three
    /// after it costs one test. ASCII, Hebrew, Arabic, Indic, Thai, accented letters before ASCII ones and most
    /// Cyrillic and Greek end here; CJK goes on to the exact masks.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int NextBlock128(ReadOnlySpan<char> s, int i)
    {
        int lanes = Vector128<ushort>.Count;
        ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(s));
        Vector128<ushort> ascii = Vector128.Create((ushort)0x7F), question = Vector128.Create((ushort)'?'), space = Vector128.Create((ushort)' ');
        for (; i + lanes + 3 <= s.Length; i += lanes)
        {
            // Every hit of every search lies on a non-ASCII character, or on a '?' or an ASCII character before or
            // next to one, within the block's character before it and three after it: an all-ASCII stretch is done.
            Vector128<ushort> previous = Vector128.LoadUnsafe(ref start, (nuint)(i - 1));
            Vector128<ushort> ahead = Vector128.LoadUnsafe(ref start, (nuint)(i + 3));
            if (((previous | ahead) & ~ascii) == Vector128<ushort>.Zero)
            {
                continue;
            }

            Vector128<ushort> v = Vector128.LoadUnsafe(ref start, (nuint)i);
            if ((In(v, DoubleByteCodePages.First, DoubleByteCodePages.Last) | In(ahead, DoubleByteCodePages.First, DoubleByteCodePages.Last)) != Vector128<ushort>.Zero)
            {
                return i; // CJK goes to the exact masks: tested first, as CJK text has it in every block
            }

            Vector128<ushort> next = Vector128.LoadUnsafe(ref start, (nuint)(i + 1));
            Vector128<ushort> lead = In(v, 0xA0, 0x454) | In(v, 0x2013, 0x25CA) | In(v, 0xF7C6, 0xFB02);
            Vector128<ushort> follows = Vector128.GreaterThan(next, ascii);
            if ((lead & follows) != Vector128<ushort>.Zero)
            {
                Vector128<ushort> after = Vector128.LoadUnsafe(ref start, (nuint)(i + 2));
                follows &= ~NoFollower(v, next, previous, after);
                if ((lead & follows & In(v, 0xDF, 0x17E) & In(next, 0xDF, 0x17E)) != Vector128<ushort>.Zero)
                {
                    follows &= ~SmallLatinWordPair(v, next, previous, after, ahead); // (tested only where it may drop a lane)
                }
            }

            Vector128<ushort> maybe = In(v, 0x80, 0x9F) | (lead & follows)
                | (Vector128.Equals(v, question) & Vector128.GreaterThan(previous, ascii));
            if (maybe != Vector128<ushort>.Zero)
            {
                return i;
            }

            // A Windows-1252 lead before a '?', or before a space as the lead of two bytes (U+00C2–U+00DF; before an
            // ASCII letter only Â, Ã or Å) or before a third character that may follow a lead (non-ASCII or '?'):
            // word-final à, é, ä before a word, and È or ß before one, end here.
            Vector128<ushort> atQuestion = Vector128.Equals(next, question);
            Vector128<ushort> beforeSpace = In(v, 0xC2, 0xF4) & (Vector128.Equals(next, space) | atQuestion);
            if (beforeSpace != Vector128<ushort>.Zero)
            {
                Vector128<ushort> after = Vector128.LoadUnsafe(ref start, (nuint)(i + 2));
                Vector128<ushort> lostSpace = (Vector128.LessThanOrEqual(v, Vector128.Create((ushort)0xDF)) & CandidateScanner.NoBreakSpaceMayEnd(v, after)) | Vector128.GreaterThan(after, ascii) | Vector128.Equals(after, question);
                if ((beforeSpace & (atQuestion | lostSpace)) != Vector128<ushort>.Zero)
                {
                    return i;
                }
            }
        }

        return i;
    }

    /// <summary>
    /// The exact searches over one block at <paramref name="i"/> (which the filter let through): each search's
    /// mask, the rare CJK characters by table, then the first position a search's definition confirms, or -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Block128(ReadOnlySpan<char> s, int i, DamageSearch searches, ulong[] common, ref int lastCjk, out DamageSearch fired)
    {
        int lanes = Vector128<ushort>.Count;
        ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(s));
        Vector128<ushort> ascii = Vector128.Create((ushort)0x7F);
        Vector128<ushort> v = Vector128.LoadUnsafe(ref start, (nuint)i);
        Vector128<ushort> previous = Vector128.LoadUnsafe(ref start, (nuint)(i - 1));
        ulong candidates = (searches & DamageSearch.Windows1252) != 0 ? CandidateScanner.Mask128(ref start, i) : 0;
        ulong pairs = (searches & DamageSearch.CodePagePair) != 0 ? OtherCodePages.PairMask128(ref start, i) : 0;
        ulong cjk = 0, rare = 0, stretches = 0, lost = 0, runs = 0;
        if ((searches & DamageSearch.DoubleByte) != 0)
        {
            // A rare CJK-range character, or the start of a non-ASCII stretch with one within its first four.
            Vector128<ushort> first = Vector128.Create((ushort)DoubleByteCodePages.First);
            Vector128<ushort> span = Vector128.Create((ushort)(DoubleByteCodePages.Last - DoubleByteCodePages.First));
            Vector128<ushort> inRange = Vector128.LessThanOrEqual(v - first, span);
            Vector128<ushort> after = Vector128.LoadUnsafe(ref start, (nuint)(i + 3)); // up to three past the block
            Vector128<ushort> later = Vector128.LessThanOrEqual(after - first, span);
            cjk = (inRange | later) != Vector128<ushort>.Zero ? inRange.ExtractMostSignificantBits() : 0;
            ulong near = cjk | (later.ExtractMostSignificantBits() >> (lanes - 3) << lanes);
            if (near != 0)
            {
                // A stretch is at most four long: ASCII (or the end) within four after its start. The position four
                // past the last lane is not loaded and counts as ASCII, so the mask stays a superset.
                ulong asciiAt = (~Vector128.GreaterThan(v, ascii)).ExtractMostSignificantBits()
                    | ((~Vector128.GreaterThan(after, ascii)).ExtractMostSignificantBits() >> (lanes - 3) << lanes) | (1UL << (lanes + 3));
                stretches = (Vector128.GreaterThan(v, ascii) & Vector128.LessThanOrEqual(previous, ascii)).ExtractMostSignificantBits()
                    & (near | (near >> 1) | (near >> 2) | (near >> 3)) & ((asciiAt >> 1) | (asciiAt >> 2) | (asciiAt >> 3) | (asciiAt >> 4));
                if (stretches != 0)
                {
                    // Beside a letter: an ASCII letter before the start, or one within four after it (where the
                    // stretch ends; the unloaded position counts as a letter). Korean words between spaces end here.
                    Vector128<ushort> lower = Vector128.Create((ushort)0x20), a = Vector128.Create((ushort)'a'), az = Vector128.Create((ushort)('z' - 'a'));
                    ulong letterBefore = Vector128.LessThanOrEqual((previous | lower) - a, az).ExtractMostSignificantBits();
                    ulong letterAt = Vector128.LessThanOrEqual((v | lower) - a, az).ExtractMostSignificantBits()
                        | (Vector128.LessThanOrEqual((after | lower) - a, az).ExtractMostSignificantBits() >> (lanes - 3) << lanes) | (1UL << (lanes + 3));
                    stretches &= letterBefore | (letterAt >> 1) | (letterAt >> 2) | (letterAt >> 3) | (letterAt >> 4);
                }
            }

            // Correct CJK is made of common characters: one bit test each.
            rare = cjk != 0 ? RareOf(cjk, common, ref start, i, lanes) : 0;
        }

        if ((searches & DamageSearch.LostLetter) != 0)
        {
            lost = (Vector128.Equals(v, Vector128.Create((ushort)'?')) & Vector128.GreaterThan(previous, ascii)).ExtractMostSignificantBits();
        }

        if ((searches & DamageSearch.LegacyRun) != 0)
        {
            Vector128<ushort> low = Vector128.Create((ushort)0xC0), width = Vector128.Create((ushort)0x3F);
            Vector128<ushort> run = Vector128.LessThanOrEqual(v - low, width);
            if (run != Vector128<ushort>.Zero)
            {
                run &= Vector128.LessThanOrEqual(Vector128.LoadUnsafe(ref start, (nuint)(i + 1)) - low, width)
                    & Vector128.LessThanOrEqual(Vector128.LoadUnsafe(ref start, (nuint)(i + 2)) - low, width)
                    & Vector128.LessThanOrEqual(Vector128.LoadUnsafe(ref start, (nuint)(i + 3)) - low, width);
                runs = run.ExtractMostSignificantBits();
            }
        }

        fired = DamageSearch.None;
        int found = (candidates | pairs | rare | stretches | lost | runs) != 0
            ? FirstExact(s, i, candidates, pairs, cjk, rare, stretches, lost, runs, lastCjk, out fired)
            : -1;
        if (found < 0 && cjk != 0)
        {
            lastCjk = i + 63 - BitOperations.LeadingZeroCount(cjk);
        }

        return found;
    }

    /// <summary>
    /// Classifies blocks from <paramref name="from"/> while a whole block and three characters past it are in the
    /// text; the first hit, or -1 with <paramref name="from"/> moved to where the scalar tail goes on.
    /// </summary>
    private static int Scan256(ReadOnlySpan<char> s, ref int from, DamageSearch searches, ulong[] common, ref int lastCjkSeen, out DamageSearch fired)
    {
        fired = DamageSearch.None;
        int i = from, lastCjk = lastCjkSeen; // locals, not refs: the loop keeps them in registers
        int lanes = Vector256<ushort>.Count;
        for (i = NextBlock256(s, i); i + lanes + 3 <= s.Length; i = NextBlock256(s, i + lanes))
        {
            int found = Block256(s, i, searches, common, ref lastCjk, out fired);
            if (found >= 0)
            {
                return found;
            }
        }

        from = i;
        lastCjkSeen = lastCjk;
        return -1;
    }

    /// <summary>
    /// The first block from <paramref name="i"/> that may hold a hit of some search, or the first position past the
    /// last whole block. The filter is a superset of every search's hits, branch-free and without calls, so its
    /// constants stay in registers: a C1 control; a '?' after a non-ASCII character; a lead image of some code
    /// page (U+00A0–U+0454 holds every one below U+2013, U+00C0–U+00FF of the legacy runs among them) before a
    /// non-ASCII character that may follow it (<c>NoFollower</c>), or a Windows-1252 lead (U+00C2–U+00F4) before
    /// a '?' or a space (a space only after a two-byte lead or before a follower); a CJK-range character in the
    /// block or the three characters after it. A stretch of ASCII from the character before the block to three
    /// after it costs one test. ASCII, Hebrew, Arabic, Indic, Thai, accented letters before ASCII ones and most
    /// Cyrillic and Greek end here; CJK goes on to the exact masks.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int NextBlock256(ReadOnlySpan<char> s, int i)
    {
        int lanes = Vector256<ushort>.Count;
        ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(s));
        Vector256<ushort> ascii = Vector256.Create((ushort)0x7F), question = Vector256.Create((ushort)'?'), space = Vector256.Create((ushort)' ');
        for (; i + lanes + 3 <= s.Length; i += lanes)
        {
            // Every hit of every search lies on a non-ASCII character, or on a '?' or an ASCII character before or
            // next to one, within the block's character before it and three after it: an all-ASCII stretch is done.
            Vector256<ushort> previous = Vector256.LoadUnsafe(ref start, (nuint)(i - 1));
            Vector256<ushort> ahead = Vector256.LoadUnsafe(ref start, (nuint)(i + 3));
            if (((previous | ahead) & ~ascii) == Vector256<ushort>.Zero)
            {
                continue;
            }

            Vector256<ushort> v = Vector256.LoadUnsafe(ref start, (nuint)i);
            if ((In(v, DoubleByteCodePages.First, DoubleByteCodePages.Last) | In(ahead, DoubleByteCodePages.First, DoubleByteCodePages.Last)) != Vector256<ushort>.Zero)
            {
                return i; // CJK goes to the exact masks: tested first, as CJK text has it in every block
            }

            Vector256<ushort> next = Vector256.LoadUnsafe(ref start, (nuint)(i + 1));
            Vector256<ushort> lead = In(v, 0xA0, 0x454) | In(v, 0x2013, 0x25CA) | In(v, 0xF7C6, 0xFB02);
            Vector256<ushort> follows = Vector256.GreaterThan(next, ascii);
            if ((lead & follows) != Vector256<ushort>.Zero)
            {
                Vector256<ushort> after = Vector256.LoadUnsafe(ref start, (nuint)(i + 2));
                follows &= ~NoFollower(v, next, previous, after);
                if ((lead & follows & In(v, 0xDF, 0x17E) & In(next, 0xDF, 0x17E)) != Vector256<ushort>.Zero)
                {
                    follows &= ~SmallLatinWordPair(v, next, previous, after, ahead); // (tested only where it may drop a lane)
                }
            }

            Vector256<ushort> maybe = In(v, 0x80, 0x9F) | (lead & follows)
                | (Vector256.Equals(v, question) & Vector256.GreaterThan(previous, ascii));
            if (maybe != Vector256<ushort>.Zero)
            {
                return i;
            }

            // A Windows-1252 lead before a '?', or before a space as the lead of two bytes (U+00C2–U+00DF; before an
            // ASCII letter only Â, Ã or Å) or before a third character that may follow a lead (non-ASCII or '?'):
            // word-final à, é, ä before a word, and È or ß before one, end here.
            Vector256<ushort> atQuestion = Vector256.Equals(next, question);
            Vector256<ushort> beforeSpace = In(v, 0xC2, 0xF4) & (Vector256.Equals(next, space) | atQuestion);
            if (beforeSpace != Vector256<ushort>.Zero)
            {
                Vector256<ushort> after = Vector256.LoadUnsafe(ref start, (nuint)(i + 2));
                Vector256<ushort> lostSpace = (Vector256.LessThanOrEqual(v, Vector256.Create((ushort)0xDF)) & CandidateScanner.NoBreakSpaceMayEnd(v, after)) | Vector256.GreaterThan(after, ascii) | Vector256.Equals(after, question);
                if ((beforeSpace & (atQuestion | lostSpace)) != Vector256<ushort>.Zero)
                {
                    return i;
                }
            }
        }

        return i;
    }

    /// <summary>
    /// The exact searches over one block at <paramref name="i"/> (which the filter let through): each search's
    /// mask, the rare CJK characters by table, then the first position a search's definition confirms, or -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Block256(ReadOnlySpan<char> s, int i, DamageSearch searches, ulong[] common, ref int lastCjk, out DamageSearch fired)
    {
        int lanes = Vector256<ushort>.Count;
        ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(s));
        Vector256<ushort> ascii = Vector256.Create((ushort)0x7F);
        Vector256<ushort> v = Vector256.LoadUnsafe(ref start, (nuint)i);
        Vector256<ushort> previous = Vector256.LoadUnsafe(ref start, (nuint)(i - 1));
        ulong candidates = (searches & DamageSearch.Windows1252) != 0 ? CandidateScanner.Mask256(ref start, i) : 0;
        ulong pairs = (searches & DamageSearch.CodePagePair) != 0 ? OtherCodePages.PairMask256(ref start, i) : 0;
        ulong cjk = 0, rare = 0, stretches = 0, lost = 0, runs = 0;
        if ((searches & DamageSearch.DoubleByte) != 0)
        {
            // A rare CJK-range character, or the start of a non-ASCII stretch with one within its first four.
            Vector256<ushort> first = Vector256.Create((ushort)DoubleByteCodePages.First);
            Vector256<ushort> span = Vector256.Create((ushort)(DoubleByteCodePages.Last - DoubleByteCodePages.First));
            Vector256<ushort> inRange = Vector256.LessThanOrEqual(v - first, span);
            Vector256<ushort> after = Vector256.LoadUnsafe(ref start, (nuint)(i + 3)); // up to three past the block
            Vector256<ushort> later = Vector256.LessThanOrEqual(after - first, span);
            cjk = (inRange | later) != Vector256<ushort>.Zero ? inRange.ExtractMostSignificantBits() : 0;
            ulong near = cjk | (later.ExtractMostSignificantBits() >> (lanes - 3) << lanes);
            if (near != 0)
            {
                // A stretch is at most four long: ASCII (or the end) within four after its start. The position four
                // past the last lane is not loaded and counts as ASCII, so the mask stays a superset.
                ulong asciiAt = (~Vector256.GreaterThan(v, ascii)).ExtractMostSignificantBits()
                    | ((~Vector256.GreaterThan(after, ascii)).ExtractMostSignificantBits() >> (lanes - 3) << lanes) | (1UL << (lanes + 3));
                stretches = (Vector256.GreaterThan(v, ascii) & Vector256.LessThanOrEqual(previous, ascii)).ExtractMostSignificantBits()
                    & (near | (near >> 1) | (near >> 2) | (near >> 3)) & ((asciiAt >> 1) | (asciiAt >> 2) | (asciiAt >> 3) | (asciiAt >> 4));
                if (stretches != 0)
                {
                    // Beside a letter: an ASCII letter before the start, or one within four after it (where the
                    // stretch ends; the unloaded position counts as a letter). Korean words between spaces end here.
                    Vector256<ushort> lower = Vector256.Create((ushort)0x20), a = Vector256.Create((ushort)'a'), az = Vector256.Create((ushort)('z' - 'a'));
                    ulong letterBefore = Vector256.LessThanOrEqual((previous | lower) - a, az).ExtractMostSignificantBits();
                    ulong letterAt = Vector256.LessThanOrEqual((v | lower) - a, az).ExtractMostSignificantBits()
                        | (Vector256.LessThanOrEqual((after | lower) - a, az).ExtractMostSignificantBits() >> (lanes - 3) << lanes) | (1UL << (lanes + 3));
                    stretches &= letterBefore | (letterAt >> 1) | (letterAt >> 2) | (letterAt >> 3) | (letterAt >> 4);
                }
            }

            // Correct CJK is made of common characters: one bit test each.
            rare = cjk != 0 ? RareOf(cjk, common, ref start, i, lanes) : 0;
        }

        if ((searches & DamageSearch.LostLetter) != 0)
        {
            lost = (Vector256.Equals(v, Vector256.Create((ushort)'?')) & Vector256.GreaterThan(previous, ascii)).ExtractMostSignificantBits();
        }

        if ((searches & DamageSearch.LegacyRun) != 0)
        {
            Vector256<ushort> low = Vector256.Create((ushort)0xC0), width = Vector256.Create((ushort)0x3F);
            Vector256<ushort> run = Vector256.LessThanOrEqual(v - low, width);
            if (run != Vector256<ushort>.Zero)
            {
                run &= Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref start, (nuint)(i + 1)) - low, width)
                    & Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref start, (nuint)(i + 2)) - low, width)
                    & Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref start, (nuint)(i + 3)) - low, width);
                runs = run.ExtractMostSignificantBits();
            }
        }

        fired = DamageSearch.None;
        int found = (candidates | pairs | rare | stretches | lost | runs) != 0
            ? FirstExact(s, i, candidates, pairs, cjk, rare, stretches, lost, runs, lastCjk, out fired)
            : -1;
        if (found < 0 && cjk != 0)
        {
            lastCjk = i + 63 - BitOperations.LeadingZeroCount(cjk);
        }

        return found;
    }

    /// <summary>
    /// Classifies blocks from <paramref name="from"/> while a whole block and three characters past it are in the
    /// text; the first hit, or -1 with <paramref name="from"/> moved to where the scalar tail goes on.
    /// </summary>
    private static int Scan512(ReadOnlySpan<char> s, ref int from, DamageSearch searches, ulong[] common, ref int lastCjkSeen, out DamageSearch fired)
    {
        fired = DamageSearch.None;
        int i = from, lastCjk = lastCjkSeen; // locals, not refs: the loop keeps them in registers
        int lanes = Vector512<ushort>.Count;
        for (i = NextBlock512(s, i); i + lanes + 3 <= s.Length; i = NextBlock512(s, i + lanes))
        {
            int found = Block512(s, i, searches, common, ref lastCjk, out fired);
            if (found >= 0)
            {
                return found;
            }
        }

        from = i;
        lastCjkSeen = lastCjk;
        return -1;
    }

    /// <summary>
    /// The first block from <paramref name="i"/> that may hold a hit of some search, or the first position past the
    /// last whole block. The filter is a superset of every search's hits, branch-free and without calls, so its
    /// constants stay in registers: a C1 control; a '?' after a non-ASCII character; a lead image of some code
    /// page (U+00A0–U+0454 holds every one below U+2013, U+00C0–U+00FF of the legacy runs among them) before a
    /// non-ASCII character that may follow it (<c>NoFollower</c>), or a Windows-1252 lead (U+00C2–U+00F4) before
    /// a '?' or a space (a space only after a two-byte lead or before a follower); a CJK-range character in the
    /// block or the three characters after it. A stretch of ASCII from the character before the block to three
    /// after it costs one test. ASCII, Hebrew, Arabic, Indic, Thai, accented letters before ASCII ones and most
    /// Cyrillic and Greek end here; CJK goes on to the exact masks.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int NextBlock512(ReadOnlySpan<char> s, int i)
    {
        int lanes = Vector512<ushort>.Count;
        ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(s));
        Vector512<ushort> ascii = Vector512.Create((ushort)0x7F), question = Vector512.Create((ushort)'?'), space = Vector512.Create((ushort)' ');
        for (; i + lanes + 3 <= s.Length; i += lanes)
        {
            // Every hit of every search lies on a non-ASCII character, or on a '?' or an ASCII character before or
            // next to one, within the block's character before it and three after it: an all-ASCII stretch is done.
            Vector512<ushort> previous = Vector512.LoadUnsafe(ref start, (nuint)(i - 1));
            Vector512<ushort> ahead = Vector512.LoadUnsafe(ref start, (nuint)(i + 3));
            if (((previous | ahead) & ~ascii) == Vector512<ushort>.Zero)
            {
                continue;
            }

            Vector512<ushort> v = Vector512.LoadUnsafe(ref start, (nuint)i);
            if ((In(v, DoubleByteCodePages.First, DoubleByteCodePages.Last) | In(ahead, DoubleByteCodePages.First, DoubleByteCodePages.Last)) != Vector512<ushort>.Zero)
            {
                return i; // CJK goes to the exact masks: tested first, as CJK text has it in every block
            }

            Vector512<ushort> next = Vector512.LoadUnsafe(ref start, (nuint)(i + 1));
            Vector512<ushort> lead = In(v, 0xA0, 0x454) | In(v, 0x2013, 0x25CA) | In(v, 0xF7C6, 0xFB02);
            Vector512<ushort> follows = Vector512.GreaterThan(next, ascii);
            if ((lead & follows) != Vector512<ushort>.Zero)
            {
                Vector512<ushort> after = Vector512.LoadUnsafe(ref start, (nuint)(i + 2));
                follows &= ~NoFollower(v, next, previous, after);
                if ((lead & follows & In(v, 0xDF, 0x17E) & In(next, 0xDF, 0x17E)) != Vector512<ushort>.Zero)
                {
                    follows &= ~SmallLatinWordPair(v, next, previous, after, ahead); // (tested only where it may drop a lane)
                }
            }

            Vector512<ushort> maybe = In(v, 0x80, 0x9F) | (lead & follows)
                | (Vector512.Equals(v, question) & Vector512.GreaterThan(previous, ascii));
            if (maybe != Vector512<ushort>.Zero)
            {
                return i;
            }

            // A Windows-1252 lead before a '?', or before a space as the lead of two bytes (U+00C2–U+00DF; before an
            // ASCII letter only Â, Ã or Å) or before a third character that may follow a lead (non-ASCII or '?'):
            // word-final à, é, ä before a word, and È or ß before one, end here.
            Vector512<ushort> atQuestion = Vector512.Equals(next, question);
            Vector512<ushort> beforeSpace = In(v, 0xC2, 0xF4) & (Vector512.Equals(next, space) | atQuestion);
            if (beforeSpace != Vector512<ushort>.Zero)
            {
                Vector512<ushort> after = Vector512.LoadUnsafe(ref start, (nuint)(i + 2));
                Vector512<ushort> lostSpace = (Vector512.LessThanOrEqual(v, Vector512.Create((ushort)0xDF)) & CandidateScanner.NoBreakSpaceMayEnd(v, after)) | Vector512.GreaterThan(after, ascii) | Vector512.Equals(after, question);
                if ((beforeSpace & (atQuestion | lostSpace)) != Vector512<ushort>.Zero)
                {
                    return i;
                }
            }
        }

        return i;
    }

    /// <summary>
    /// The exact searches over one block at <paramref name="i"/> (which the filter let through): each search's
    /// mask, the rare CJK characters by table, then the first position a search's definition confirms, or -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Block512(ReadOnlySpan<char> s, int i, DamageSearch searches, ulong[] common, ref int lastCjk, out DamageSearch fired)
    {
        int lanes = Vector512<ushort>.Count;
        ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(s));
        Vector512<ushort> ascii = Vector512.Create((ushort)0x7F);
        Vector512<ushort> v = Vector512.LoadUnsafe(ref start, (nuint)i);
        Vector512<ushort> previous = Vector512.LoadUnsafe(ref start, (nuint)(i - 1));
        ulong candidates = (searches & DamageSearch.Windows1252) != 0 ? CandidateScanner.Mask512(ref start, i) : 0;
        ulong pairs = (searches & DamageSearch.CodePagePair) != 0 ? OtherCodePages.PairMask512(ref start, i) : 0;
        ulong cjk = 0, rare = 0, stretches = 0, lost = 0, runs = 0;
        if ((searches & DamageSearch.DoubleByte) != 0)
        {
            // A rare CJK-range character, or the start of a non-ASCII stretch with one within its first four.
            Vector512<ushort> first = Vector512.Create((ushort)DoubleByteCodePages.First);
            Vector512<ushort> span = Vector512.Create((ushort)(DoubleByteCodePages.Last - DoubleByteCodePages.First));
            Vector512<ushort> inRange = Vector512.LessThanOrEqual(v - first, span);
            Vector512<ushort> after = Vector512.LoadUnsafe(ref start, (nuint)(i + 3)); // up to three past the block
            Vector512<ushort> later = Vector512.LessThanOrEqual(after - first, span);
            cjk = (inRange | later) != Vector512<ushort>.Zero ? inRange.ExtractMostSignificantBits() : 0;
            ulong near = cjk | (later.ExtractMostSignificantBits() >> (lanes - 3) << lanes);
            if (near != 0)
            {
                // A stretch is at most four long: ASCII (or the end) within four after its start. The position four
                // past the last lane is not loaded and counts as ASCII, so the mask stays a superset.
                ulong asciiAt = (~Vector512.GreaterThan(v, ascii)).ExtractMostSignificantBits()
                    | ((~Vector512.GreaterThan(after, ascii)).ExtractMostSignificantBits() >> (lanes - 3) << lanes) | (1UL << (lanes + 3));
                stretches = (Vector512.GreaterThan(v, ascii) & Vector512.LessThanOrEqual(previous, ascii)).ExtractMostSignificantBits()
                    & (near | (near >> 1) | (near >> 2) | (near >> 3)) & ((asciiAt >> 1) | (asciiAt >> 2) | (asciiAt >> 3) | (asciiAt >> 4));
                if (stretches != 0)
                {
                    // Beside a letter: an ASCII letter before the start, or one within four after it (where the
                    // stretch ends; the unloaded position counts as a letter). Korean words between spaces end here.
                    Vector512<ushort> lower = Vector512.Create((ushort)0x20), a = Vector512.Create((ushort)'a'), az = Vector512.Create((ushort)('z' - 'a'));
                    ulong letterBefore = Vector512.LessThanOrEqual((previous | lower) - a, az).ExtractMostSignificantBits();
                    ulong letterAt = Vector512.LessThanOrEqual((v | lower) - a, az).ExtractMostSignificantBits()
                        | (Vector512.LessThanOrEqual((after | lower) - a, az).ExtractMostSignificantBits() >> (lanes - 3) << lanes) | (1UL << (lanes + 3));
                    stretches &= letterBefore | (letterAt >> 1) | (letterAt >> 2) | (letterAt >> 3) | (letterAt >> 4);
                }
            }

            // Correct CJK is made of common characters: one bit test each.
            rare = cjk != 0 ? RareOf(cjk, common, ref start, i, lanes) : 0;
        }

        if ((searches & DamageSearch.LostLetter) != 0)
        {
            lost = (Vector512.Equals(v, Vector512.Create((ushort)'?')) & Vector512.GreaterThan(previous, ascii)).ExtractMostSignificantBits();
        }

        if ((searches & DamageSearch.LegacyRun) != 0)
        {
            Vector512<ushort> low = Vector512.Create((ushort)0xC0), width = Vector512.Create((ushort)0x3F);
            Vector512<ushort> run = Vector512.LessThanOrEqual(v - low, width);
            if (run != Vector512<ushort>.Zero)
            {
                run &= Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref start, (nuint)(i + 1)) - low, width)
                    & Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref start, (nuint)(i + 2)) - low, width)
                    & Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref start, (nuint)(i + 3)) - low, width);
                runs = run.ExtractMostSignificantBits();
            }
        }

        fired = DamageSearch.None;
        int found = (candidates | pairs | rare | stretches | lost | runs) != 0
            ? FirstExact(s, i, candidates, pairs, cjk, rare, stretches, lost, runs, lastCjk, out fired)
            : -1;
        if (found < 0 && cjk != 0)
        {
            lastCjk = i + 63 - BitOperations.LeadingZeroCount(cjk);
        }

        return found;
    }

    /// <summary>
    /// The first position of a block (at <paramref name="i"/>) that a search's exact definition confirms, going
    /// through the union of the masks in order; -1 when none. The Windows-1252, rare CJK and legacy masks are
    /// exact, the others supersets (<paramref name="cjk"/>: every CJK-range character, which a stretch needs before it).
    /// </summary>
    private static int FirstExact(ReadOnlySpan<char> s, int i, ulong candidates, ulong pairs, ulong cjk, ulong rare, ulong stretches,
        ulong lost, ulong runs, int lastCjk, out DamageSearch fired)
    {
        for (ulong any = candidates | pairs | rare | stretches | lost | runs; any != 0; any &= any - 1)
        {
            int k = BitOperations.TrailingZeroCount(any);
            int at = i + k;
            ulong bit = 1UL << k;
            fired = DamageSearch.None;
            if ((candidates & bit) != 0)
            {
                fired |= DamageSearch.Windows1252;
            }

            if ((pairs & bit) != 0 && OtherCodePages.IsPairAt(s, at))
            {
                fired |= DamageSearch.CodePagePair;
            }

            if ((rare & bit) != 0)
            {
                fired |= DamageSearch.DoubleByte;
            }
            else if ((stretches & bit) != 0 && DoubleByteCodePages.IsShortStretchBesideLetter(s, at))
            {
                ulong upTo = cjk & ((bit << 1) - 1); // the CJK-range characters of the block up to this one
                int seen = upTo != 0 ? i + 63 - BitOperations.LeadingZeroCount(upTo) : lastCjk;
                if (DoubleByteSuspects.InSameLine(s, seen, at))
                {
                    fired |= DamageSearch.DoubleByte;
                }
            }

            if ((lost & bit) != 0 && LostLetters.IsCandidate(s, at))
            {
                fired |= DamageSearch.LostLetter;
            }

            if ((runs & bit) != 0)
            {
                fired |= DamageSearch.LegacyRun;
            }

            if (fired != DamageSearch.None)
            {
                return at;
            }
        }

        fired = DamageSearch.None;
        return -1;
    }

    /// <summary>
    /// The lanes of <paramref name="cjk"/> whose character is not in the frequency table: one bit test each, or, in a
    /// block of <paramref name="lanes"/> ≥ 16 that is mostly CJK (Chinese, Japanese and Korean text), eight at a
    /// time by an AVX2 gather from the table (pinned: <see cref="CjkFrequency.CommonBits"/>).
    /// </summary>
    private static unsafe ulong RareOf(ulong cjk, ulong[] common, ref ushort start, int i, int lanes)
    {
        if (Avx2.IsSupported && lanes >= 16 && BitOperations.PopCount(cjk) >= 8)
        {
            // Bit c of the table is bit c % 32 of its 32-bit word c / 32 (x86 is little-endian).
            uint* words = (uint*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(common));
            ulong uncommon = 0;
            for (int k = 0; k < lanes; k += 8)
            {
                if ((byte)(cjk >> k) == 0)
                {
                    continue; // no CJK character among these eight (Latin words between CJK ones): no gather
                }

                Vector256<int> c = Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref start, (nuint)(i + k)));
                Vector256<uint> word = Avx2.GatherVector256(words, Avx2.ShiftRightLogical(c, 5), 4);
                Vector256<uint> bit = Avx2.ShiftRightLogicalVariable(word, (c & Vector256.Create(31)).AsUInt32()) & Vector256.Create(1u);
                uncommon |= (ulong)Vector256.Equals(bit, Vector256<uint>.Zero).ExtractMostSignificantBits() << k;
            }

            return cjk & uncommon;
        }

        ulong rare = 0;
        for (ulong m = cjk; m != 0; m &= m - 1)
        {
            int k = BitOperations.TrailingZeroCount(m);
            rare |= CjkFrequency.IsCommon(common, (char)Unsafe.Add(ref start, i + k)) ? 0 : 1UL << k;
        }

        return rare;
    }
}
