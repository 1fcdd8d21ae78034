using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;
using MojibakeFix.CodePages;
using MojibakeFix.Internals;
using MojibakeFix.Text;

namespace MojibakeFix.Repair;

/// <summary>
/// UTF-8 misread as a single-byte code page other than Windows-1252 (Windows-1251, -1250, MacRoman, cp437…):
/// words whose characters are all the image of bytes in one such code page, that hold a character Windows-1252
/// does not have, and whose bytes decode as strict UTF-8 into plausible text. Runs before the Windows-1252 pass,
/// which then undoes any layer beneath (<c>Г‚ВЈ</c> → <c>Â£</c> → <c>£</c>).
/// </summary>
internal static partial class OtherCodePages
{
    /// <summary>
    /// Characters that the misreadings show and correct text hardly ever does: C1 controls, typographic and
    /// math symbols out of place (‚ † ‰ ¤ ¦ ¬ ¯ ² ¶ ¸ ¹ ˇ ˘ ˛ √ ∆ ≈ ≤ ◊), box drawing (cp437, KOI8), and the
    /// Serbian and Macedonian capitals Windows-1251 puts on continuation bytes (Ђ Ѓ Љ Њ Ќ Ћ Џ).
    /// </summary>
    private static readonly SearchValues<char> s_telling = SearchValues.Create(
        "\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F"
        + "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F"
        + "‚ƒ„†‡ˆ‰‹›¤¦¨ª¬¯²³´µ¶¸¹º¼½¾ˇ˘˙˛˝√∂∆∏∑∫≈≠≤≥◊∞πΩ¢¥§©®°±·™\u00ADЂЃЉЊЌЋЏ"
        + "─│┌┐└┘├┤┬┴┼═║╒╓╔╕╖╗╘╙╚╛╜╝╞╟╠╡╢╣╤╥╦╧╨╩╪╫╬▀▄█▌▐░▒▓■");

    /// <summary>
    /// True when some code page could read a UTF-8 sequence here: a character that is a lead byte in a code page
    /// followed by one that is a continuation byte in the same code page. Clean Cyrillic (Пр…) and accented
    /// Latin fail this at two table lookups per character; text without non-ASCII characters is skipped whole.
    /// </summary>
    internal static bool MayApply(ReadOnlySpan<char> s) => IndexOfPair(s, 0, PairWidth) >= 0;

    /// <summary>The vector width of the pair search, chosen once: 512, 256, 128 or 0 (scalar).</summary>
    internal static readonly int PairWidth =
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;

    /// <summary>
    /// The first position at or after <paramref name="from"/> where some code page could read a UTF-8 sequence
    /// (<see cref="IsPairAt"/>), or -1. The vector paths classify a block at a time to a mask of positions that
    /// may qualify, a superset: a lead-byte image (by range) followed by a continuation-byte image (by range),
    /// except two small letters of Cyrillic or Greek inside a word of that script, which is where clean Russian
    /// or Greek spends its characters. Only the positions left are checked exactly.
    /// </summary>
    internal static int IndexOfPair(ReadOnlySpan<char> s, int from, int width) => IndexOfPairWhere<AnyPair>(s, from, width);

    /// <summary>A test of the pair at one position, for <see cref="IndexOfPairWhere"/>.</summary>
    private interface IPairTest
    {
        static abstract bool At(ReadOnlySpan<char> s, int i);
    }

    private struct AnyPair : IPairTest
    {
        public static bool At(ReadOnlySpan<char> s, int i) => IsPairAt(s, i);
    }

    /// <summary>
    /// The first position at or after <paramref name="from"/> where <typeparamref name="TTest"/> holds, visiting
    /// only the positions the pair masks leave (every lead image before a continuation image, but two small letters
    /// of Cyrillic or Greek inside a word of that script): the test must imply such a pair.
    /// </summary>
    private static int IndexOfPairWhere<TTest>(ReadOnlySpan<char> s, int from, int width)
        where TTest : struct, IPairTest
    {
        int i = Math.Max(from, 0);
        if (width != 0 && i == 0 && s.Length >= 2)
        {
            if (TTest.At(s, 0))
            {
                return 0;
            }

            i = 1; // the vector paths look one character back
        }

        // The widest vector first, then each narrower one over what is left, so a short line's tail is not a
        // table lookup per character.
        ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(s));
        for (int w = width; w >= 128; w /= 2)
        {
            int lanes = w switch { 512 => Vector512<ushort>.Count, 256 => Vector256<ushort>.Count, _ => Vector128<ushort>.Count };
            for (; i + lanes + 2 <= s.Length; i += lanes)
            {
                ulong mask = w switch { 512 => PairMask512(ref start, i), 256 => PairMask256(ref start, i), _ => PairMask128(ref start, i) };
                for (; mask != 0; mask &= mask - 1)
                {
                    int at = i + BitOperations.TrailingZeroCount(mask);
                    if (TTest.At(s, at))
                    {
                        return at;
                    }
                }
            }
        }

        for (; i + 1 < s.Length; i++)
        {
            if (TTest.At(s, i))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The exact definition: a lead image followed by a continuation image of the same code page, not a plain word pair.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsPairAt(ReadOnlySpan<char> s, int i) =>
        (SingleByteCodePage.LeadMasks[s[i]] & SingleByteCodePage.ContinuationMasks[s[i + 1]]) != 0 && !IsPlainWordPair(s, i);

    // Ranges that hold every character with a lead mask, and every one with a continuation mask (checked
    // against the tables by the tests); between them a position cannot qualify.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> In(Vector128<ushort> v, ushort lo, ushort hi) =>
        Vector128.LessThanOrEqual(v - Vector128.Create(lo), Vector128.Create((ushort)(hi - lo)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> In(Vector256<ushort> v, ushort lo, ushort hi) =>
        Vector256.LessThanOrEqual(v - Vector256.Create(lo), Vector256.Create((ushort)(hi - lo)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> In(Vector512<ushort> v, ushort lo, ushort hi) =>
        Vector512.LessThanOrEqual(v - Vector512.Create(lo), Vector512.Create((ushort)(hi - lo)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong PairMask128(ref ushort start, int i)
    {
        Vector128<ushort> a = Vector128.LoadUnsafe(ref start, (nuint)i);
        Vector128<ushort> lead = In(a, 0xA0, 0x192) | In(a, 0x392, 0x3C6) | In(a, 0x401, 0x454) | In(a, 0x2013, 0x25CA) | In(a, 0xF7C6, 0xFB02);
        if (lead == Vector128<ushort>.Zero)
        {
            return 0; // ASCII, CJK, Arabic, Hebrew, Indic…: no lead image at all
        }

        Vector128<ushort> b = Vector128.LoadUnsafe(ref start, (nuint)(i + 1));
        if ((lead & Vector128.GreaterThan(b, Vector128.Create((ushort)0x7F))) == Vector128<ushort>.Zero)
        {
            return 0; // every continuation image is non-ASCII: accented letters before ASCII end here
        }

        Vector128<ushort> p = Vector128.LoadUnsafe(ref start, (nuint)(i - 1));
        Vector128<ushort> c = Vector128.LoadUnsafe(ref start, (nuint)(i + 2));
        Vector128<ushort> continuation = In(b, 0x80, 0x192) | In(b, 0x2BC, 0x2DD) | In(b, 0x384, 0x3C0) | In(b, 0x401, 0x491)
            | In(b, 0x2013, 0x25A0) | In(b, 0xF7C2, 0xF8FD);
        Vector128<ushort> asciiOther = Vector128.LessThanOrEqual(p, Vector128.Create((ushort)0x7F)) & ~In(p | Vector128.Create((ushort)0x20), 'a', 'z');
        Vector128<ushort> asciiOtherNext = Vector128.LessThanOrEqual(c, Vector128.Create((ushort)0x7F)) & ~In(c | Vector128.Create((ushort)0x20), 'a', 'z');
        Vector128<ushort> cyrillic = In(a, 0x430, 0x45F) & In(b, 0x430, 0x45F) & (asciiOther | In(p, 0x400, 0x52F)) & (asciiOtherNext | In(c, 0x400, 0x52F));
        Vector128<ushort> greek = In(a, 0x3AC, 0x3CE) & In(b, 0x3AC, 0x3CE) & (asciiOther | In(p, 0x388, 0x3FF)) & (asciiOtherNext | In(c, 0x388, 0x3FF));
        return (lead & continuation & ~(cyrillic | greek)).ExtractMostSignificantBits();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong PairMask256(ref ushort start, int i)
    {
        Vector256<ushort> a = Vector256.LoadUnsafe(ref start, (nuint)i);
        Vector256<ushort> lead = In(a, 0xA0, 0x192) | In(a, 0x392, 0x3C6) | In(a, 0x401, 0x454) | In(a, 0x2013, 0x25CA) | In(a, 0xF7C6, 0xFB02);
        if (lead == Vector256<ushort>.Zero)
        {
            return 0;
        }

        Vector256<ushort> b = Vector256.LoadUnsafe(ref start, (nuint)(i + 1));
        if ((lead & Vector256.GreaterThan(b, Vector256.Create((ushort)0x7F))) == Vector256<ushort>.Zero)
        {
            return 0; // every continuation image is non-ASCII: accented letters before ASCII end here
        }

        Vector256<ushort> p = Vector256.LoadUnsafe(ref start, (nuint)(i - 1));
        Vector256<ushort> c = Vector256.LoadUnsafe(ref start, (nuint)(i + 2));
        Vector256<ushort> continuation = In(b, 0x80, 0x192) | In(b, 0x2BC, 0x2DD) | In(b, 0x384, 0x3C0) | In(b, 0x401, 0x491)
            | In(b, 0x2013, 0x25A0) | In(b, 0xF7C2, 0xF8FD);
        Vector256<ushort> asciiOther = Vector256.LessThanOrEqual(p, Vector256.Create((ushort)0x7F)) & ~In(p | Vector256.Create((ushort)0x20), 'a', 'z');
        Vector256<ushort> asciiOtherNext = Vector256.LessThanOrEqual(c, Vector256.Create((ushort)0x7F)) & ~In(c | Vector256.Create((ushort)0x20), 'a', 'z');
        Vector256<ushort> cyrillic = In(a, 0x430, 0x45F) & In(b, 0x430, 0x45F) & (asciiOther | In(p, 0x400, 0x52F)) & (asciiOtherNext | In(c, 0x400, 0x52F));
        Vector256<ushort> greek = In(a, 0x3AC, 0x3CE) & In(b, 0x3AC, 0x3CE) & (asciiOther | In(p, 0x388, 0x3FF)) & (asciiOtherNext | In(c, 0x388, 0x3FF));
        return (lead & continuation & ~(cyrillic | greek)).ExtractMostSignificantBits();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong PairMask512(ref ushort start, int i)
    {
        Vector512<ushort> a = Vector512.LoadUnsafe(ref start, (nuint)i);
        Vector512<ushort> lead = In(a, 0xA0, 0x192) | In(a, 0x392, 0x3C6) | In(a, 0x401, 0x454) | In(a, 0x2013, 0x25CA) | In(a, 0xF7C6, 0xFB02);
        if (lead == Vector512<ushort>.Zero)
        {
            return 0;
        }

        Vector512<ushort> b = Vector512.LoadUnsafe(ref start, (nuint)(i + 1));
        if ((lead & Vector512.GreaterThan(b, Vector512.Create((ushort)0x7F))) == Vector512<ushort>.Zero)
        {
            return 0; // every continuation image is non-ASCII: accented letters before ASCII end here
        }

        Vector512<ushort> p = Vector512.LoadUnsafe(ref start, (nuint)(i - 1));
        Vector512<ushort> c = Vector512.LoadUnsafe(ref start, (nuint)(i + 2));
        Vector512<ushort> continuation = In(b, 0x80, 0x192) | In(b, 0x2BC, 0x2DD) | In(b, 0x384, 0x3C0) | In(b, 0x401, 0x491)
            | In(b, 0x2013, 0x25A0) | In(b, 0xF7C2, 0xF8FD);
        Vector512<ushort> asciiOther = Vector512.LessThanOrEqual(p, Vector512.Create((ushort)0x7F)) & ~In(p | Vector512.Create((ushort)0x20), 'a', 'z');
        Vector512<ushort> asciiOtherNext = Vector512.LessThanOrEqual(c, Vector512.Create((ushort)0x7F)) & ~In(c | Vector512.Create((ushort)0x20), 'a', 'z');
        Vector512<ushort> cyrillic = In(a, 0x430, 0x45F) & In(b, 0x430, 0x45F) & (asciiOther | In(p, 0x400, 0x52F)) & (asciiOtherNext | In(c, 0x400, 0x52F));
        Vector512<ushort> greek = In(a, 0x3AC, 0x3CE) & In(b, 0x3AC, 0x3CE) & (asciiOther | In(p, 0x388, 0x3FF)) & (asciiOtherNext | In(c, 0x388, 0x3FF));
        return (lead & continuation & ~(cyrillic | greek)).ExtractMostSignificantBits();
    }

    /// <summary>
    /// Two letters of one script and case inside a word of that script (ВЫБОР in ISO-8859-5, "ра" in cp866) are
    /// just a word; next to letters of another script (lГЄer) they are not.
    /// </summary>
    private static bool IsPlainWordPair(ReadOnlySpan<char> s, int i)
    {
        char a = s[i], b = s[i + 1];
        if (!char.IsLetter(a) || !char.IsLetter(b) || char.IsUpper(a) != char.IsUpper(b) || IsPunctuationLeadPair(a, b))
        {
            return false;
        }

        if (i > 0 && char.IsLower(s[i - 1]) && char.IsUpper(a))
        {
            return false; // a capital inside a small-letter word: pagrÄŻstai
        }

        if (char.IsUpper(a) && i + 2 < s.Length && char.IsLower(s[i + 2]) && CharInfo.ScriptOf(a) == Script.Latin && CharInfo.ScriptOf(b) == Script.Latin)
        {
            return false; // two accented capitals before a small letter: ĂĄrea, ÂĄNo (área, ¡No through ISO-8859-2)
        }

        if (char.IsUpper(a) && (i == 0 || !char.IsLetter(s[i - 1])) && (i + 2 >= s.Length || !char.IsLetter(s[i + 2])) && IsLoneSequence(a, b))
        {
            return false; // two capitals alone that make è or « (УЈ, ТЋ in ISO-8859-5): read by RepairLoneSequences
        }

        if (i + 2 < s.Length && !char.IsLetterOrDigit(s[i + 2]) && s[i + 2] > 0x7F
            && (SingleByteCodePage.LeadMasks[a] & SingleByteCodePage.ContinuationMasks[b] & SingleByteCodePage.ContinuationMasks[s[i + 2]]) != 0)
        {
            return false; // lead, continuation, continuation symbol: a three-byte sequence (вќ¤ → ❤)
        }

        Script script = CharInfo.ScriptOf(a);
        return script == CharInfo.ScriptOf(b)
            && (i == 0 || !char.IsLetter(s[i - 1]) || CharInfo.ScriptOf(s[i - 1]) == script)
            && (i + 2 >= s.Length || !char.IsLetter(s[i + 2]) || CharInfo.ScriptOf(s[i + 2]) == script);
    }

    /// <summary>A word worth decoding: it holds a telling character, or other evidence (C1, camel case, mixed scripts).</summary>
    private static bool WordMayApply(ReadOnlySpan<char> word)
    {
        for (int k = 0; k < word.Length; k++)
        {
            char c = word[k];
            if (c > 0xFF && !Windows1252.TryGetByte(c, out _))
            {
                return true; // a character Windows-1252 does not produce
            }

            if (c >= 0x80 && k + 1 < word.Length && word[k + 1] >= 0x80 && (!char.IsLetter(c) || !char.IsLetter(word[k + 1]))
                && !IsSpaceOrQuote(c) && !IsSpaceOrQuote(word[k + 1]))
            {
                return true; // two non-ASCII characters side by side, one a symbol (MacRoman ‚Ä¶, √©)
            }

            if (c >= 0x80 && k + 1 < word.Length && IsPunctuationLeadPair(c, word[k + 1]))
            {
                return true; // ÔÇö, cp850's —
            }

            if (c >= 0x80 && k + 1 < word.Length && char.IsLower(c) && char.IsUpper(word[k + 1]))
            {
                return true; // an accented small letter before a capital (ParolƒÉ, MacRoman's Parolă): camel case
            }

            if (c >= 0x80 && !char.IsLetter(c) && k > 0 && k + 1 < word.Length && char.IsLetter(word[k - 1]) && char.IsLetter(word[k + 1])
                && c is not ('\u2019' or '\u2018' or '\u00B4' or '\u2013' or '\u2014' or '\u00B7'))
            {
                return true; // a symbol between two letters (Distribu»õie, MacRoman's Distribuție)
            }
        }

        return false;
    }

    /// <summary>
    /// Whether two characters are the image of E2 80 or E2 81 in some code page: the start of a General Punctuation
    /// character (— – • “ ” … and the direction marks), which no word spells with two letters of one case, as cp850
    /// does (ÔÇö for —, ÔÇ£ for “).
    /// </summary>
    private static bool IsPunctuationLeadPair(char a, char b)
    {
        int bits = SingleByteCodePage.LeadMasks[a] & SingleByteCodePage.ContinuationMasks[b];
        var pages = SingleByteCodePage.Others;
        for (; bits != 0; bits &= bits - 1)
        {
            SingleByteCodePage page = pages[BitOperations.TrailingZeroCount(bits)];
            if (page.ToChar(0xE2) == a && (page.ToChar(0x80) == b || page.ToChar(0x81) == b))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSpaceOrQuote(char c) => c is '\u00A0' or '\u00AB' or '\u00BB' or '\u2026' or '\u201C' or '\u201D' or '\u2019' or '\u2018' or '\u2013' or '\u2014' or '\u201E';

    /// <summary>Repairs what it can, layer after layer; returns the same instance when nothing changed.</summary>
    /// <param name="text">One line.</param>
    /// <param name="steps">Where the repaired runs are reported, or null.</param>
    /// <param name="options">
    /// <see cref="FixOptions.RestoreLostNoBreakSpace"/> reads a lone lead before a space as a letter whose A0 byte
    /// was lost; <see cref="FixOptions.Lossy"/> says what becomes of a lead whose next byte the decoder lost (U+FFFD).
    /// </param>
    /// <param name="lineDamaged">
    /// An earlier pass proved the line misread (Windows-1252 damage, which a Baltic or Central European code page
    /// shares for most letters): the words that only this pass can read need no evidence of their own.
    /// </param>
    internal static string Repair(string text, List<FixStep>? steps, FixOptions options, bool lineDamaged = false)
    {
        if (!MayApply(text))
        {
            // the common case, kept out of the layer loop
            return lineDamaged ? RepairInDamagedLine(text, steps) : text;
        }

        string current = text;
        for (int layer = 0; layer < 4; layer++)
        {
            // A further layer records its own steps (positions in the text it read), folded into those so far: the
            // step that covered the same input takes its reading, and a change that reaches past a step's
            // replacement (a lead and the space after it, a lost no-break space) is reported too.
            List<FixStep>? layerSteps = steps is null || layer == 0 ? steps : [];
            string next = RepairOnce(current, layerSteps, options);
            if (ReferenceEquals(next, current))
            {
                break;
            }

            if (layer > 0 && steps is not null)
            {
                Engine.Compose(steps, layerSteps!, text, current);
            }

            current = next;
        }

        // Candidate pairs (ÄÆdomu: two capitals before a small letter) but no word that tells of a code page: a line an
        // earlier pass proved misread is still read as such.
        return lineDamaged && ReferenceEquals(current, text) ? RepairInDamagedLine(text, steps) : current;
    }

    private static string RepairOnce(string text, List<FixStep>? steps, FixOptions options)
    {
        if (!MayApply(text))
        {
            return text;
        }

        WorkMeter.Add(text.Length);
        List<(int Start, int End)>? words = CandidateWords(text);
        if (words is null || !words.Exists(static w => w.Start >= 0))
        {
            return RepairLoneSequences(text, steps); // no word tells of damage
        }

        Span<int> votes = stackalloc int[SingleByteCodePage.Others.Count];
        votes.Clear(); // the module skips zeroing stack memory
        foreach (var (start, end) in words)
        {
            if (start >= 0)
            {
                TryDecodeWord(text.AsSpan(start, end - start), votes, count: true, out _, out _);
            }
        }

        int preferred = PreferredByCompany(text, words, votes);

        var decisions = new (string? Decoded, string? Name, bool Lossy)[words.Count];
        Script proven = Script.None;
        for (int k = 0; k < words.Count; k++)
        {
            var (start, end) = words[k];
            if (start >= 0 && TryDecodeWord(text.AsSpan(start, end - start), votes, count: false, out string? decoded, out string? name, preferred))
            {
                decisions[k] = (decoded, name, false);
                proven = proven == Script.None ? ScriptOfLetters(decoded) : proven;
            }
        }

        // Words without evidence of their own, decoded by the code page the line is proven misread through into
        // the script of the proven words.
        int page = preferred >= 0 ? preferred : votes.IndexOf(MaxOf(votes));
        if (proven != Script.None && votes[page] > 0)
        {
            for (int k = 0; k < words.Count; k++)
            {
                var (start, end) = words[k];
                start = start < 0 ? ~start : start;
                // A word that decodes to punctuation only (┬╗%s → »%s, cp437) has no script: it follows the line.
                if (decisions[k].Decoded is null && TryDecodeInDamagedText(text.AsSpan(start, end - start), SingleByteCodePage.Others[page], out string? decoded)
                    && (ScriptOfLetters(decoded) == proven || !HasNonAsciiLetter(decoded)))
                {
                    decisions[k] = (decoded, SingleByteCodePage.Others[page].Name, false);
                }
            }

            // Words whose only pair is two letters of one script (MĂĄm, pƒìc) were no candidates at all; in a proven
            // line they are read the same way.
            AddPlainPairWords(text, page, proven, options, words, ref decisions);
        }

        string applied = Apply(text, words, decisions, steps);
        return ReferenceEquals(applied, text) ? RepairLoneSequences(text, steps) : applied;
    }

    /// <summary>
    /// A line an earlier pass proved misread, without a word that tells of a code page: the code page that reads
    /// the most words holding one of its pairs into the line's main script reads them.
    /// </summary>
    private static string RepairInDamagedLine(string text, List<FixStep>? steps)
    {
        if (!HasPairOf(text, ushort.MaxValue, breaksCase: true))
        {
            return text;
        }

        // Only Latin lines: the Baltic and Central European code pages share most letters with Windows-1252, so
        // their damage is the part that pass left; clean Cyrillic or Greek beside damage must stay as it is.
        Script main = MainScript(text);
        if (main != Script.Latin)
        {
            return text;
        }

        int best = -1, bestCount = 0;
        var words = new List<(int Start, int End)>();
        (string? Decoded, string? Name, bool Lossy)[] decisions = [];
        for (int p = 0; p < SingleByteCodePage.Others.Count; p++)
        {
            words.Clear();
            decisions = [];
            AddPlainPairWords(text, p, main, null, words, ref decisions);
            if (words.Count > bestCount)
            {
                (best, bestCount) = (p, words.Count);
            }
        }

        if (best < 0)
        {
            return text;
        }

        words.Clear();
        decisions = [];
        AddPlainPairWords(text, best, main, null, words, ref decisions);
        WorkMeter.Add(text.Length * SingleByteCodePage.Others.Count);
        return Apply(text, words, decisions, steps);
    }

    /// <summary>
    /// Whether <see cref="Repair"/> with <c>lineDamaged</c> may change a line beyond <see cref="MayChange"/>: a pair
    /// that breaks the word's case, which only such a line reads.
    /// </summary>
    internal static bool MayChangeInDamagedLine(ReadOnlySpan<char> s) => MayChangeInDamagedLine(s, PairWidth);

    /// <summary>
    /// The same check with a given vector width (0 = scalar), so tests cover every path. The vector paths take the
    /// positions <see cref="IndexOfPair"/>'s masks leave: they drop only two small Cyrillic or Greek letters, whose
    /// second never breaks the case, so every case-breaking pair is among those left and checked exactly.
    /// </summary>
    internal static bool MayChangeInDamagedLine(ReadOnlySpan<char> s, int width) => IndexOfPairWhere<CaseBreakingPair>(s, 0, width) >= 0;

    // HasPairOf(s, every page, breaksCase) at one position: a capital continuation after a small lead, or before one.
    private struct CaseBreakingPair : IPairTest
    {
        public static bool At(ReadOnlySpan<char> s, int k) =>
            (SingleByteCodePage.LeadMasks[s[k]] & SingleByteCodePage.ContinuationMasks[s[k + 1]]) != 0
            && char.IsUpper(s[k + 1]) && (char.IsLower(s[k]) || (k + 2 < s.Length && char.IsLower(s[k + 2])));
    }

    /// <summary>The script most of a line's letters belong to (ASCII letters count as Latin).</summary>
    private static Script MainScript(ReadOnlySpan<char> text)
    {
        Span<int> counts = stackalloc int[8];
        counts.Clear();
        foreach (char c in text)
        {
            if (char.IsLetter(c))
            {
                int script = (int)CharInfo.ScriptOf(c);
                if ((uint)script < (uint)counts.Length)
                {
                    counts[script]++;
                }
            }
        }

        counts[(int)Script.None] = counts[(int)Script.Other] = 0;
        int max = MaxOf(counts);
        return max == 0 ? Script.None : (Script)counts.IndexOf(max);
    }

    private static string Apply(string text, List<(int Start, int End)> words, (string? Decoded, string? Name, bool Lossy)[] decisions, List<FixStep>? steps)
    {
        StringBuilder? output = null;
        int pending = 0;
        for (int k = 0; k < words.Count; k++)
        {
            var (start, end) = words[k];
            start = start < 0 ? ~start : start;
            if (decisions[k].Decoded is string decoded)
            {
                output ??= new StringBuilder(text.Length);
                output.Append(text.AsSpan(pending, start - pending)).Append(decoded);
                // A word read with a lost byte is a lossy repair: a guess, unless U+FFFD was written for the byte.
                bool lossy = decisions[k].Lossy;
                steps?.Add(new FixStep(start, end - start, text[start..end], decoded, [decisions[k].Name!], lossy ? 0.6 : 0.9,
                    lossy && !decoded.Contains('\uFFFD'), lossy ? FixKind.LossySequence : FixKind.Mojibake));
                pending = end;
            }
        }

        return output is null ? text : output.Append(text.AsSpan(pending)).ToString();
    }

    /// <summary>
    /// Adds to <paramref name="words"/> (kept in order) the words of <paramref name="text"/> that are not candidates
    /// yet, hold a lead of <paramref name="page"/> followed by one of its continuations, and decode through it
    /// into the proven script. Runs only in a line proven misread, so clean text never pays for it.
    /// </summary>
    private static void AddPlainPairWords(string text, int page, Script proven, FixOptions? options, List<(int Start, int End)> words,
        ref (string? Decoded, string? Name, bool Lossy)[] decisions)
    {
        // Without options (a line only an earlier pass proved): only words of letters, no lost bytes guessed.
        bool lettersOnly = options is null;
        bool restoreNoBreakSpace = options?.RestoreLostNoBreakSpace == true;
        ushort bit = (ushort)(1 << page);
        SingleByteCodePage codePage = SingleByteCodePage.Others[page];
        List<(int Start, int End, string Decoded, bool Lossy)>? extra = null;
        int w = 0;
        ReadOnlySpan<char> s = text;
        for (int start = 0; start < s.Length;)
        {
            int end = start;
            while (end < s.Length && s[end] is not (' ' or '\t' or '\n' or '\r'))
            {
                end++;
            }

            while (w < words.Count && Math.Max(words[w].Start, ~words[w].Start) < start)
            {
                w++;
            }

            bool known = w < words.Count && Math.Max(words[w].Start, ~words[w].Start) == start;
            if (!known && end - start >= 2 && HasPairOf(s[start..end], bit, lettersOnly) && (!lettersOnly || IsWordOf(s[start..end], proven))
                && TryDecodeInDamagedText(s[start..end], codePage, out string? decoded, windows1252Too: proven != Script.Latin || !lettersOnly) && ScriptOfLetters(decoded) == proven
                && (!lettersOnly || RareLetters(decoded) == 0))
            {
                (extra ??= []).Add((start, end, decoded!, false));
            }
            else if (!known && restoreNoBreakSpace && end - start == 1 && end < s.Length && s[end] == ' '
                && LostNoBreakSpace(s[start], codePage) is char letter && CharInfo.ScriptOf(letter) == proven)
            {
                // A lone lead before a space: its A0 byte (a no-break space there) became a plain space, as in
                // "Г l’ouest" for "à l’ouest" (Windows-1251); the space stays.
                (extra ??= []).Add((start, end, letter.ToString(), false));
            }
            else if (!known && options is { Lossy: not LossyRepair.Leave } && end - start >= 2
                && TryDecodeWithLostByte(s[start..end], codePage, options.Lossy, proven) is string repaired)
            {
                (extra ??= []).Add((start, end, repaired, true));
            }

            start = end + 1;
        }

        if (extra is null)
        {
            return;
        }

        var merged = new List<((int, int) Word, (string?, string?, bool) Decision)>(words.Count + extra.Count);
        for (int k = 0; k < words.Count; k++)
        {
            merged.Add((words[k], decisions[k]));
        }

        foreach (var (start, end, decoded, lossy) in extra)
        {
            merged.Add(((start, end), (decoded, codePage.Name, lossy)));
        }

        merged.Sort((x, y) => Math.Max(x.Word.Item1, ~x.Word.Item1).CompareTo(Math.Max(y.Word.Item1, ~y.Word.Item1)));
        words.Clear();
        decisions = new (string?, string?, bool)[merged.Count];
        for (int k = 0; k < merged.Count; k++)
        {
            words.Add(merged[k].Word);
            decisions[k] = merged[k].Decision;
        }
    }

    /// <summary>
    /// A word of a proven line with one lead whose next byte the code page leaves undefined, so the decoder wrote
    /// U+FFFD or <c>?</c> for it (<c>Ă�frica</c>, Windows-1250): the letters that byte can make are tried, and the one
    /// most often seen between its neighbours is taken as a guess (<see cref="LossyRepair.Guess"/>), or U+FFFD
    /// is written for it (<see cref="LossyRepair.Replace"/>). Null when the word does not read so.
    /// </summary>
    private static string? TryDecodeWithLostByte(ReadOnlySpan<char> word, SingleByteCodePage page, LossyRepair lossy, Script proven)
    {
        int k = word.IndexOfAny('\uFFFD', '?');
        if (k < 1 || word[(k + 1)..].IndexOfAny('\uFFFD', '?') >= 0 || !page.TryGetByte(word[k - 1], out byte lead) || lead is < 0xC2 or > 0xDF)
        {
            return null;
        }

        Span<char> trial = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        Span<byte> prefix = word.Length <= 256 ? stackalloc byte[k - 1] : new byte[k - 1];
        word.CopyTo(trial);
        if (!Encode(word[..(k - 1)], page, prefix))
        {
            return null;
        }

        int at = Encoding.UTF8.GetCharCount(prefix); // where the letter lands in the decoded word
        string? best = null;
        long bestScore = -1;
        for (int u = 0x80; u < 0xA0; u++)
        {
            if (page.ToChar((byte)u) != (char)u)
            {
                continue; // a byte the code page defines would have been shown, not lost
            }

            trial[k] = (char)u;
            if (!TryDecodeInDamagedText(trial, page, out string? decoded) || ScriptOfLetters(decoded) != proven || at >= decoded!.Length)
            {
                continue;
            }

            char letter = decoded[at];
            char before = at > 0 ? decoded[at - 1] : ' ', after = at + 1 < decoded.Length ? decoded[at + 1] : ' ';
            long score = (Lossy.LetterPairs.Count(before, letter) + 1L) * (Lossy.LetterPairs.Count(letter, after) + 1L);
            if (char.IsLetter(letter) && score > bestScore)
            {
                bestScore = score;
                best = lossy == LossyRepair.Replace ? string.Concat(decoded.AsSpan(0, at), "\uFFFD", decoded.AsSpan(at + 1)) : decoded;
            }
        }

        return best;
    }

    /// <summary>The letter a lead byte of <paramref name="page"/> makes with A0 after it, or null.</summary>
    private static char? LostNoBreakSpace(char c, SingleByteCodePage page)
    {
        if (!page.TryGetByte(c, out byte b) || b is < 0xC2 or > 0xDF)
        {
            return null;
        }

        char letter = (char)((b & 0x1F) << 6 | 0x20);
        return char.IsLetter(letter) ? letter : null;
    }

    /// <summary>
    /// A word whose non-ASCII characters are all letters of <paramref name="script"/>: without a telling word, only
    /// such words are read (ÄÆdomu), never one that holds Windows-1252 damage or a word of another script.
    /// </summary>
    private static bool IsWordOf(ReadOnlySpan<char> word, Script script)
    {
        foreach (char c in word)
        {
            if (c >= 0x80 && (!char.IsLetter(c) || CharInfo.ScriptOf(c) != script))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a word holds a lead of the code pages in <paramref name="bits"/> followed by one of its continuations;
    /// with <paramref name="breaksCase"/>, only a pair that breaks the word's case (ÄÆdomu, nháşĄt), which the
    /// accented letters an earlier pass wrote (bãíana) do not.
    /// </summary>
    private static bool HasPairOf(ReadOnlySpan<char> word, ushort bits, bool breaksCase = false)
    {
        for (int k = 0; k + 1 < word.Length; k++)
        {
            if ((SingleByteCodePage.LeadMasks[word[k]] & SingleByteCodePage.ContinuationMasks[word[k + 1]] & bits) != 0
                && (!breaksCase || (char.IsUpper(word[k + 1]) && (char.IsLower(word[k]) || (k + 2 < word.Length && char.IsLower(word[k + 2]))))))
            {
                return true;
            }
        }

        return false;
    }


    /// <summary>Whether some code page reads the word plausibly: <see cref="TryDecodeWord"/> counting, without making strings.</summary>
    private static bool HasReading(ReadOnlySpan<char> word)
    {
        Span<int> votes = stackalloc int[SingleByteCodePage.Others.Count];
        votes.Clear(); // the module skips zeroing stack memory
        TryDecodeWord(word, votes, count: true, out _, out _);
        return votes.ContainsAnyExcept(0);
    }


    /// <summary>
    /// The words (spans without ASCII white space) that hold a lead of some code page followed by one of its
    /// continuations, found by the vectorized pair search in one pass over the text.
    /// </summary>
    private static List<(int Start, int End)>? CandidateWords(string text)
    {
        List<(int, int)>? words = null;
        bool anyTelling = false;
        ReadOnlySpan<char> s = text;
        for (int i = IndexOfPair(s, 0, PairWidth); i >= 0; i = IndexOfPair(s, i + 1, PairWidth))
        {
            (int start, int end) = WordAround(s, i);
            if (end - start >= 2)
            {
                // A word without a telling character is kept only to be read in a line proven misread (ŸÑÿØŸäŸÉ
                // among Arabic read as MacRoman): marked by a negative start, and only decoded (below) once a
                // telling word was found, so clean text pays nothing for it.
                bool telling = WordMayApply(s[start..end]);
                if (!telling)
                {
                    (words ??= []).Add((~start, end));
                }
                else if (CouldDecode(s[start..end]))
                {
                    (words ??= []).Add((start, end));
                    anyTelling = true;
                }
            }

            i = end; // the next search starts after the word's end
        }

        if (!anyTelling)
        {
            return null;
        }

        words!.RemoveAll(w => w.Item1 < 0 && !CouldDecode(text.AsSpan(~w.Item1, w.Item2 - ~w.Item1)));
        return words;
    }

    /// <summary>
    /// Whether <see cref="Repair"/> changes the text of a line no earlier pass changed: some candidate word tells
    /// of damage and has a plausible reading in some code page, which is exactly when a word is decoded (the
    /// words without evidence are only read once such a word is), found without allocating. Windows-1252
    /// damage, full of candidate words that the Windows-1252 pass reads, ends here.
    /// </summary>
    internal static bool MayChange(ReadOnlySpan<char> s)
    {
        if (Detection.SequenceReader.IsUtf8Image(s)) // IsWindows1252Image, at the speed of a vectorized validation
        {
            // Valid UTF-8 cut at ASCII white space stays valid, and a word of it without a multi-byte sequence is
            // ASCII, where no pair lies: every candidate word is Windows-1252 damage, which CouldDecode leaves to
            // the Windows-1252 pass. One pass over a damaged line instead of a check per word.
            return false;
        }

        for (int i = IndexOfPair(s, 0, PairWidth); i >= 0; i = IndexOfPair(s, i + 1, PairWidth))
        {
            (int start, int end) = WordAround(s, i);
            if (end - start >= 2 && WordMayApply(s[start..end]) && CouldDecode(s[start..end]) && HasReading(s[start..end]))
            {
                return true;
            }

            i = end;
        }

        return MayBeLoneSequenceLine(s) && LoneSequencePage(s) >= 0;
    }

    /// <summary>
    /// False when <see cref="LoneSequencePage"/> cannot read the line: its first non-ASCII character must open a lone
    /// two-byte sequence with the next character of its word, or the walk over the words ends there. A repaired line
    /// (Cyrillic, accented Latin) ends at one lookup instead of that walk.
    /// </summary>
    private static bool MayBeLoneSequenceLine(ReadOnlySpan<char> s)
    {
        int first = s.IndexOfAnyExceptInRange('\0', '\u007F');
        return first >= 0 && first + 1 < s.Length && s[first + 1] is not (' ' or '\t' or '\n' or '\r')
            && LoneSequencePages(s[first], s[first + 1]) != 0;
    }

    /// <summary>The word (a span without ASCII white space) around position <paramref name="i"/>.</summary>
    private static (int Start, int End) WordAround(ReadOnlySpan<char> s, int i)
    {
        int start = i, end = i + 1;
        while (start > 0 && s[start - 1] is not (' ' or '\t' or '\n' or '\r'))
        {
            start--;
        }

        while (end < s.Length && s[end] is not (' ' or '\t' or '\n' or '\r'))
        {
            end++;
        }

        return (start, end);
    }

    /// <summary>Whether any code page reads the word as valid UTF-8 at all: most candidate words of clean text fail here, before any string is made.</summary>
    private static bool CouldDecode(ReadOnlySpan<char> word)
    {
        Span<byte> bytes = word.Length <= 256 ? stackalloc byte[word.Length] : new byte[word.Length];
        if (IsWindows1252Damage(word))
        {
            return false;
        }

        var pages = SingleByteCodePage.Others;
        for (int p = 0; p < pages.Count; p++) // (foreach over the interface would box an enumerator)
        {
            if (Encode(word, pages[p], bytes) && Utf8.IsValid(bytes))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// How much likelier (<see cref="LatinPairs.Likelihood"/>, sixteenths of a binary logarithm) a sibling's reading
    /// must be to beat the page tried first: pair counts mix languages (på is Danish, pá Spanish or Hungarian), so
    /// only a reading about 90 times as likely (6.5 bits) overrides the order.
    /// </summary>
    private const int LikelierBy = 104;

    /// <summary>
    /// Decodes a word with the code page the document favours among those that read it plausibly
    /// (<paramref name="votes"/>: words each code page reads in this text), then by plausibility. With
    /// <paramref name="count"/> set, only tallies the votes.
    /// </summary>
    private static bool TryDecodeWord(ReadOnlySpan<char> word, Span<int> votes, bool count, out string? best, out string? bestName, int preferred = -1)
    {
        best = bestName = null;
        int bestScore = 0, bestVotes = -1, bestPage = -1;
        var pages = SingleByteCodePage.Others;
        WorkMeter.Add(word.Length * (pages.Count + 1));
        Span<byte> bytes = word.Length <= 256 ? stackalloc byte[word.Length] : new byte[word.Length];
        Span<char> chars = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        if (IsWindows1252Damage(word))
        {
            return false; // the Windows-1252 pass reads it, with its finer rules
        }

        // Counting, a word votes for the code pages that read it best (ties all vote): sibling code pages
        // (Windows-1250 and ISO-8859-2) read many words, and only the better reading tells them apart. Of two
        // Latin readings with the same score, one whose accented letters stand where real text never puts them
        // loses (ΓΆ: för through ISO-8859-7, not fâr through Windows-1253); of two without such letters, the one whose
        // pairs real text shows more often wins (ĂĄ: Bhután through ISO-8859-2, not Bhutån through Windows-1250);
        // otherwise the order of the pages decides.
        Span<int> scores = stackalloc int[pages.Count];
        Span<int> unseen = stackalloc int[pages.Count];
        Span<int> likely = stackalloc int[pages.Count];
        int bestUnseen = 0, bestLikely = 0;
        for (int p = 0; p < pages.Count; p++)
        {
            scores[p] = 0;
            unseen[p] = -1;
            likely[p] = 0;
            if (!Encode(word, pages[p], bytes) || !Utf8.IsValid(bytes))
            {
                continue;
            }

            ReadOnlySpan<char> decoded = chars[..Encoding.UTF8.GetChars(bytes, chars)];
            int score = Plausibility(decoded, word, bytes);
            if (score <= 0 && (score = InnerLayerPlausibility(decoded, pages[p])) <= 0 && (score = Windows1252LayerPlausibility(decoded, word)) <= 0)
            {
                continue;
            }

            // Rare letters (ؾ for ص) and a capital after a small letter (leÍ for leë) make a reading less likely.
            score = Math.Max(1, score * 8 - 6 * RareLetters(decoded) - 5 * CaseBreaks(decoded));
            scores[p] = score;
            unseen[p] = ScriptOfLetters(decoded) == Script.Latin ? LatinPairs.UnseenPairs(decoded) : -1; // -1: not a Latin reading
            likely[p] = unseen[p] >= 0 ? LatinPairs.Likelihood(decoded) : 0;
            if (!count && (votes[p] > bestVotes || (votes[p] == bestVotes && (score > bestScore
                || (score == bestScore && unseen[p] >= 0 && (unseen[p] < bestUnseen || (unseen[p] == bestUnseen && LikelierThanBest(p, likely[p]))))))))
            {
                bestPage = p;
                bestVotes = votes[p];
                bestScore = score;
                bestUnseen = unseen[p];
                bestLikely = likely[p];
                best = decoded.ToString();
                bestName = pages[p].Name;
            }
        }

        // The last word between two readings alike in every other way: the page the line's company prefers
        // (PreferredByCompany), else a reading much likelier by its pairs, else the page tried first.
        bool LikelierThanBest(int p, int likelihood) =>
            preferred >= 0 && (p == preferred || bestPage == preferred) ? p == preferred : likelihood > bestLikely + LikelierBy;

        if (count)
        {
            int max = MaxOf(scores);
            int fewest = int.MaxValue, likeliest = 0;
            for (int p = 0; max > 0 && p < pages.Count; p++)
            {
                fewest = scores[p] == max && unseen[p] >= 0 ? Math.Min(fewest, unseen[p]) : fewest;
            }

            for (int p = 0; max > 0 && p < pages.Count; p++)
            {
                likeliest = scores[p] == max && unseen[p] == fewest ? Math.Max(likeliest, likely[p]) : likeliest;
            }

            for (int p = 0; max > 0 && p < pages.Count; p++)
            {
                votes[p] += scores[p] == max && (unseen[p] < 0 || (unseen[p] == fewest && likely[p] >= likeliest - LikelierBy)) ? 1 : 0;
            }
        }

        return best is not null;
    }

    /// <summary>
    /// A reading that is itself misread through the same code page (t‚àö¬©l for t√©l for tél, three layers of
    /// MacRoman) is judged by the layer beneath: the plausibility of that one, else 0.
    /// </summary>
    private static int InnerLayerPlausibility(ReadOnlySpan<char> decoded, SingleByteCodePage page)
    {
        Span<byte> bytes = decoded.Length <= 256 ? stackalloc byte[decoded.Length] : new byte[decoded.Length];
        Span<char> chars = decoded.Length <= 256 ? stackalloc char[decoded.Length] : new char[decoded.Length];
        if (!Encode(decoded, page, bytes) || !Utf8.IsValid(bytes))
        {
            return 0;
        }

        ReadOnlySpan<char> inner = chars[..Encoding.UTF8.GetChars(bytes, chars)];
        if (inner.Length == decoded.Length)
        {
            return 0; // no sequence: nothing beneath (and each layer must shrink, so the recursion ends)
        }

        int score = Plausibility(inner, decoded, bytes);
        return score > 0 ? score : InnerLayerPlausibility(inner, page) > 0 ? 1 : 0;
    }

    /// <summary>
    /// A reading that is Windows-1252 damage in turn (lГѓВЄer → lÃªer → lêer: Windows-1252, then Windows-1251, ftfy
    /// #181) is judged by the text beneath both layers, with the evidence of the word as it stands; the Windows-1252
    /// pass then peels the inner layer. 0 when the reading is no such damage or the text beneath is implausible.
    /// </summary>
    private static int Windows1252LayerPlausibility(ReadOnlySpan<char> decoded, ReadOnlySpan<char> word)
    {
        if (!IsWindows1252Damage(decoded))
        {
            return 0;
        }

        Span<byte> bytes = decoded.Length <= 256 ? stackalloc byte[decoded.Length] : new byte[decoded.Length];
        Span<char> chars = decoded.Length <= 256 ? stackalloc char[decoded.Length] : new char[decoded.Length];
        for (int k = 0; k < decoded.Length; k++)
        {
            Windows1252.TryGetByte(decoded[k], out bytes[k]); // every character has a byte: IsWindows1252Damage said so
        }

        ReadOnlySpan<char> inner = chars[..Encoding.UTF8.GetChars(bytes, chars)];
        return Plausibility(inner, word, bytes);
    }

    private static int RareLetters(ReadOnlySpan<char> decoded)
    {
        int rare = 0;
        foreach (char c in decoded)
        {
            rare += CommonLetters.IsCommon(c) || !(char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark) ? 0 : 1;
        }

        return rare;
    }

    private static int CaseBreaks(ReadOnlySpan<char> decoded)
    {
        int breaks = 0;
        for (int k = 1; k < decoded.Length; k++)
        {
            breaks += char.IsLower(decoded[k - 1]) && char.IsUpper(decoded[k]) ? 1 : 0;

            // An accented capital between a capital and a small letter (KÜster, SÎngerei for Köster, Sîngerei: the
            // Windows-1250 reading of ISO-8859-2 damage).
            breaks += decoded[k] >= 0x80 && char.IsUpper(decoded[k]) && char.IsUpper(decoded[k - 1]) && k + 1 < decoded.Length
                && char.IsLower(decoded[k + 1]) ? 1 : 0;
        }

        return breaks;
    }

    private static int MaxOf(ReadOnlySpan<int> values)
    {
        int max = 0;
        foreach (int v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }

    /// <summary>The script of a word's letters when they share one, else <see cref="Script.None"/>.</summary>
    private static Script ScriptOfLetters(ReadOnlySpan<char> word)
    {
        Script seen = Script.None;
        foreach (Rune r in word.EnumerateRunes())
        {
            Script script = Rune.IsLetter(r) && r.Value >= 0x80 ? CharInfo.ScriptOf(r.Value) : Script.None;
            if (script != Script.None)
            {
                if (seen != Script.None && script != seen)
                {
                    return Script.None;
                }

                seen = script;
            }
        }

        return seen;
    }

    /// <summary>Decodes a word through one code page with every character plausible but no evidence of its own.</summary>
    /// <param name="word">The word.</param>
    /// <param name="page">The code page the line is proven misread through.</param>
    /// <param name="decoded">The reading.</param>
    /// <param name="windows1252Too">
    /// Read a word that is Windows-1252 damage too: in a line proven Greek or Cyrillic, Î® (ή through Windows-1250,
    /// whose CE and AE are Windows-1252's) is one more word of it, which the Windows-1252 pass has no evidence to read;
    /// in a line proven by words of their own (not by the Windows-1252 pass), reÅ„azec is ISO-8859-13's reťazec
    /// like its neighbour mĆ“Å¾e (môže), not Windows-1252's reńazec.
    /// </param>
    private static bool TryDecodeInDamagedText(ReadOnlySpan<char> word, SingleByteCodePage page, out string? decoded, bool windows1252Too = false)
    {
        decoded = null;
        Span<byte> bytes = word.Length <= 256 ? stackalloc byte[word.Length] : new byte[word.Length];
        Span<char> chars = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        if ((!windows1252Too && IsWindows1252Damage(word)) || !Encode(word, page, bytes) || !Utf8.IsValid(bytes))
        {
            return false;
        }

        ReadOnlySpan<char> result = chars[..Encoding.UTF8.GetChars(bytes, chars)];
        if (Plausibility(result, word, bytes, inDamagedText: true) <= 0)
        {
            return false;
        }

        decoded = result.ToString();
        return true;
    }

    /// <summary>Whether the word is Windows-1252 damage: the image of valid UTF-8 that holds a multi-byte sequence.</summary>
    private static bool IsWindows1252Damage(ReadOnlySpan<char> word) => IsWindows1252Image(word, out bool multiByte) && multiByte;

    /// <summary>
    /// Whether every character has a Windows-1252 (or Latin-1) byte and the bytes are valid UTF-8, and whether
    /// they hold a multi-byte sequence. Validates as it maps (the well-formed byte ranges of Unicode table 3-7),
    /// with no byte buffer.
    /// </summary>
    private static bool IsWindows1252Image(ReadOnlySpan<char> text, out bool multiByte)
    {
        multiByte = false;
        for (int k = 0; k < text.Length;)
        {
            if (!Windows1252.TryGetByte(text[k++], out byte b))
            {
                return false;
            }

            if (b < 0x80)
            {
                // Skip the ASCII run at vector speed: Latin-script damage is mostly ASCII.
                int run = text[k..].IndexOfAnyExceptInRange('\0', '\u007F');
                k = run < 0 ? text.Length : k + run;
                continue;
            }

            if (b is < 0xC2 or > 0xF4)
            {
                return false; // a continuation byte without a lead, or an overlong or out-of-range lead
            }

            multiByte = true;
            int more = b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
            byte lo = b switch { 0xE0 => 0xA0, 0xF0 => 0x90, _ => 0x80 }; // no overlong forms
            byte hi = b switch { 0xED => 0x9F, 0xF4 => 0x8F, _ => 0xBF }; // no surrogates, nothing past U+10FFFF
            for (; more > 0; more--)
            {
                if (k >= text.Length || !Windows1252.TryGetByte(text[k++], out byte c) || c < lo || c > hi)
                {
                    return false;
                }

                (lo, hi) = ((byte)0x80, (byte)0xBF);
            }
        }

        return true;
    }

    private static bool Encode(ReadOnlySpan<char> word, SingleByteCodePage page, Span<byte> bytes)
    {
        for (int k = 0; k < word.Length; k++)
        {
            if (!page.TryGetByte(word[k], out bytes[k]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// How believable a decoding is: the number of decoded characters that are letters, marks or common
    /// punctuation; 0 (rejected) when any decoded character is implausible (unassigned, private use, control,
    /// superscript or modifier junk such as ВІКІ → ²ʲ) or when a single sequence carries no telling symbol.
    /// </summary>
    private static int Plausibility(ReadOnlySpan<char> decoded, ReadOnlySpan<char> word, ReadOnlySpan<byte> bytes, bool inDamagedText = false)
    {
        int sequences = 0;
        foreach (byte b in bytes)
        {
            sequences += b >= 0xC0 ? 1 : 0;
        }

        int score = 0;
        Rune previous = default;
        foreach (Rune r in decoded.EnumerateRunes())
        {
            Rune before = previous;
            previous = r;
            if (r.Value < 0x80)
            {
                continue;
            }

            var category = Rune.GetUnicodeCategory(r);
            bool good = CharInfo.IsPlausible(r.Value) && category switch
            {
                System.Globalization.UnicodeCategory.UppercaseLetter or System.Globalization.UnicodeCategory.LowercaseLetter
                    or System.Globalization.UnicodeCategory.OtherLetter => (r.Value == 0x259 || r.Value is not (>= 0x250 and < 0x370 or >= 0x500 and < 0x530 or >= 0x1D00 and < 0x1DC0))
                        && (r.Value >= 0x370 || CharInfo.IsCommonLatinLetter(r.Value)),
                System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark
                    => Rune.IsLetter(before) || Rune.GetUnicodeCategory(before) is System.Globalization.UnicodeCategory.NonSpacingMark
                        or System.Globalization.UnicodeCategory.SpacingCombiningMark,
                // Digits of other scripts (০ ১ in Bengali) come with their words.
                System.Globalization.UnicodeCategory.DecimalDigitNumber => Rune.IsLetter(before) || Rune.IsDigit(before) || before.Value < 0x80,
                System.Globalization.UnicodeCategory.DashPunctuation or System.Globalization.UnicodeCategory.InitialQuotePunctuation
                    or System.Globalization.UnicodeCategory.FinalQuotePunctuation or System.Globalization.UnicodeCategory.OtherPunctuation
                    or System.Globalization.UnicodeCategory.CurrencySymbol or System.Globalization.UnicodeCategory.SpaceSeparator
                    or System.Globalization.UnicodeCategory.OpenPunctuation or System.Globalization.UnicodeCategory.ClosePunctuation
                    or System.Globalization.UnicodeCategory.Format => r.Value is >= 0xA0 and < 0x2070 or >= 0x3000,
                // Symbols: the ones people type (© ° ± × ÷ ™ ❤ ✔ ⚠ ♫, emoji), not braille or arrows by chance.
                System.Globalization.UnicodeCategory.OtherSymbol or System.Globalization.UnicodeCategory.MathSymbol
                    => r.Value is < 0x100 or 0x2122 or >= 0x2600 and < 0x27C0 or >= 0x1F000,
                System.Globalization.UnicodeCategory.ModifierLetter => IsWordModifierLetter(r.Value, before),
                _ => false,
            };
            if (!good)
            {
                return 0;
            }

            score++;
        }

        int evidence = Evidence(word);
        bool european = DecodesToEuropeanScript(decoded);
        bool weakOnly = evidence == 1 && sequences < 3 && !european;

        // Three sequences that decode to one European script, or letters that all turn into punctuation
        // (В«<В» → «<»), do not happen by chance in correct words.
        bool structural = (sequences >= 3 && european) || (sequences >= 2 && !HasLetter(decoded) && HasLetter(word))
            || PunctuationFromLetters(word, bytes);
        // In a line where other words were proven misread through the same code page, a word that decodes
        // cleanly into the same script needs no evidence of its own (ЩЃЩЉ, في, among Arabic read as Windows-1251).
        return sequences >= 1 && OneScript(decoded) && ((evidence > 0 && !weakOnly) || structural || inDamagedText) ? score : 0;
    }

    /// <summary>
    /// The modifier letters that words are written with: the Japanese length mark (データ), iteration marks (々 ゝ ヽ
    /// ๆ ໆ), the Arabic tatweel, and the okina and apostrophe of Uzbek or Hawaiian after a letter (oʻzbek). Other
    /// modifier letters (ʲ ˁ ᵃ) are what a misreading makes of bytes by chance (ВІКІ → ²ʲ).
    /// </summary>
    private static bool IsWordModifierLetter(int cp, Rune before) => cp switch
    {
        0x02BB or 0x02BC => Rune.IsLetter(before),
        0x0640 or 0x0E46 or 0x0EC6 or 0x3005 or (>= 0x3031 and <= 0x3035) or 0x309D or 0x309E or (>= 0x30FC and <= 0x30FE)
            or 0xFF70 or 0xFF9E or 0xFF9F => true,
        _ => false,
    };

    /// <summary>
    /// Whether two Latin letters of a longer word are one two-byte sequence that decodes to punctuation (ÂŤhelp →
    /// «help, ÂĄNo → ¡No through ISO-8859-2): no word spells a quote or an inverted mark with two letters. Two
    /// capitals standing alone (ТЛ, an abbreviation, » through ISO-8859-5) are left to the lone-sequence rules.
    /// </summary>
    private static bool PunctuationFromLetters(ReadOnlySpan<char> word, ReadOnlySpan<byte> bytes)
    {
        for (int k = 0; k + 1 < bytes.Length && bytes.Length > 2; k++)
        {
            if (bytes[k] is >= 0xC2 and <= 0xDF && bytes[k + 1] is >= 0x80 and <= 0xBF && char.IsLetter(word[k]) && char.IsLetter(word[k + 1])
                && CharInfo.ScriptOf(word[k]) == Script.Latin && CharInfo.ScriptOf(word[k + 1]) == Script.Latin
                && char.GetUnicodeCategory((char)((bytes[k] & 0x1F) << 6 | (bytes[k + 1] & 0x3F))) is System.Globalization.UnicodeCategory.InitialQuotePunctuation
                    or System.Globalization.UnicodeCategory.FinalQuotePunctuation or System.Globalization.UnicodeCategory.OtherPunctuation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The letters of a decoded word belong to one script (no Arabic letter inside a Latin word). Chinese, Japanese
    /// and Korean are written without spaces around ASCII words and format specifiers (%d，退出, shell，退出状态为), so
    /// ASCII letters go with their letters (two at least: one glued to a Latin word is chance); accented or other-script
    /// letters do not.
    /// </summary>
    private static bool OneScript(ReadOnlySpan<char> decoded)
    {
        Script seen = Script.None;
        bool nonAscii = false, ascii = false; // in the current part: a non-ASCII letter outside CJK, an ASCII letter
        int cjk = 0, cjkTotal = 0; // CJK letters in the current part, in the word
        bool mixed = false; // some part holds ASCII and CJK letters
        foreach (Rune r in decoded.EnumerateRunes())
        {
            if (r.Value < 0x80 && !Rune.IsLetter(r))
            {
                mixed |= ascii && cjk > 0;
                (seen, nonAscii, ascii, cjk) = (Script.None, false, false, 0); // markup and punctuation part words: <i>لم is two
                continue;
            }

            if (Rune.IsLetter(r) && IsCjkLetter(r.Value))
            {
                if (nonAscii)
                {
                    return false;
                }

                cjk++;
                cjkTotal++;
                continue;
            }

            Script script = Rune.IsLetter(r) ? CharInfo.ScriptOf(r.Value) : Script.None;
            if (script == Script.None)
            {
                continue;
            }

            if (r.Value >= 0x80)
            {
                if (cjk > 0)
                {
                    return false;
                }

                nonAscii = true;
            }
            else
            {
                ascii = true;
            }

            if (seen != Script.None && script != seen)
            {
                return false;
            }

            seen = script;
        }

        // One CJK letter glued to a Latin word (kart젖, G㠬 from clean kartě – and Gуам) is chance, not a text.
        return !((mixed || (ascii && cjk > 0)) && cjkTotal < 2);
    }

    /// <summary>Letters of Chinese, Japanese or Korean: Hangul, kana, CJK ideographs, their halfwidth forms.</summary>
    private static bool IsCjkLetter(int cp) =>
        cp is >= 0x1100 and < 0x1200 or >= 0x2E80 and < 0xA000 or >= 0xA960 and < 0xA980 or >= 0xAC00 and < 0xD800
            or >= 0xF900 and < 0xFB00 or >= 0xFF66 and < 0xFFDD or >= 0x20000;

    /// <summary>
    /// A word is damage only with evidence correct words never show: a character no word
    /// holds after a letter (ˇ ¤ ¶ ¹, a C1 control), a letter of another script among the word's letters
    /// (rГ©gion, UkrsotsbankвЂ™s), or a capital inside a small-letter word (pagrÄŻstai, SaeimƒÅ). Romanian
    /// NICIODATĂ™, 2012—∞ and √π stay as they are.
    /// </summary>
    // 0: none; 1: only a capital inside a small-letter word (дБ is a unit, not damage); 2: stronger.
    private static int Evidence(ReadOnlySpan<char> word)
    {
        bool camel = false;
        Script first = Script.None;
        for (int k = 0; k < word.Length; k++)
        {
            char c = word[k];
            if (c is >= '\u0080' and < '\u00A0' || (c >= 0x80 && !char.IsLetter(c) && !IsNaturalAfterWord(c)))
            {
                return 2;
            }

            // A box-drawing character or a math sign glued to an accented letter (├ñr, ├ëquateur: ä and É through cp437
            // or cp850; √Æn: în through MacRoman): tables put lines and spaces beside their box drawing, and math
            // its digits and variables (√π stays), not the accented letters of Latin-1.
            if (c is >= '\u2500' and <= '\u257F' or '\u221A' or '\u2248' or '\u2206' or '\u00AC' && k + 1 < word.Length
                && word[k + 1] is >= '\u00C0' and <= '\u00FF' && char.IsLetter(word[k + 1]))
            {
                return 2;
            }

            // Two letters that are the lead of a General Punctuation character (ÔÇö, cp850's —).
            if (c >= 0x80 && k + 1 < word.Length && IsPunctuationLeadPair(c, word[k + 1]))
            {
                return 2;
            }

            // Two symbols glued to a letter (Zam√≤, profiter‚Ä¶): math and quotes do not pile up inside words.
            if (c >= 0x80 && !char.IsLetter(c) && k + 1 < word.Length && word[k + 1] >= 0x80 && !char.IsLetter(word[k + 1])
                && ((k > 0 && char.IsLetter(word[k - 1])) || (k + 2 < word.Length && char.IsLetter(word[k + 2]))))
            {
                return 2;
            }

            // A symbol between two letters (wei√ü, r√©gime); apostrophes and dashes sit there in correct words.
            // (An English possessive after a name, Đorđe’s, is not: ’s then the end of the word.)
            bool possessive = c == '\u2019' && k + 1 < word.Length && word[k + 1] == 's' && (k + 2 == word.Length || !char.IsLetter(word[k + 2]));
            bool afterForeign = k > 0 && word[k - 1] > 0xFF && !Windows1252.TryGetByte(word[k - 1], out _) && !possessive;
            if (c >= 0x80 && !char.IsLetter(c) && (afterForeign || c is not ('\u2019' or '\u2018' or '\u00B4' or '\u2013' or '\u2014' or '\u00B7')) && k > 0 && char.IsLetter(word[k - 1]) && k + 1 < word.Length && char.IsLetter(word[k + 1]))
            {
                return 2;
            }

            if (char.IsLetter(c))
            {
                Script script = CharInfo.ScriptOf(c);
                if (first == Script.None)
                {
                    first = script;
                }
                else if (script != first && script != Script.None)
                {
                    return 2;
                }

                camel |= k > 0 && char.IsLower(word[k - 1]) && char.IsUpper(c);

                // An accented capital between a capital and a small letter (GĂźr, ĂĄrea, MĂŠs: Gür, área, Més through
                // ISO-8859-2): words start with one capital, or are capitals throughout.
                camel |= c >= 0x80 && script == Script.Latin && char.IsUpper(c) && k > 0 && char.IsUpper(word[k - 1])
                    && k + 1 < word.Length && char.IsLower(word[k + 1]);
            }
        }

        return camel ? 1 : 0;
    }

    private static bool HasNonAsciiLetter(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (c >= 0x80 && char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasLetter(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DecodesToEuropeanScript(ReadOnlySpan<char> decoded)
    {
        foreach (Rune r in decoded.EnumerateRunes())
        {
            if (Rune.IsLetter(r) && CharInfo.ScriptOf(r.Value) is not (Script.Latin or Script.Cyrillic or Script.Greek))
            {
                return false;
            }
        }

        return true;
    }

    // Punctuation, marks and symbols that end words or stand between them in correct text.
    private static bool IsNaturalAfterWord(char c) =>
        c is '\u00A0' or '\u2026' or '\u2019' or '\u201C' or '\u201D' or '\u2018' or '\u2013' or '\u2014' or '\u2122'
            or '\u00AE' or '\u00A9' or '\u00AB' or '\u00BB' or '\u00A1' or '\u00BF' or '\u00B7' or '\u2022' or '\u00B4'
            or '\u00A8' or '\u00B0' or '\u00B1' or '\u00D7' or '\u00AC' or '\u221A' or '\u221E' or '\u03C0' or '\u2206'
            or '\u2248' or '\u2260' or '\u2264' or '\u2265' or '\u201E' or '\u2039' or '\u203A' or '\u00A3' or '\u20AC'
        || c is >= '\u2500' and <= '\u257F';
}
