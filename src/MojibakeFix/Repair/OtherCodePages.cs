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
internal static class OtherCodePages
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
    internal static int IndexOfPair(ReadOnlySpan<char> s, int from, int width)
    {
        int i = Math.Max(from, 0);
        if (width != 0 && i == 0 && s.Length >= 2)
        {
            if (IsPairAt(s, 0))
            {
                return 0;
            }

            i = 1; // the vector paths look one character back
        }

        int lanes = width switch { 512 => Vector512<ushort>.Count, 256 => Vector256<ushort>.Count, _ => Vector128<ushort>.Count };
        if (width != 0)
        {
            ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(s));
            for (; i + lanes + 2 <= s.Length; i += lanes)
            {
                ulong mask = width switch { 512 => PairMask512(ref start, i), 256 => PairMask256(ref start, i), _ => PairMask128(ref start, i) };
                for (; mask != 0; mask &= mask - 1)
                {
                    int at = i + BitOperations.TrailingZeroCount(mask);
                    if (IsPairAt(s, at))
                    {
                        return at;
                    }
                }
            }
        }

        for (; i + 1 < s.Length; i++)
        {
            if (IsPairAt(s, i))
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
    private static Vector128<ushort> In(Vector128<ushort> v, ushort lo, ushort hi) =>
        Vector128.LessThanOrEqual(v - Vector128.Create(lo), Vector128.Create((ushort)(hi - lo)));

    private static Vector256<ushort> In(Vector256<ushort> v, ushort lo, ushort hi) =>
        Vector256.LessThanOrEqual(v - Vector256.Create(lo), Vector256.Create((ushort)(hi - lo)));

    private static Vector512<ushort> In(Vector512<ushort> v, ushort lo, ushort hi) =>
        Vector512.LessThanOrEqual(v - Vector512.Create(lo), Vector512.Create((ushort)(hi - lo)));

    private static ulong PairMask128(ref ushort start, int i)
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

    private static ulong PairMask256(ref ushort start, int i)
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

    private static ulong PairMask512(ref ushort start, int i)
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
        if (!char.IsLetter(a) || !char.IsLetter(b) || char.IsUpper(a) != char.IsUpper(b))
        {
            return false;
        }

        if (i > 0 && char.IsLower(s[i - 1]) && char.IsUpper(a))
        {
            return false; // a capital inside a small-letter word: pagrÄŻstai
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
        }

        return false;
    }

    private static bool IsSpaceOrQuote(char c) => c is '\u00A0' or '\u00AB' or '\u00BB' or '\u2026' or '\u201C' or '\u201D' or '\u2019' or '\u2018' or '\u2013' or '\u2014' or '\u201E';

    /// <summary>Repairs what it can, layer after layer; returns the same instance when nothing changed.</summary>
    internal static string Repair(string text, List<FixStep>? steps)
    {
        if (!MayApply(text))
        {
            return text; // the common case, kept out of the layer loop
        }

        string current = text;
        for (int layer = 0; layer < 4; layer++)
        {
            string next = RepairOnce(current, layer == 0 ? steps : null, steps);
            if (ReferenceEquals(next, current))
            {
                break;
            }

            current = next;
        }

        return current;
    }

    private static string RepairOnce(string text, List<FixStep>? steps, List<FixStep>? allSteps)
    {
        if (!MayApply(text))
        {
            return text;
        }

        if (steps is null && allSteps is not null)
        {
            // A further layer: fold it into the step that covered the same input.
            string again = RepairOnce(text, null, null);
            if (!ReferenceEquals(again, text))
            {
                RefoldSteps(allSteps);
            }

            return again;
        }

        WorkMeter.Add(text.Length);
        List<(int Start, int End)>? words = CandidateWords(text);
        if (words is null || !words.Exists(static w => w.Start >= 0))
        {
            return text; // no word tells of damage
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

        var decisions = new (string? Decoded, string? Name)[words.Count];
        Script proven = Script.None;
        for (int k = 0; k < words.Count; k++)
        {
            var (start, end) = words[k];
            if (start >= 0 && TryDecodeWord(text.AsSpan(start, end - start), votes, count: false, out string? decoded, out string? name))
            {
                decisions[k] = (decoded, name);
                proven = proven == Script.None ? ScriptOfLetters(decoded) : proven;
            }
        }

        // Words without evidence of their own, decoded by the code page the line is proven misread through into
        // the script of the proven words.
        int page = votes.IndexOf(MaxOf(votes));
        if (proven != Script.None && votes[page] > 0)
        {
            for (int k = 0; k < words.Count; k++)
            {
                var (start, end) = words[k];
                start = start < 0 ? ~start : start;
                if (decisions[k].Decoded is null && TryDecodeInDamagedText(text.AsSpan(start, end - start), SingleByteCodePage.Others[page], out string? decoded)
                    && ScriptOfLetters(decoded) == proven)
                {
                    decisions[k] = (decoded, SingleByteCodePage.Others[page].Name);
                }
            }
        }

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
                steps?.Add(new FixStep(start, end - start, text[start..end], decoded, [decisions[k].Name!], 0.9, false, FixKind.Mojibake));
                pending = end;
            }
        }

        return output is null ? text : output.Append(text.AsSpan(pending)).ToString();
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
    /// Whether <see cref="Repair"/> may change the text: some candidate word tells of damage and some code page
    /// reads it (what <see cref="CandidateWords"/> looks for), found without allocating. Windows-1252 damage,
    /// full of candidate words that the Windows-1252 pass reads, ends here.
    /// </summary>
    internal static bool MayChange(ReadOnlySpan<char> s)
    {
        if (IsWindows1252Image(s, out _))
        {
            // Valid UTF-8 cut at ASCII white space stays valid, and a word of it without a multi-byte sequence is
            // ASCII, where no pair lies: every candidate word is Windows-1252 damage, which CouldDecode leaves to
            // the Windows-1252 pass. One pass over a damaged line instead of a check per word.
            return false;
        }

        for (int i = IndexOfPair(s, 0, PairWidth); i >= 0; i = IndexOfPair(s, i + 1, PairWidth))
        {
            (int start, int end) = WordAround(s, i);
            if (end - start >= 2 && WordMayApply(s[start..end]) && CouldDecode(s[start..end]))
            {
                return true;
            }

            i = end;
        }

        return false;
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

    /// <summary>
    /// After a further layer, the steps so far (positions in the input) get their replacements redone from the
    /// new text: each step's replacement is re-repaired on its own.
    /// </summary>
    private static void RefoldSteps(List<FixStep> steps)
    {
        for (int k = 0; k < steps.Count; k++)
        {
            FixStep step = steps[k];
            var inner = new List<FixStep>();
            string again = RepairOnce(step.Replacement, inner, null);
            if (!ReferenceEquals(again, step.Replacement))
            {
                // The chain names the code page of each layer: the one read first, then the ones beneath.
                steps[k] = step with { Replacement = again, Encodings = [.. step.Encodings, .. inner.SelectMany(s => s.Encodings).Distinct()] };
            }
        }

    }

    /// <summary>Whether any code page reads the word as valid UTF-8 at all: most candidate words of clean text fail here, before any string is made.</summary>
    private static bool CouldDecode(ReadOnlySpan<char> word)
    {
        Span<byte> bytes = word.Length <= 256 ? stackalloc byte[word.Length] : new byte[word.Length];
        if (IsWindows1252Damage(word))
        {
            return false;
        }

        foreach (SingleByteCodePage page in SingleByteCodePage.Others)
        {
            if (Encode(word, page, bytes) && Utf8.IsValid(bytes))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Decodes a word with the code page the document favours among those that read it plausibly
    /// (<paramref name="votes"/>: words each code page reads in this text), then by plausibility. With
    /// <paramref name="count"/> set, only tallies the votes.
    /// </summary>
    private static bool TryDecodeWord(ReadOnlySpan<char> word, Span<int> votes, bool count, out string? best, out string? bestName)
    {
        best = bestName = null;
        int bestScore = 0, bestVotes = -1;
        var pages = SingleByteCodePage.Others;
        WorkMeter.Add(word.Length * (pages.Count + 1));
        Span<byte> bytes = word.Length <= 256 ? stackalloc byte[word.Length] : new byte[word.Length];
        Span<char> chars = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        if (IsWindows1252Damage(word))
        {
            return false; // the Windows-1252 pass reads it, with its finer rules
        }

        // Counting, a word votes for the code pages that read it best (ties all vote): sibling code pages
        // (Windows-1250 and ISO-8859-2) read many words, and only the better reading tells them apart.
        Span<int> scores = stackalloc int[pages.Count];
        for (int p = 0; p < pages.Count; p++)
        {
            scores[p] = 0;
            if (!Encode(word, pages[p], bytes) || !Utf8.IsValid(bytes))
            {
                continue;
            }

            ReadOnlySpan<char> decoded = chars[..Encoding.UTF8.GetChars(bytes, chars)];
            int score = Plausibility(decoded, word, bytes);
            if (score <= 0)
            {
                continue;
            }

            // Rare letters (ؾ for ص) and a capital after a small letter (leÍ for leë) make a reading less likely.
            score = Math.Max(1, score * 8 - 6 * RareLetters(decoded) - 5 * CaseBreaks(decoded));
            scores[p] = score;
            if (!count && (votes[p] > bestVotes || (votes[p] == bestVotes && score > bestScore)))
            {
                bestVotes = votes[p];
                bestScore = score;
                best = decoded.ToString();
                bestName = pages[p].Name;
            }
        }

        if (count)
        {
            int max = MaxOf(scores);
            for (int p = 0; max > 0 && p < pages.Count; p++)
            {
                votes[p] += scores[p] == max ? 1 : 0;
            }
        }

        return best is not null;
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
    private static bool TryDecodeInDamagedText(ReadOnlySpan<char> word, SingleByteCodePage page, out string? decoded)
    {
        decoded = null;
        Span<byte> bytes = word.Length <= 256 ? stackalloc byte[word.Length] : new byte[word.Length];
        Span<char> chars = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        if (IsWindows1252Damage(word) || !Encode(word, page, bytes) || !Utf8.IsValid(bytes))
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
        bool structural = (sequences >= 3 && european) || (sequences >= 2 && !HasLetter(decoded) && HasLetter(word));
        // In a line where other words were proven misread through the same code page, a word that decodes
        // cleanly into the same script needs no evidence of its own (ЩЃЩЉ, في, among Arabic read as Windows-1251).
        return sequences >= 1 && OneScript(decoded) && ((evidence > 0 && !weakOnly) || structural || inDamagedText) ? score : 0;
    }

    /// <summary>The letters of a decoded word belong to one script (no Arabic letter inside a Latin word).</summary>
    private static bool OneScript(ReadOnlySpan<char> decoded)
    {
        Script seen = Script.None;
        foreach (Rune r in decoded.EnumerateRunes())
        {
            if (r.Value < 0x80 && !Rune.IsLetter(r))
            {
                seen = Script.None; // markup and punctuation part words: <i>لم is two
                continue;
            }

            Script script = Rune.IsLetter(r) ? CharInfo.ScriptOf(r.Value) : Script.None;
            if (script == Script.None)
            {
                continue;
            }

            if (seen != Script.None && script != seen)
            {
                return false;
            }

            seen = script;
        }

        return true;
    }

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
            }
        }

        return camel ? 1 : 0;
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
