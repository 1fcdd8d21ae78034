using System.Buffers;
using System.Globalization;
using System.Text;
using MojibakeFix.CodePages;
using MojibakeFix.Internals;
using MojibakeFix.Lossy;

namespace MojibakeFix.Repair;

/// <summary>
/// UTF-8 misread as a double-byte code page (GBK, Shift_JIS, EUC-KR, Big5): <c>鍙戦€佹垚鍔?</c> for 发送成功,
/// <c>譁ｰ縺励＞</c> for 新しい. The characters are mapped back to the bytes they were read from and the bytes are
/// read as UTF-8; a run is repaired when they decode and the evidence is strong: the damaged characters are rare
/// (GBK's extension rows, half-width katakana, level-2 kanji) and the decoded ones common, by a frequency table
/// learned from real text. A byte the decoder could not read (shown as <c>?</c> or <c>・</c>) is restored as the
/// most frequent character that fits, marked as a guess, when <see cref="LossyRepair.Guess"/> is on.
/// </summary>
internal static class DoubleByteCodePages
{
    /// <summary>
    /// The range every such damage shows a character of (ideographs, kana, hangul, PUA, full-width forms): text
    /// without one is skipped in one vectorized pass.
    /// </summary>
    internal const char First = '\u3000', Last = '\uFFEF';

    /// <summary>A decoded run: characters [Start, End) of the line become <see cref="Text"/>.</summary>
    private readonly record struct Run(int Start, int End, string Text, bool IsGuess);

    /// <summary>
    /// True when some line of <paramref name="s"/> holds a run this pass would repair (read through
    /// <paramref name="only"/> when given: the page an earlier pass repaired the line through).
    /// </summary>
    internal static bool MayApply(ReadOnlySpan<char> s, FixOptions options, DoubleByteCodePage? only = null) =>
        HasSuspect(s) && Choose(s, options, null, only, out _) > 0;

    /// <summary>
    /// Whether the text holds a character every accepted run needs: a CJK-range character outside the frequency
    /// table (damage is full of rare ones), or one glued to an ASCII letter (Caf茅). Correct CJK text, made of
    /// common characters, ends here at one table lookup per character.
    /// </summary>
    internal static bool HasSuspect(ReadOnlySpan<char> s)
    {
        int i = s.IndexOfAnyInRange(First, Last);
        if (i < 0)
        {
            return false;
        }

        ulong[] common = CjkFrequency.CommonBits;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c is >= First and <= Last && !CjkFrequency.IsCommon(common, c))
            {
                return true;
            }

            if (c >= 0x80 && (i == 0 || s[i - 1] < 0x80) && IsShortStretchBesideLetter(s, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A short run of non-ASCII characters from <paramref name="i"/> between ASCII ones, holding a CJK-range
    /// character, beside a letter: the shape of accented letters misread inside a Latin word (Fran莽ais), not of
    /// CJK text beside a Latin name (はlibpamを). A line break ends the run as any ASCII does. The run starts with
    /// a character some code page reads from the start of a UTF-8 character (<see cref="DoubleByteCodePage.IsUtf8StartImage"/>).
    /// </summary>
    internal static bool IsShortStretchBesideLetter(ReadOnlySpan<char> s, int i)
    {
        int j = i + 1;
        while (j < s.Length && s[j] >= 0x80 && j - i <= 4)
        {
            j++;
        }

        return j - i <= 4 && (j == s.Length || s[j] < 0x80) && s[i..j].ContainsAnyInRange(First, Last)
            && ((i > 0 && char.IsAsciiLetter(s[i - 1])) || (j < s.Length && char.IsAsciiLetter(s[j])))
            && DoubleByteCodePage.IsUtf8StartImage(s[i]);
    }

    /// <summary>
    /// Repairs what it can in one line; returns the same instance when nothing changed. <paramref name="page"/> is
    /// the code page an earlier pass repaired the line through, which this one keeps to (a line is misread one way:
    /// 聽 is a no-break space in GBK and ť in Big5), and is set to the one this pass used.
    /// </summary>
    internal static string Repair(string text, FixOptions options, List<FixStep>? steps, ref DoubleByteCodePage? page)
    {
        if (!HasSuspect(text))
        {
            return text;
        }

        var runs = new List<Run>();
        if (Choose(text, options, runs, page, out DoubleByteCodePage? chosen) == 0)
        {
            return text;
        }

        page = chosen;

        var output = new StringBuilder(text.Length);
        int copied = 0;
        foreach (Run run in runs)
        {
            output.Append(text.AsSpan(copied, run.Start - copied)).Append(run.Text);
            steps?.Add(new FixStep(run.Start, run.End - run.Start, text[run.Start..run.End], run.Text, [page!.Name],
                run.IsGuess ? 0.6 : 0.9, run.IsGuess, FixKind.Mojibake));
            copied = run.End;
        }

        return output.Append(text.AsSpan(copied)).ToString();
    }

    /// <summary>
    /// Finds the code page whose accepted runs cover the most damaged characters of the line (one code page per
    /// line: a document is misread one way), counting the strong runs first (weak ones only ride along), and, when
    /// <paramref name="runs"/> is given, its runs. <paramref name="only"/>, the page an earlier pass repaired the
    /// line through, is kept to while it still proves a run; once it proves none, another page may prove its own,
    /// as a second call on the result would let it (so that a call leaves nothing a next call would change).
    /// Returns the number of characters covered.
    /// </summary>
    private static int Choose(ReadOnlySpan<char> line, FixOptions options, List<Run>? runs, DoubleByteCodePage? only, out DoubleByteCodePage? chosen)
    {
        int mayHold = t_readEveryPage ? -1 : PagesThatMayHoldRuns(line, DoubleByteCodePage.All);
        if (only is not null)
        {
            int kept = Choose(line, options, runs, only, onlyThis: true, mayHold, out chosen);
            if (kept > 0)
            {
                return kept;
            }
        }

        return Choose(line, options, runs, only, onlyThis: false, mayHold, out chosen);
    }

    // Over only's page when onlyThis, else over every other page (only's proved nothing, so it is not read twice);
    // of those, over the pages mayHold holds (bit p for DoubleByteCodePage.All[p]).
    private static int Choose(ReadOnlySpan<char> line, FixOptions options, List<Run>? runs, DoubleByteCodePage? only, bool onlyThis,
        int mayHold, out DoubleByteCodePage? chosen)
    {
        chosen = null;
        int best = 0;
        long bestScore = 0;
        var pages = DoubleByteCodePage.All;
        WorkMeter.Add(line.Length * pages.Count);
        List<Run>? scratch = runs is null ? null : [];
        var buffers = new Buffers(); // shared by the pages and rented at the first decode: most correct lines need none
        try
        {
            for (int p = 0; p < pages.Count; p++) // (foreach over the interface would box an enumerator per line)
            {
                DoubleByteCodePage page = pages[p];
                if ((onlyThis ? page != only : page == only) || (mayHold & 1 << p) == 0)
                {
                    continue;
                }

                scratch?.Clear();
                int covered = FindRuns(line, page, options, scratch, stopAtFirst: runs is null, ref buffers, out int strongCovered);
                long score = ((long)strongCovered << 32) | (uint)covered;
                if (covered > 0 && score > bestScore)
                {
                    best = covered;
                    bestScore = score;
                    chosen = page;
                    if (runs is not null)
                    {
                        runs.Clear();
                        runs.AddRange(scratch!);
                    }
                    else
                    {
                        return best; // only asked whether any run exists
                    }
                }
            }
        }
        finally
        {
            buffers.Return();
        }

        return best;
    }

    /// <summary>
    /// Tests set this on their own thread to read every page of every line, so that they can compare the result of
    /// <see cref="PagesThatMayHoldRuns"/>'s skipping with it.
    /// </summary>
    [ThreadStatic]
    internal static bool t_readEveryPage;

    /// <summary>
    /// The pages (bit p for <c>pages[p]</c>) that <see cref="FindRuns"/> may find a run of in the line, in one pass for
    /// all of them: a page that no stretch passes <see cref="MayHoldRun"/> for, and whose marker of letters lost whole
    /// (<see cref="StartsLostPairs"/>, the one way a run starts at an ASCII character) is not in the line, decodes
    /// nothing there. A correct CJK line with a rare character is mostly of that kind for some of the pages (a rare
    /// hangul syllable for GBK), and those are then not read character by character.
    /// </summary>
    private static int PagesThatMayHoldRuns(ReadOnlySpan<char> line, IReadOnlyList<DoubleByteCodePage> pages)
    {
        int all = (1 << pages.Count) - 1, mask = 0;
        for (int p = 0; p < pages.Count; p++)
        {
            DoubleByteCodePage page = pages[p];
            if (page.LosesPairs && page.LostByte < 0x80 && line.Contains(page.LostByte))
            {
                mask |= 1 << p;
            }
        }

        ulong[] common = CjkFrequency.CommonBits;
        for (int i = 0; i < line.Length && mask != all; i++)
        {
            if (line[i] < 0x80)
            {
                continue;
            }

            // A stretch of non-ASCII characters, as MayHoldRun reads it: a rare character a page may have read from
            // UTF-8 bytes counts for that page; a short stretch beside an ASCII letter, for every page.
            int start = i;
            for (; i < line.Length && line[i] >= 0x80; i++)
            {
                if (!CjkFrequency.IsCommon(common, line[i]))
                {
                    for (int p = 0; p < pages.Count; p++)
                    {
                        mask |= pages[p].MayBeInRun(line[i]) ? 1 << p : 0;
                    }
                }
            }

            if (IsShortBesideLetter(line, start, i))
            {
                mask = all;
            }
        }

        return mask;
    }

    /// <summary>
    /// The pooled buffers of <see cref="FindRuns"/>: a run's decoded text, and the line read so far. Rented at the
    /// line's first decode and kept for its other pages: a correct CJK line with a rare character is tried against
    /// four pages and mostly decodes nothing, and two rentals and returns per page cost it more than its scan.
    /// </summary>
    private struct Buffers
    {
        /// <summary>The decoded text of one run (room for the line and two more characters).</summary>
        public char[]? Decoded;

        /// <summary>The line before the next run with the runs before it read (grown as it fills).</summary>
        public char[]? Read;

        /// <summary>Rents both for a line of <paramref name="length"/> characters, unless they are rented.</summary>
        public void Rent(int length)
        {
            Decoded ??= ArrayPool<char>.Shared.Rent(length + 2);
            Read ??= ArrayPool<char>.Shared.Rent(length + 16);
        }

        /// <summary>Returns what was rented.</summary>
        public void Return()
        {
            if (Decoded is not null)
            {
                ArrayPool<char>.Shared.Return(Decoded);
            }

            if (Read is not null)
            {
                ArrayPool<char>.Shared.Return(Read);
            }

            this = default;
        }
    }

    /// <summary>
    /// The runs of one code page in a line, and the characters they cover (with the strong runs' share in
    /// <paramref name="strongCovered"/>); 0 unless a strong run proves the page. Stretches of common characters
    /// are skipped, as no strong run lies there, unless <paramref name="everyStretch"/>: once a line is proven and
    /// its runs are asked for, they are read again for the weak runs such stretches hold (τα, 韦伪, in Greek).
    /// </summary>
    private static int FindRuns(ReadOnlySpan<char> line, DoubleByteCodePage page, FixOptions options, List<Run>? runs, bool stopAtFirst,
        ref Buffers buffers, out int strongCovered, bool everyStretch = false)
    {
        strongCovered = 0;
        int covered = 0, weakCovered = 0, isolated = 0;
        bool strong = false, skipped = false;

        // In buffers.Read, the line before the next run with the runs before it read (their decoded text for the
        // damage): what the guesses of a run see before it. Filled up to the run only when a run is decoded.
        int readLength = 0, readUpTo = 0;
        char quote = '\0'; // the last double quote the runs so far decoded to: a lost closing one matches it
        bool single = false; // whether they left a single quote open (‘ with no ’ after it): a lost closing one is ’
        bool? latinLine = null; // IsLatinLine, computed at the first run
        LineLanguage? language = null; // LanguageOf the line, computed at its first lost double quote or letter
        int lineForm = -1; // FormOfLine, computed at its first guessed ideograph
        bool letters = false; // whether they decoded to a letter beyond ASCII (LostPunctuation's context)
        ulong[] common = CjkFrequency.CommonBits;
        for (int i = 0; i < line.Length; i++)
        {
            if (!everyStretch && line[i] >= 0x80 && (i == 0 || line[i - 1] < 0x80) && !MayHoldRun(line, i, page, common, out int segmentEnd))
            {
                i = segmentEnd - 1; // a stretch of common characters, not inside a Latin word: no strong run lies here
                skipped = true;
                continue;
            }

            // A run starts at a character whose first byte is a UTF-8 lead byte, or, for Shift_JIS, at a marker
            // that continuations follow: the lead it lost with the byte after it (its EF BC of ：, ， and （ in
            // Chinese text, after ASCII). One bit test first rules out the rest (the checks below, for a character
            // that is not the marker).
            if (!page.MayStartRun(line[i]))
            {
                continue;
            }

            ushort bytes = line[i] < 0x80 ? (ushort)0 : page.BytesOf(line[i]);
            int first = bytes > 0xFF ? bytes >> 8 : bytes;
            bool lostLead = line[i] == page.LostByte && page.LostByte != '?' && i + 1 < line.Length && line[i + 1] != page.LostByte
                && FirstByte(page.BytesOf(line[i + 1])) is >= 0x80 and <= 0xBF;
            if (first is < 0xC2 or > 0xF4 && !lostLead && !StartsLostPairs(line, i, page))
            {
                continue;
            }

            if (!lostLead && bytes > 0xFF && (byte)bytes is < 0x80 or > 0xBF)
            {
                // The lead's own character goes on with a byte that is no continuation, so Decode would stop
                // there with nothing read (no marker lies inside a character). Most correct hanzi read as GBK
                // end here, without a decoder set up for each.
                continue;
            }

            buffers.Rent(line.Length);
            char[] decoded = buffers.Decoded!;
            Append(ref buffers.Read!, ref readLength, line[readUpTo..i]);
            readUpTo = i;
            int end = Decode(line, i, buffers.Read.AsSpan(0, readLength), page, options, quote, single, letters, ref language, ref lineForm, decoded, out int length, out bool guess);
            if (end <= i)
            {
                continue;
            }

            latinLine ??= IsLatinLine(line, page);
            int evidence = Evidence(line, i, end, decoded.AsSpan(0, length), latinLine.Value, page.LostByte);
            if (evidence > 0)
            {
                isolated += evidence == Isolated ? 1 : 0;
                strong |= evidence == Strong || isolated >= 2;
                if (evidence == Strong)
                {
                    covered += end - i;
                }
                else
                {
                    weakCovered += end - i;
                }

                runs?.Add(new Run(i, end, new string(decoded, 0, length), guess));
                Append(ref buffers.Read!, ref readLength, decoded.AsSpan(0, length));
                readUpTo = end;
                foreach (char c in decoded.AsSpan(0, length))
                {
                    quote = c is '\u201E' or '\u201C' or '\u201D' ? c : quote;
                    single = c == '\u2018' || (single && c != '\u2019');
                    letters |= LostPunctuation.IsOtherLetter(c);
                }
                if (stopAtFirst && strong)
                {
                    strongCovered = covered;
                    return covered + weakCovered; // (runs of two isolated ones are counted as weak: both count)
                }
            }

            i = end - 1; // runs do not overlap; the scan stays linear
        }

        if (!strong)
        {
            runs?.Clear(); // a weak run needs a strong one of the same code page in its line
            return 0;
        }

        if (skipped && runs is not null)
        {
            runs.Clear();
            return FindRuns(line, page, options, runs, stopAtFirst, ref buffers, out strongCovered, everyStretch: true);
        }

        strongCovered = covered;
        return covered + weakCovered;
    }

    private const int Weak = 1, Strong = 2, Isolated = 3;

    /// <summary>Appends <paramref name="text"/> to a pooled buffer, for a larger one where it is full.</summary>
    private static void Append(ref char[] buffer, ref int length, ReadOnlySpan<char> text)
    {
        if (length + text.Length > buffer.Length)
        {
            char[] larger = ArrayPool<char>.Shared.Rent(Math.Max(buffer.Length * 2, length + text.Length));
            buffer.AsSpan(0, length).CopyTo(larger);
            ArrayPool<char>.Shared.Return(buffer);
            buffer = larger;
        }

        text.CopyTo(buffer.AsSpan(length));
        length += text.Length;
    }

    // The first of a character's bytes as BytesOf gives them (0: none).
    private static int FirstByte(ushort bytes) => bytes > 0xFF ? bytes >> 8 : bytes;

    /// <summary>
    /// Whether the stretch of non-ASCII characters from <paramref name="start"/> can hold an accepted run: every
    /// kind of evidence needs a rare damaged character, except an accented letter inside a Latin word, which is a
    /// short stretch beside an ASCII letter. Correct CJK text is skipped a stretch at a time; a rare character the
    /// page cannot have read from UTF-8 bytes (a hangul syllable for GBK) does not count.
    /// </summary>
    private static bool MayHoldRun(ReadOnlySpan<char> line, int start, DoubleByteCodePage page, ulong[] common, out int end)
    {
        bool rare = false;
        end = start;
        while (end < line.Length && line[end] >= 0x80)
        {
            rare |= !CjkFrequency.IsCommon(common, line[end]) && page.MayBeInRun(line[end]);
            end++;
        }

        return rare || IsShortBesideLetter(line, start, end);
    }

    /// <summary>Whether the non-ASCII stretch [<paramref name="start"/>, <paramref name="end"/>) is short and beside an ASCII letter.</summary>
    private static bool IsShortBesideLetter(ReadOnlySpan<char> line, int start, int end) =>
        end - start <= 4 && ((start > 0 && char.IsAsciiLetter(line[start - 1])) || (end < line.Length && char.IsAsciiLetter(line[end])));

    /// <summary>
    /// Reads the bytes of the characters from <paramref name="start"/> as UTF-8 for as long as they decode.
    /// Returns the end of the run (a character boundary after the last multi-byte sequence), or -1, with the
    /// decoded text in <paramref name="output"/>. The guesses read what stands before the run in
    /// <paramref name="before"/>: the line before it with the runs before it already read, so that a word a run
    /// began is the word, not its damage (`D峄媍h v峄?`: "Dịch v", not "媍h v", before the lost letter).
    /// </summary>
    private static int Decode(ReadOnlySpan<char> s, int start, ReadOnlySpan<char> before, DoubleByteCodePage page, FixOptions options, char quoteBefore,
        bool singleBefore, bool lettersBefore, ref LineLanguage? language, ref int lineForm, char[] output, out int written, out bool guessed)
    {
        var reader = new ByteReader(s, start, page);
        char quote = quoteBefore;
        bool single = singleBefore;
        bool letters = lettersBefore;
        int scanned = 0; // output read for quote and letters so far
        int length = 0, end = -1, endLength = 0;
        bool guess = false, endGuess = false;
        Span<short> pattern = stackalloc short[4]; // a sequence's bytes, Unknown where the decoder lost one
        Span<byte> scratch = stackalloc byte[4];
        Span<char> endingContext = stackalloc char[WordEndings.LongestStart + 1]; // the characters before a lost letter: its word
        while (!reader.AtEnd)
        {
            int b = reader.Peek();
            bool marker = reader.OnCharBoundary && reader.PeekChar() == page.LostByte;
            if (marker && reader.PeekAfter() is >= 0x80 and <= 0xBF)
            {
                // A lead byte lost to the decoder (with, for Shift_JIS, perhaps the continuation after it).
                reader.Advance();
                if (!CompleteLostLead(ref reader, pattern, options, output, ref length, ref lineForm))
                {
                    break;
                }

                guess = true;
            }
            else if (marker && page.LosesPairs && options.Lossy == LossyRepair.Guess
                && (length > 0 ? IsTwoByteLetter(output[length - 1]) : reader.CharIndex == start))
            {
                // In a word of two-byte letters: each marker is a letter lost whole.
                if (!CompleteLostPairs(ref reader, output, ref length, before, (language ??= LanguageOf(s, page)).Cyrillic))
                {
                    break;
                }

                guess = true;
            }
            else if (marker && page.LostByte != '?' && options.Lossy == LossyRepair.Guess && length > 0 && CjkFrequency.IsCjk(output[length - 1])
                && reader.PeekCharAfter() == page.LostByte && reader.CharIndex + 2 == s.Length
                && FullWidthAtEnd(page, output, length) is int form and >= 0)
            {
                // Two markers ending the text after CJK: Shift_JIS lost a full-width form's EF BC (or EF BD) as one
                // unreadable pair and its last byte alone (级别・・ for 级别：).
                output[length++] = (char)form;
                reader.Advance();
                reader.Advance();
                guess = true;
            }
            else if (marker && page.LostByte != '?' && options.Lossy == LossyRepair.Guess && length > 0 && CjkFrequency.IsCjk(output[length - 1])
                && reader.PeekCharAfter() == page.LostByte && reader.CharIndex + 2 < s.Length && s[reader.CharIndex + 2] < 0x80
                && SwallowedAscii.Before(s[reader.CharIndex + 2], reader.CharIndex + 3 < s.Length ? s[reader.CharIndex + 3] : -1) is char taken
                && FullWidthAtEnd(page, output, length, taken) is int inner and >= 0)
            {
                // The same inside the text: the last byte went into the second marker with the ASCII character after
                // it, the likeliest one before what follows (信息为・・s for 信息为：%s).
                output[length++] = (char)inner;
                output[length++] = taken;
                reader.Advance();
                reader.Advance();
                guess = true;
            }
            else if (b < 0)
            {
                break; // a character this code page does not produce
            }
            else if (b < 0x80)
            {
                if (reader.OnCharBoundary)
                {
                    break; // ASCII ends a run: the text around it is judged run by run
                }

                // The trail of a double-byte character (0x40–0x7E): an ASCII character the misreading swallowed.
                output[length++] = (char)b;
                reader.Advance();
            }
            else if (b is >= 0xC2 and <= 0xF4)
            {
                int need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                pattern[0] = (short)b;
                reader.Advance();
                int got = 1;
                while (got < need && reader.Peek() is >= 0x80 and <= 0xBF)
                {
                    pattern[got++] = (short)reader.Peek();
                    reader.Advance();
                }

                if (got < need)
                {
                    // Continuations lost: their marker stands where they were (one for GBK, EUC-KR and Big5, one or
                    // two for Shift_JIS), or the last one was dropped at the end of a run.
                    bool lost = reader.OnCharBoundary && !reader.AtEnd && reader.PeekChar() == page.LostByte;
                    bool dropped = reader.OnCharBoundary && (reader.AtEnd || reader.PeekChar() is ' ' or '\t' or '\n' or '\r')
                        && need - got == 1 && !guess;
                    if (!(lost || dropped) || need - got > (page.LostByte == '?' ? 1 : 2) || options.Lossy == LossyRepair.Leave)
                    {
                        break;
                    }

                    if (lost)
                    {
                        reader.Advance();
                    }

                    if (lost && need == 2 && page.LostByte != '?' && options.Lossy == LossyRepair.Guess)
                    {
                        // A letter of two bytes (Cyrillic, Greek, Arabic, accented Latin) whose second byte, a lead to
                        // Shift_JIS, went into the marker with what followed, and the letters lost after it.
                        if (!CompleteLostLetters(ref reader, pattern[0], output, ref length, before, (language ??= LanguageOf(s, page)).Cyrillic))
                        {
                            break;
                        }

                        guess = true;
                    }
                    else
                    {
                        // Shift_JIS's marker holds the byte after the lost one too (but at the end of the text): where
                        // continuations follow it, that byte was the lead of the next sequence (hidesLead).
                        bool hidesLead = lost && page.LostByte != '?' && need - got == 1 && reader.Peek() is >= 0x80 and <= 0xBF;

                        // Where a second marker follows instead (and no continuation after it), that lead's character was
                        // lost whole, its continuations in the second marker: データ's テ lost its last byte with ー's
                        // lead, and ー's two continuations make no pair either.
                        bool hidesCharacter = lost && page.LostByte != '?' && need - got == 1 && !reader.AtEnd && reader.PeekChar() == page.LostByte
                            && reader.PeekAfter() is not (>= 0x80 and <= 0xBF) && options.Lossy == LossyRepair.Guess;

                        // GBK, EUC-KR and Big5 lose a lead byte together with the ASCII byte after it that cannot be its
                        // trail, into one marker, and so does Shift_JIS where no continuation follows (nor another
                        // marker, which may hold the rest of a sequence whose lead this one took): inside the text, the
                        // marker also stands for an ASCII character, the likeliest one before what follows
                        // (SwallowedAscii). At the end the lead byte was alone.
                        bool swallows = lost && need - got == 1 && !reader.AtEnd && options.Lossy == LossyRepair.Guess
                            && (page.LostByte == '?' || (!hidesLead && reader.PeekChar() != page.LostByte));
                        Nearby nearby = swallows ? Nearby.Of(before, output.AsSpan(0, length)) : default; // (read once for the three guesses)
                        int swallowed = !swallows ? -1
                            : OpenerOfUnmatched(nearby, s[reader.CharIndex..], page.LostByte) is int opener and >= 0 ? opener
                            : nearby.AngleOpen && ClosesNoAngleAfter(s[reader.CharIndex..]) ? '>'
                            : SwallowedAscii.Before(reader.PeekChar(), reader.PeekCharAfter(), afterLetter: pattern[0] is >= 0xC3 and <= 0xE1,
                                inParentheses: nearby.Open > 0 && ClosesNothingAfter(s[reader.CharIndex..]));
                        pattern[got..need].Fill(Unknown);
                        int value;
                        if (lost && (page.LostByte == '?' || swallows || reader.AtEnd) && options.Lossy == LossyRepair.Guess
                            && need == 3 && got == 2 && pattern[0] == 0xE2 && pattern[1] is 0x80 or 0x81)
                        {
                            // The context of a lost mark, read once over the output (so a run of many stays linear).
                            for (; scanned < length; scanned++)
                            {
                                quote = output[scanned] is '\u201E' or '\u201C' or '\u201D' ? output[scanned] : quote;
                                single = output[scanned] == '\u2018' || (single && output[scanned] != '\u2019');
                                letters |= LostPunctuation.IsOtherLetter(output[scanned]);
                            }

                            value = LostMark(pattern[1], quote, single, letters, length > 0 ? output[length - 1] : before.Length > 0 ? before[^1] : -1, reader, page, ref swallowed);
                            if (value >= 0 && swallowed is >= 0 and not ')' and not '%' && !reader.AtEnd && reader.PeekChar() is ' ' or '\n' or '.' or ',' or ':' or ';'
                                && !page.Reads(0x80 | (value & 0x3F), ')') && ClosesNothingAfter(s[reader.CharIndex..])
                                && (swallows ? nearby : Nearby.Of(before, output.AsSpan(0, length))).Open > 0)
                            {
                                // A parenthesis the line left open that nothing after closes: the mark's marker took
                                // the closing one ("„%s“) " — in the training quarter 241 times of 243 before such a character).
                                swallowed = ')';
                            }
                            if (value >= 0 && reader.AtEnd && !page.Reads(0x80 | (value & 0x3F), ')'))
                            {
                                swallowed = SwallowedAtEnd(before, output.AsSpan(0, length)); // as for a character
                            }

                            if (value is '\u201C' or '\u201D' or '\u201E')
                            {
                                // The context chose the mark's role (“ after „ closes it, ” closes); the line's
                                // language chooses its shape (Swedish opens with ”, Vietnamese with “), unless a
                                // quote the line holds already is of another shape.
                                LineLanguage marks = language ??= LanguageOf(s, page);
                                bool opens = value == '\u201E' || (value == '\u201C' && quote != '\u201E');
                                if (quote == '\0' || quote == marks.Open || quote == marks.Close)
                                {
                                    value = opens ? marks.Open ?? value : marks.Close ?? value;
                                }
                            }
                        }
                        else
                        {
                            if (lost && need - got == 1 && reader.AtEnd && options.Lossy == LossyRepair.Guess)
                            {
                                swallowed = SwallowedAtEnd(before, output.AsSpan(0, length));
                            }

                            // The character ends CJK text where an ASCII one follows it or the text ends after the marker.
                            int next = swallowed >= 0 ? swallowed : hidesLead || hidesCharacter ? AnyCjkLead : lost ? reader.Peek() : -1;
                            bool atEnd = lost && (swallowed >= 0 || reader.AtEnd || reader.Peek() is >= 0 and < 0x80);
                            // What follows where the marker hid it: the likeliest character its continuations end, or, where it
                            // lost the next character whole, the likeliest one before the character after that (データ: the ー
                            // before タ, so テ, not ッ).
                            value = BestFit(pattern[..need], Previous(output, length), page, next, atEnd, after: lost ? After(reader, swallowed) : -1,
                                beforePrevious: length >= 2 ? output[length - 2] : '\0',
                                following: !lost || atEnd ? '\0' : hidesLead ? LikeliestEndingIn(reader)
                                    : hidesCharacter ? CjkFrequency.LikeliestBefore(NextCjk(Past(reader))) : NextCjk(reader),
                                endingPrevious: Before(before, output, length, 1) is char p and not '\0' ? p : '\n', form: FormOf(ref lineForm, reader));
                            if (value < 0 && hidesLead && need == 3 && got == 2)
                            {
                                // A letter of another script that the next letter of its word follows: by both of them.
                                int wordLength = WholeWordBefore(output.AsSpan(0, length), before, endingContext);
                                value = LostBeforeHiddenLead(pattern[0], pattern[1], Before(before, output, length, 1), reader, page,
                                    endingContext[..Math.Max(wordLength, 0)], wordLength >= 0);
                            }

                            if (value < 0 && lost && need == 3 && got == 1 && page.LostByte != '?')
                            {
                                // Both continuations of a letter of another script, as one pair Shift_JIS does not read.
                                int wordLength = WholeWordBefore(output.AsSpan(0, length), before, endingContext);
                                value = LostContinuations(pattern[0], Before(before, output, length, 1), NextLetter(reader), page, reader,
                                    endingContext[..Math.Max(wordLength, 0)], wordLength >= 0);
                            }

                            if (value < 0 && need - got == 1 && need <= 3)
                            {
                                // A letter of another script: its word may have begun before the run (Vietnamese "Ch" + ỉ).
                                int known = 0;
                                while (known < endingContext.Length && Before(before, output, length, known + 1) is char c and not '\0')
                                {
                                    endingContext[^++known] = c;
                                }

                                // The letter ends its word where it ends CJK-free text before no ASCII letter.
                                bool endsWord = atEnd && !char.IsAsciiLetter((char)(swallowed >= 0 ? swallowed : reader.AtEnd ? 0 : reader.Peek()));
                                // Where a space was lost with it, the next word's first ASCII letters follow the marker.
                                int following = swallowed == ' ' && !reader.AtEnd && reader.OnCharBoundary
                                    ? (reader.PeekChar() < 0x80 ? WordEndings.FollowerCode(s[reader.CharIndex..]) : WordEndings.FollowerCode([NextLetter(reader)]))
                                    : 0;
                                value = BestEnding(pattern[0], need == 3 ? pattern[1] : -1, endingContext[^known..], endsWord,
                                    fromLineStart: known < endingContext.Length, following, page, next, (language ??= LanguageOf(s, page)).Cyrillic);
                            }
                        }

                        if (!Put(value, options, output, ref length))
                        {
                            break;
                        }

                        if (swallowed == ' ' && value is '\u3002' or '\uFF01' or '\uFF1F' && !page.Reads(0x80 | (value & 0x3F), '\n'))
                        {
                            // A full stop, exclamation or question mark of CJK text took a line break along, not a
                            // space: CJK text puts no space after them, and a line break follows them far more often.
                            swallowed = '\n';
                        }

                        if (swallowed >= 0)
                        {
                            output[length++] = (char)swallowed;
                        }

                        guess = true;

                        // Shift_JIS's marker can hide the lead of the next sequence too: continuations follow. That lead
                        // went with this character's last byte into the marker, so the two made no pair the page reads.
                        if (hidesLead && !CompleteLostLead(ref reader, pattern, options, output, ref length, ref lineForm, lostBefore: BytesOf(value, 2)))
                        {
                            break;
                        }

                        if (hidesCharacter)
                        {
                            reader.Advance();
                            pattern[..3].Fill(Unknown);
                            int whole = BestFit(pattern[..3], Previous(output, length), page, -1,
                                atEnd: reader.AtEnd || reader.Peek() is >= 0 and < 0x80, lostBefore: BytesOf(value, 2), following: NextCjk(reader),
                                form: FormOf(ref lineForm, reader));
                            if (!Put(whole, options, output, ref length))
                            {
                                break;
                            }
                        }
                    }
                }
                else if (System.Text.Rune.DecodeFromUtf8(AsBytes(pattern[..need], scratch), out System.Text.Rune rune, out _) == OperationStatus.Done)
                {
                    length += rune.EncodeToUtf16(output.AsSpan(length));
                }
                else
                {
                    break; // overlong or a surrogate
                }
            }
            else
            {
                break; // a continuation where a lead was due
            }

            if (reader.OnCharBoundary)
            {
                end = reader.CharIndex;
                endLength = length;
                endGuess = guess;
            }
        }

        written = endLength;
        guessed = endGuess;
        return end;
    }

    private const short Unknown = -1;

    /// <summary>
    /// The ASCII character a marker took along where the line shows which: the opening <c>"</c> or <c>(</c> of a
    /// closing one in the word the marker starts (up to white space or the next marker), with none open before it
    /// (<c>、?%3$s"</c> for <c>、"%3$s"</c>), else -1. <paramref name="nearby"/>: the quotes and parentheses before it.
    /// </summary>
    private static int OpenerOfUnmatched(Nearby nearby, ReadOnlySpan<char> after, char marker)
    {
        after = after[..Math.Min(after.Length, Window)]; // CJK text has no spaces: the word is looked for nearby only
        WorkMeter.Add(after.Length);
        int wordEnd = after.IndexOfAny(" \t\n\r");
        after = wordEnd < 0 ? after : after[..wordEnd];
        int nextMarker = after.IndexOf(marker);
        after = nextMarker < 0 ? after : after[..nextMarker];
        // A quote or parenthesis right after the marker opens: the marker took what stood before it, most often a space.
        if (after.IsEmpty || after[0] is '"' or '(')
        {
            return -1;
        }

        if (nearby.Quotes % 2 == 0 && after.Count('"') % 2 == 1)
        {
            return '"';
        }

        if (nearby.Open <= 0)
        {
            int depth = 0;
            foreach (char c in after)
            {
                if (c == '(')
                {
                    depth++;
                }
                else if (c == ')' && --depth < 0)
                {
                    return '(';
                }
            }
        }

        return -1;
    }

    /// <summary>
    /// No '&gt;' in the line ahead before the next '&lt;' (up to <see cref="Window"/> characters): an angle bracket left open
    /// before closes at the marker, which took it along (<c>&lt;流水线?并且</c> for <c>&lt;流水线&gt; 并且</c>): in the
    /// training quarter 91% of the ASCII characters after a character of three bytes that stand so (`--lost-endings`).
    /// </summary>
    private static bool ClosesNoAngleAfter(ReadOnlySpan<char> after)
    {
        after = after[..Math.Min(after.Length, Window)];
        WorkMeter.Add(after.Length);
        int next = after.IndexOfAny('<', '>');
        return next < 0 || after[next] == '<';
    }

    /// <summary>No ')' in the line ahead (up to <see cref="Window"/> characters): one left open before may close at a marker.</summary>
    private static bool ClosesNothingAfter(ReadOnlySpan<char> after)
    {
        after = after[..Math.Min(after.Length, Window)];
        WorkMeter.Add(after.Length);
        return !after.Contains(')');
    }

    /// <summary>
    /// What a marker ending the text took along with the lead byte it holds: nothing (the byte was alone), unless the
    /// line left a parenthesis open; then the closing one, ')' (静态过程 (无名称? for 静态过程 (无名称), and so after a
    /// letter or a punctuation mark: (%lu ﾐｱﾐｰﾐｹﾑ・ for (%lu байт)); or an angle bracket, '&gt;' (&lt;索引偏移量过大&gt;:
    /// 70% of such ends in the training quarter); or a line break where the line is indented (an option of a help
    /// screen, a tabbed column), as such lines end with one: in the training quarter 80% of the GBK markers ending an
    /// indented line stood for one, 13% for nothing (at the margin 6% and 88%). The counts: `--lost-endings` of the
    /// accuracy tool. -1 for nothing.
    /// </summary>
    private static int SwallowedAtEnd(ReadOnlySpan<char> before, ReadOnlySpan<char> output) =>
        Nearby.Of(before, output) is var nearby && nearby.Open > 0 ? ')'
        : nearby.AngleOpen ? '>'
        : (before.Length > 0 ? before[0] : output.Length > 0 ? output[0] : '\0') is ' ' or '\t' ? '\n' // (before starts at the line's start)
        : -1;

    /// <summary>How far the quote and parenthesis guesses look: a constant, so a line of many markers stays linear.</summary>
    private const int Window = 256;

    /// <summary>How far a lone vowel's company is read on each side of it.</summary>
    private const int SentenceWindow = 80;

    /// <summary>
    /// The ASCII double quotes and the parentheses left open (opened less closed) in the last <see cref="Window"/>
    /// characters before a marker: the run's output so far, then the line before the run; read in one pass.
    /// <see cref="AngleOpen"/>: the last angle bracket there opens (a placeholder such as <c>&lt;文件&gt;</c>).
    /// </summary>
    private readonly record struct Nearby(int Quotes, int Open, bool AngleOpen)
    {
        internal static Nearby Of(ReadOnlySpan<char> before, ReadOnlySpan<char> output)
        {
            ReadOnlySpan<char> near = output.Length > Window ? output[^Window..] : output;
            ReadOnlySpan<char> lineBefore = before.Length > Window - near.Length ? before[^(Window - near.Length)..] : before;
            WorkMeter.Add(near.Length + lineBefore.Length);
            int quotes = 0, open = 0;
            char angle = '\0';
            Count(lineBefore, ref quotes, ref open, ref angle);
            Count(near, ref quotes, ref open, ref angle);
            return new Nearby(quotes, open, angle == '<');
        }

        private static void Count(ReadOnlySpan<char> text, ref int quotes, ref int open, ref char angle)
        {
            foreach (char c in text)
            {
                quotes += c == '"' ? 1 : 0;
                open += c == '(' ? 1 : c == ')' ? -1 : 0;
                angle = c is '<' or '>' ? c : angle;
            }
        }
    }

    /// <summary>
    /// A punctuation mark E2 80–81 xx whose last byte went into the marker (<see cref="LostPunctuation"/>), with
    /// the ASCII character lost with it in <paramref name="swallowed"/> (-1: none), or -1 when no mark fits;
    /// <paramref name="quote"/> is the last double quote of the line so far, <paramref name="single"/> whether it left
    /// a single quote open, <paramref name="letters"/> whether it holds a letter beyond ASCII.
    /// </summary>
    private static int LostMark(short second, char quote, bool single, bool letters, int before, ByteReader reader, DoubleByteCodePage page, ref int swallowed)
    {
        char mark = LostPunctuation.Guess(before, letters, reader.AtEnd ? -1 : reader.PeekChar(), out char lostWith, reader.AtEnd ? -2 : reader.PeekCharAfter());
        int last = 0x80 | (mark & 0x3F);
        if (mark == 0 || (0x80 | ((mark >> 6) & 0x3F)) != second || (lostWith != 0) == reader.AtEnd || page.Reads(last, lostWith != 0 ? lostWith : -1))
        {
            return -1; // (the mark's second byte is the one read, and its last must be one the decoder loses there)
        }

        swallowed = lostWith != 0 ? lostWith : -1;

        // A single closing quote where the line left a double one open, with no letter after it (an apostrophe
        // inside a word has one: don’t): the double quote closes (鈥?s鈥?, „%s“, not „%s’).
        int after = lostWith != 0 ? lostWith : reader.AtEnd ? -1 : reader.PeekChar();
        if (mark == '\u2019' && quote is '\u201E' or '\u201C' && !(after >= 0 && char.IsLetter((char)after))
            && !page.Reads(0x80 | ('\u201D' & 0x3F), lostWith != 0 ? lostWith : -1))
        {
            mark = '\u201D';
        }

        // A double quote where the line left a single one open, and no letter follows: the single one closes (‘%s’).
        if (single && mark is '\u201C' or '\u201D' && !(after >= 0 && char.IsLetter((char)after))
            && !page.Reads(0x80 | ('\u2019' & 0x3F), lostWith != 0 ? lostWith : -1))
        {
            return '\u2019';
        }

        if (mark is not ('\u201C' or '\u201D'))
        {
            return mark;
        }

        // A double quote closes the one the line opened last (quote): “ after „ (German, Bulgarian; for Polish,
        // Romanian and Hungarian the caller makes it ”), ” after “ (English).
        return quote switch { '\u201E' => '\u201C', '\u201C' => '\u201D', _ => mark };
    }

    /// <summary>
    /// What a line's letters tell of its language: the double quotes it writes (null: as the context guessed) and
    /// its Cyrillic alphabet, which lost letters keep to.
    /// </summary>
    private readonly record struct LineLanguage(char? Open, char? Close, CyrillicAlphabets.Alphabet Cyrillic);

    /// <summary>
    /// The double quotes of the line's language, told from the letters the line reads as UTF-8 through
    /// <paramref name="page"/> and those it holds: those its words and letters keep company with in real text
    /// (<see cref="Text.QuoteCompany"/>) where the table holds one of them; else „…” where a letter of a language that closes „ with ” stands
    /// (Polish ą ę ł ń ś ź ż, Romanian ă ș ț ş ţ, Hungarian ő ű; not đ: Croatian closes with ”, Serbian and Bosnian
    /// with “), “…” in Vietnamese (its letters U+1EA0–U+1EF9, ơ, ư) and in a line of English words with no other
    /// letter (<see cref="Text.LatinCompany.LooksEnglish"/>), else the marks of the language whose accented
    /// letters fit best (<see cref="Conventions"/>) where both are low or high double quotes; and the alphabet of
    /// its Cyrillic letters (<see cref="CyrillicAlphabets"/>).
    /// </summary>
    private static LineLanguage LanguageOf(ReadOnlySpan<char> line, DoubleByteCodePage page)
    {
        var letters = default(LetterSet);
        var cyrillic = default(CyrillicAlphabets.Seen);
        bool vietnamese = false, closesHigh = false, otherLetters = false;
        int lead = 0; // the byte before, when it leads a two-byte letter U+00C0–U+04BF, or E1 (U+1000–U+1FFF)
        int twoByteLead = 0; // the byte before, when it leads any two-byte character
        int previousCyrillic = 0; // the Cyrillic letter just read, while the next one may follow it
        Span<char> read = stackalloc char[32]; // the line's letters beyond ASCII (up to 32), for QuoteCompany
        int readCount = 0;
        for (var reader = new ByteReader(line, 0, page); !reader.AtEnd; reader.Advance())
        {
            int b = reader.Peek(); // (negative for a character the page does not produce, or its marker)
            if (twoByteLead != 0 && b is >= 0x80 and <= 0xBF)
            {
                AddDistinctLetter(read, ref readCount, (char)((twoByteLead & 0x1F) << 6 | (b & 0x3F)));
            }

            twoByteLead = b is >= 0xC2 and <= 0xDF ? b : 0;
            if (b < 0 && reader.OnCharBoundary && char.IsLetter(reader.PeekChar()))
            {
                AddDistinctLetter(read, ref readCount, reader.PeekChar());
                otherLetters = true;
                letters.Add(reader.PeekChar()); // a correct letter of a mixed line
                cyrillic.Add(reader.PeekChar());
            }

            int pair = lead << 8 | b;
            if (pair is 0xC484 or 0xC485 or 0xC498 or 0xC499 or 0xC581 or 0xC582 or 0xC583 or 0xC584
                or 0xC59A or 0xC59B or 0xC5B9 or 0xC5BA or 0xC5BB or 0xC5BC or 0xC482 or 0xC483 or 0xC898 or 0xC899 or 0xC89A
                or 0xC89B or 0xC59E or 0xC59F or 0xC5A2 or 0xC5A3 or 0xC590 or 0xC591 or 0xC5B0 or 0xC5B1)
            {
                closesHigh = true;
            }

            vietnamese |= pair is 0xE1BA or 0xE1BB or 0xC6A0 or 0xC6A1 or 0xC6AF or 0xC6B0;
            if (lead is 0xC3 or 0xC4 or 0xC5 && b is >= 0x80 and <= 0xBF && char.IsLetter((char)((lead & 0x1F) << 6 | (b & 0x3F))))
            {
                otherLetters = true;
                letters.Add((lead & 0x1F) << 6 | (b & 0x3F));
            }

            if (lead is >= 0xD0 and <= 0xD2 && b is >= 0x80 and <= 0xBF)
            {
                otherLetters = true;
                int letter = (lead & 0x1F) << 6 | (b & 0x3F);
                cyrillic.Add(previousCyrillic, letter);
                previousCyrillic = letter;
            }
            else if (b is not (>= 0xD0 and <= 0xD2))
            {
                previousCyrillic = 0; // (a lead keeps the letter before for the letter it begins)
            }

            lead = b is 0xC3 or 0xC4 or 0xC5 or 0xC6 or 0xC8 or 0xD0 or 0xD1 or 0xD2 or 0xE1 ? b : 0;
        }

        var alphabet = CyrillicAlphabets.Of(cyrillic);
        if (!vietnamese && Text.QuoteCompany.StyleFor(line, read[..readCount]) is int style and >= 0)
        {
            return new LineLanguage(Text.QuoteCompany.Styles[style][0], Text.QuoteCompany.Styles[style][1], alphabet);
        }

        if (closesHigh)
        {
            return new LineLanguage('\u201E', '\u201D', alphabet);
        }

        if (!otherLetters && !vietnamese && Text.LatinCompany.LooksEnglish(line))
        {
            return new LineLanguage('\u201C', '\u201D', alphabet); // “…” in a line of English words alone
        }

        var (open, close, language) = vietnamese ? Conventions.ForLanguage("vi") : Conventions.For(letters, narrowestOnTie: true);
        return language is not null && open is '\u201C' or '\u201D' or '\u201E' && close is '\u201C' or '\u201D' or '\u201E'
            ? new LineLanguage(open, close, alphabet) : new LineLanguage(null, null, alphabet);
    }

    /// <summary>
    /// The written form of Chinese a line's characters show (<see cref="CjkVariants"/>): the ideographs its UTF-8
    /// bytes decode to where the page kept all three, and its correct characters.
    /// </summary>
    private static int FormOfLine(ReadOnlySpan<char> line, DoubleByteCodePage page)
    {
        int simplified = 0, traditional = 0;
        bool otherScript = false;
        uint bytes = 0; // the last three bytes read, the latest lowest
        for (var reader = new ByteReader(line, 0, page); !reader.AtEnd; reader.Advance())
        {
            int b = reader.Peek();
            if (b < 0)
            {
                bytes = 0;
                if (reader.OnCharBoundary)
                {
                    CjkVariants.Tally(reader.PeekChar(), ref simplified, ref traditional, ref otherScript);
                }

                continue;
            }

            bytes = bytes << 8 | (uint)b;
            if ((bytes & 0xF0C0C0) == 0xE08080)
            {
                int c = (int)((bytes >> 16 & 0x0F) << 12 | (bytes >> 8 & 0x3F) << 6 | (bytes & 0x3F));
                CjkVariants.Tally(c, ref simplified, ref traditional, ref otherScript);
            }
        }

        return CjkVariants.FormOf(simplified, traditional, otherScript);
    }

    // Adds a letter to a set of them, where it is a letter and the set has room.
    private static void AddDistinctLetter(Span<char> set, ref int count, char c)
    {
        if (count < set.Length && char.IsLetter(c) && !set[..count].Contains(c))
        {
            set[count++] = c;
        }
    }

    private static char Previous(char[] output, int length) => length > 0 ? output[length - 1] : '\0';

    private static ReadOnlySpan<byte> AsBytes(ReadOnlySpan<short> pattern, Span<byte> bytes)
    {
        for (int k = 0; k < pattern.Length; k++)
        {
            bytes[k] = (byte)pattern[k];
        }

        return bytes[..pattern.Length];
    }

    /// <summary>
    /// After a marker that stood for a lead byte: reads the continuations that follow and restores the most
    /// common character whose UTF-8 ends with them (the lead unknown, and for Shift_JIS perhaps one continuation).
    /// </summary>
    private static bool CompleteLostLead(scoped ref ByteReader reader, scoped Span<short> pattern, FixOptions options, char[] output, ref int length,
        ref int lineForm, int lostBefore = -1)
    {
        if (options.Lossy == LossyRepair.Leave)
        {
            return false;
        }

        Span<short> known = stackalloc short[3];
        int got = 0;
        while (got < 3 && reader.Peek() is >= 0x80 and <= 0xBF)
        {
            known[got++] = (short)reader.Peek();
            reader.Advance();
        }

        // A letter of a script outside the CJK table (Devanagari, Georgian, Thai…) whose lead went into the marker with
        // the last byte of the letter before it (इल: E0 A4 87 | E0 A4 B2, 87 E0 no pair Shift_JIS reads): the lead
        // that makes its two continuations a letter of that letter's own script, before any CJK character they may end.
        // (A letter of the script of the one before shares its lead: E0 below U+1000, E1 above.)
        char previous = Previous(output, length);
        int scriptLead = 0xE0 | (previous >> 12);
        bool afterScriptLetter = lostBefore >= 0 && ScriptPairs.IsScriptLetter(previous) && !reader.Page.Reads(lostBefore, scriptLead);
        if (got == 2 && afterScriptLetter
            && Detection.Sequence.DecodeUtf8((uint)(scriptLead | known[0] << 8 | known[1] << 16), 3) is int letter and >= 0
            && SameScript(previous, letter) && IsPlausible(new System.Text.Rune(letter)) && ScriptPairs.IsScriptLetter((char)letter))
        {
            return Put(letter, options, output, ref length);
        }

        // Such a letter with one continuation read, whose last byte went into the next marker (with the ASCII character
        // after it, but at the end): a letter that ends its stretch, the likeliest one to end it there (में: E0 A5 87 |
        // E0 A4 82 and a space, 87 E0 and 82 20 no pairs Shift_JIS reads).
        if (got == 1 && afterScriptLetter && reader.OnCharBoundary && !reader.AtEnd && reader.PeekChar() == reader.Page.LostByte)
        {
            ByteReader ahead = reader;
            ahead.Advance();
            int swallowed = ahead.AtEnd || ahead.PeekChar() == reader.Page.LostByte ? -1
                : SwallowedAscii.Before(ahead.PeekChar(), ahead.PeekCharAfter(), afterLetter: true);
            int best = -1;
            double top = 0;
            for (int last = 0x80; last <= 0xBF; last++)
            {
                int cp = Detection.Sequence.DecodeUtf8((uint)(scriptLead | known[0] << 8 | last << 16), 3);
                if (cp < 0 || reader.Page.Reads(last, swallowed) || !SameScript(previous, cp) || !ScriptPairs.IsScriptLetter((char)cp))
                {
                    continue;
                }

                double chance = LetterEndings.Chance(output.AsSpan(0, length), (char)cp);
                if (chance > top)
                {
                    (top, best) = (chance, cp);
                }
            }

            if (best >= 0 && Put(best, options, output, ref length))
            {
                reader = ahead;
                if (swallowed >= 0)
                {
                    output[length++] = (char)swallowed;
                }

                return true;
            }
        }

        // The lead alone was lost, or the lead and the continuation after it (not after lostBefore: the marker
        // held that byte and the lead).
        for (int missing = 1; missing <= (lostBefore < 0 ? 2 : 1) && missing + got <= 4; missing++)
        {
            pattern[..missing].Fill(Unknown);
            known[..got].CopyTo(pattern[missing..]);
            int value = BestFit(pattern[..(missing + got)], Previous(output, length), reader.Page, -1, lostBefore: lostBefore, following: NextCjk(reader),
                form: FormOf(ref lineForm, reader));
            if (value >= 0)
            {
                return Put(value, options, output, ref length);
            }
        }

        return false;
    }

    /// <summary>
    /// The letter of three bytes (<paramref name="first"/>, <paramref name="second"/> and a lost one) of a script
    /// outside the CJK table whose last byte went into Shift_JIS's marker with the lead of the next letter of its word,
    /// whose two continuations the reader is at (इल: E0 A4 87 | E0 A4 B2): the one the letter before
    /// (<paramref name="before"/>, a space at a word's start) and that next letter keep company with
    /// (<see cref="ScriptPairs"/>); -1 when none was seen there.
    /// </summary>
    private static int LostBeforeHiddenLead(int first, int second, char before, ByteReader reader, DoubleByteCodePage page,
        ReadOnlySpan<char> wordBefore, bool wordKnown)
    {
        char previous = ScriptPairs.LeftOf(before);
        int c0 = reader.Peek();
        reader.Advance();
        int c1 = reader.AtEnd ? -1 : reader.Peek();
        // The next letter is of the same script, so it has the same lead.
        int next = Detection.Sequence.DecodeUtf8((uint)(first | c0 << 8 | c1 << 16), 3);
        if (previous == '\0' || c1 is < 0x80 or > 0xBF || next < 0)
        {
            return -1; // (a letter of another script before it, or a next character of two bytes)
        }

        Span<int> candidates = stackalloc int[64];
        Span<double> weights = stackalloc double[64];
        int count = 0;
        for (int last = 0x80; last <= 0xBF; last++)
        {
            // (The page reads no pair of the lost byte and that lead.)
            int cp = Detection.Sequence.DecodeUtf8((uint)(first | second << 8 | last << 16), 3);
            if (cp < 0 || page.Reads(last, first) || !ScriptPairs.IsScriptLetter((char)cp) || !SameScript((char)cp, next))
            {
                continue;
            }

            (candidates[count], weights[count]) = (cp, ScriptPairs.Weigh(previous, (char)cp, (char)next));
            count++;
        }

        // The rest of the word: the next letter, then what follows its continuations.
        Span<char> rest = stackalloc char[WordEndings.LongestStart + 1];
        rest[0] = (char)next;
        reader.Advance();
        int lastLead = -1;
        int restLength = wordKnown ? RestOfWord(reader, rest[1..], out lastLead) : -1;
        return PickWithWords(candidates[..count], weights[..count], wordBefore, restLength >= 0 ? rest[..(restLength + 1)] : default, restLength >= 0,
            restLength >= 0 ? lastLead : -1, page);
    }

    /// <summary>
    /// Of the letters that may stand for a lost one (<paramref name="candidates"/>, with their log weights by the
    /// letters beside them), the one to keep: the likeliest by those weights, unless the word around it is known
    /// whole (<paramref name="wordBefore"/> from its first letter, <paramref name="rest"/> to its end, as
    /// <see cref="RestOfWord"/> reads it) and one of them makes a word seen (<see cref="BestWholeWord"/>'s rule). -1
    /// when none was seen there.
    /// </summary>
    private static int PickWithWords(ReadOnlySpan<int> candidates, ReadOnlySpan<double> weights, ReadOnlySpan<char> wordBefore, ReadOnlySpan<char> rest,
        bool known, int lastLead, DoubleByteCodePage page)
    {
        int best = -1;
        double top = double.NegativeInfinity;
        for (int k = 0; k < candidates.Length; k++)
        {
            if (weights[k] > top)
            {
                (top, best) = (weights[k], k);
            }
        }

        if (best < 0 || !known || wordBefore.Length + 1 + rest.Length > WordEndings.LongestStart + 1
            || candidates.Length * Lookups(rest, page, (char)candidates[best]) > MaxLookups * LetterBeam) // (as many as BestWholeWord's beam)
        {
            return best < 0 ? -1 : candidates[best];
        }

        double sum = 0;
        foreach (double weight in weights)
        {
            sum += Math.Exp(weight - top);
        }

        Span<char> whole = stackalloc char[wordBefore.Length + 1 + rest.Length];
        wordBefore.CopyTo(whole);
        rest.CopyTo(whole[(wordBefore.Length + 1)..]);
        double bestWeight = double.NegativeInfinity;
        for (int k = 0; k < candidates.Length; k++)
        {
            whole[wordBefore.Length] = (char)candidates[k];
            int seen = SeenCount(whole, lastLead, page, (char)candidates[k]);
            if (char.IsUpper(whole[0]))
            {
                char first = whole[0];
                whole[0] = char.ToLowerInvariant(first);
                seen += SeenCount(whole, lastLead, page, (char)candidates[k]);
                whole[0] = first;
            }

            double weight = seen + (SeenPrior * Math.Exp(weights[k] - top) / sum);
            if (weight > bestWeight)
            {
                (bestWeight, best) = (weight, k);
            }
        }

        return candidates[best];
    }

    /// <summary>
    /// The letter of a script outside the CJK table whose lead (<paramref name="lead"/>, read as the trail of the byte
    /// before) Shift_JIS kept and whose two continuations it lost as one pair it does not read (ო: E1 | 83 9D): of
    /// the letters of the script of <paramref name="before"/> or <paramref name="next"/> (U+0000: not known), the one
    /// the two keep company with (<see cref="ScriptPairs"/>); -1 when none was seen there.
    /// </summary>
    private static int LostContinuations(int lead, char before, char next, DoubleByteCodePage page, ByteReader reader,
        ReadOnlySpan<char> wordBefore, bool wordKnown)
    {
        char previous = ScriptPairs.LeftOf(before);
        char neighbour = previous is not (' ' or '\0') ? previous : next;
        if (previous == '\0' || !ScriptPairs.IsScriptLetter(neighbour))
        {
            return -1;
        }

        // (The letters of the neighbour's script: its block of 128, or Tibetan's or Myanmar's whole one.)
        int from = neighbour is >= '\u0F00' and <= '\u0FFF' ? 0x0F00 : neighbour is >= '\u1000' and <= '\u109F' ? 0x1000 : neighbour & ~0x7F;
        Span<int> candidates = stackalloc int[256];
        Span<double> weights = stackalloc double[256];
        int count = 0;
        for (int cp = from; cp < from + (from is 0x0F00 ? 0x100 : from is 0x1000 ? 0xA0 : 0x80); cp++)
        {
            int second = 0x80 | ((cp >> 6) & 0x3F), last = 0x80 | (cp & 0x3F);
            if ((0xE0 | (cp >> 12)) != lead || page.Reads(second, last) || !ScriptPairs.IsScriptLetter((char)cp))
            {
                continue; // (another lead, or a pair the page reads, a byte it reads alone included)
            }

            double weight = ScriptPairs.Weigh(previous, (char)cp, ScriptPairs.IsScriptLetter(next) ? next : '\0');
            if (weight > double.NegativeInfinity)
            {
                (candidates[count], weights[count]) = (cp, weight);
                count++;
            }
        }

        Span<char> rest = stackalloc char[WordEndings.LongestStart + 1];
        int lastLead = -1;
        int restLength = wordKnown ? RestOfWord(reader, rest, out lastLead) : -1;
        return PickWithWords(candidates[..count], weights[..count], wordBefore, restLength >= 0 ? rest[..restLength] : default, restLength >= 0,
            restLength >= 0 ? lastLead : -1, page);
    }

    /// <summary>
    /// Whether two characters of three bytes of UTF-8 belong to one script's block: 128 code points for the Indic
    /// scripts, Thai, Lao and the others of U+0800–U+1FFF, the whole of Tibetan (U+0F00–U+0FFF) and Myanmar
    /// (U+1000–U+109F), whose signs lie in the block's second half.
    /// </summary>
    private static bool SameScript(char previous, int codePoint) =>
        (codePoint >> 7) == (previous >> 7)
        || (codePoint is >= 0x0F00 and <= 0x0FFF && previous is >= '\u0F00' and <= '\u0FFF')
        || (codePoint is >= 0x1000 and <= 0x109F && previous is >= '\u1000' and <= '\u109F');

    /// <summary>
    /// The CJK character whose UTF-8 bytes match <paramref name="pattern"/> (<see cref="Unknown"/> matches any
    /// byte): where <paramref name="atEnd"/> (at the end of CJK text), the one <see cref="CjkEndings"/> weighs
    /// highest between <paramref name="previous"/> (and <paramref name="beforePrevious"/> before it; or
    /// <paramref name="endingPrevious"/>, the character before the run where the run has none, '\n' at the line start)
    /// and <paramref name="after"/>; else, or when it knows none there,
    /// the one whose pairs with <paramref name="previous"/> and with <paramref name="following"/> (where known) rank
    /// best together, else the most frequent one, or -1. The table is
    /// walked in rank order, so the first match is the most frequent. Only characters of the line's written
    /// <paramref name="form"/> of Chinese are weighed where one fits (装, not 裝, in simplified text).
    /// </summary>
    private static int BestFit(ReadOnlySpan<short> pattern, char previous, DoubleByteCodePage page, int next, bool atEnd = false, int lostBefore = -1,
        int after = -1, char beforePrevious = '\0', char following = '\0', char endingPrevious = '\0', int form = CjkVariants.None)
    {
        endingPrevious = endingPrevious == '\0' ? previous : endingPrevious;
        if (pattern.Length != 3)
        {
            return -1; // every ranked character is three bytes of UTF-8 (U+3000–U+FFEF)
        }

        ReadOnlySpan<byte> utf8 = CjkFrequency.Utf8ByRank;
        int best = -1, bestPair = int.MaxValue, ending = -1;
        bool otherForm = false;
        double bestEnding = double.NegativeInfinity;
        for (int r = 0; r < CjkFrequency.Count; r++)
        {
            int at = r * 3;
            if ((pattern[0] < 0 || pattern[0] == utf8[at]) && (pattern[1] < 0 || pattern[1] == utf8[at + 1])
                && (pattern[2] < 0 || pattern[2] == utf8[at + 2]))
            {
                // A byte the decoder read as a character (with the byte after it) was not lost.
                // (The first lost byte and the one after it; a second lost byte went with the first, as its trail.)
                int p = pattern[0] < 0 ? 0 : pattern[1] < 0 ? 1 : 2;
                if (lostBefore >= 0 ? page.Reads(lostBefore, utf8[at]) || (pattern[1] < 0 && page.Reads(utf8[at + 1], utf8[at + 2]))
                    // (Shift_JIS: the lead was the trail of the byte before, and the continuations, where unknown, a pair too)
                    : next == AnyCjkLead ? ReadsBeforeEveryCjkLead(page, utf8[at + p]) : page.Reads(utf8[at + p], p < 2 ? utf8[at + p + 1] : next))
                {
                    continue;
                }

                char c = CjkFrequency.CharAt(r);
                if (CjkVariants.IsOtherForm(c, form))
                {
                    otherForm = true; // (taken only where no character of the line's own form fits)
                    continue;
                }

                best = best < 0 ? c : best;
                int pair = previous == '\0' ? -1 : CjkFrequency.PairRankOf(previous, c);
                int pairAfter = following == '\0' ? -1 : CjkFrequency.PairRankOf(c, following);
                // Both sides where both are known: the ranks added, a pair the table lacks ranked past its last.
                pair = pair < 0 && pairAfter < 0 ? -1
                    : (pair < 0 ? CjkFrequency.PairCount : pair) + (following == '\0' ? 0 : pairAfter < 0 ? CjkFrequency.PairCount : pairAfter);
                if (pair >= 0 && pair < bestPair)
                {
                    bestPair = pair;
                    best = c;
                }

                double weight = atEnd ? CjkEndings.Weigh(c, beforePrevious, endingPrevious, after) : double.NegativeInfinity;
                if (weight > bestEnding)
                {
                    bestEnding = weight;
                    ending = c;
                }
            }
        }

        return ending >= 0 ? ending : best >= 0 || !otherForm ? best
            : BestFit(pattern, previous, page, next, atEnd, lostBefore, after, beforePrevious, following, endingPrevious);
    }

    /// <summary>The line's <see cref="FormOfLine"/>, read at the first call (<paramref name="form"/> -1 until then).</summary>
    private static int FormOf(ref int form, ByteReader reader) => form >= 0 ? form : form = FormOfLine(reader.Line, reader.Page);

    /// <summary>
    /// What follows a character lost at the end of CJK text, as <see cref="CjkEndings"/> counts it: the ASCII
    /// character the marker took along (<paramref name="swallowed"/>) or the one after it, or the next word's first
    /// CJK character where that is a space; U+0000 at the end of the text; -1 when not known.
    /// </summary>
    private static int After(ByteReader reader, int swallowed)
    {
        int ascii = swallowed;
        if (ascii < 0)
        {
            if (reader.AtEnd)
            {
                return 0;
            }

            ascii = reader.Peek();
            if (ascii is < 0 or >= 0x80)
            {
                return -1;
            }

            reader.Advance();
        }

        if (ascii is not (' ' or '('))
        {
            return ascii;
        }

        // The next character's three bytes, where the page read them all; where it lost the last one too (a word of
        // one syllable before a space: 알 수 있), the likeliest character of the first two. After '(' too: Korean
        // writes a particle's other form so (이(가), 을(를)).
        int cp = 0, first = 0;
        for (int k = 0; k < 3; k++, reader.Advance())
        {
            int b = reader.Peek();
            if (k == 2 && b is not (>= 0x80 and <= 0xBF) && reader.OnCharBoundary && !reader.AtEnd && reader.PeekChar() == reader.Page.LostByte)
            {
                return MostFrequentOf(first, 0x80 | (cp & 0x3F)) is int likeliest and >= 0 ? likeliest : ascii;
            }

            if (k == 0 ? b is < 0xE3 or > 0xEF : b is < 0x80 or > 0xBF)
            {
                return ascii;
            }

            first = k == 0 ? b : first;
            cp = k == 0 ? b & 0x0F : cp << 6 | (b & 0x3F);
        }

        return CjkFrequency.IsCjk(cp) ? cp : ascii;
    }

    /// <summary>
    /// The full-width form (U+FF01–U+FF5E, EF BC or EF BD and one more byte) likeliest to end CJK text after the
    /// characters <paramref name="output"/> ends with, of those whose first two bytes the page reads as no pair and
    /// whose last it cannot read alone, or with <paramref name="taken"/>, the ASCII character the second marker took
    /// along inside the text (<see cref="CjkEndings"/>, before it; else the most frequent), or -1.
    /// </summary>
    private static int FullWidthAtEnd(DoubleByteCodePage page, char[] output, int length, int taken = -1)
    {
        int best = -1;
        double bestWeight = double.NegativeInfinity;
        for (int r = 0; r < CjkFrequency.Count; r++)
        {
            char c = CjkFrequency.CharAt(r);
            int second = 0x80 | ((c >> 6) & 0x3F), last = 0x80 | (c & 0x3F);
            if (c is < '\uFF01' or > '\uFF5E' || page.Reads(0xEF, second) || page.Reads(last, taken))
            {
                continue;
            }

            best = best < 0 ? c : best;
            double weight = CjkEndings.Weigh(c, length >= 2 ? output[length - 2] : '\0', output[length - 1], taken < 0 ? 0 : taken);
            if (weight > bestWeight)
            {
                bestWeight = weight;
                best = c;
            }
        }

        return best;
    }

    /// <summary>The CJK character whose three bytes come next, where the page read them all, else U+0000.</summary>
    private static char NextCjk(ByteReader reader)
    {
        int cp = 0;
        for (int k = 0; k < 3; k++, reader.Advance())
        {
            int b = reader.AtEnd ? -1 : reader.Peek();
            if (k == 0 ? b is < 0xE3 or > 0xEF : b is < 0x80 or > 0xBF)
            {
                return '\0';
            }

            cp = k == 0 ? b & 0x0F : cp << 6 | (b & 0x3F);
        }

        return CjkFrequency.IsCjk(cp) ? (char)cp : '\0';
    }

    /// <summary>
    /// The character of two or three bytes whose UTF-8 comes next, where the page read them all (the first letter of a
    /// next word in Greek, Cyrillic, Georgian, Indic… script), else U+0000.
    /// </summary>
    private static char NextLetter(ByteReader reader)
    {
        int b = reader.AtEnd ? -1 : reader.Peek();
        int need = b is >= 0xC2 and <= 0xDF ? 2 : b is >= 0xE0 and <= 0xEF ? 3 : 0;
        int cp = need == 2 ? b & 0x1F : b & 0x0F;
        for (int k = 1; k < need; k++)
        {
            reader.Advance();
            int c = reader.AtEnd ? -1 : reader.Peek();
            if (c is < 0x80 or > 0xBF)
            {
                return '\0';
            }

            cp = cp << 6 | (c & 0x3F);
        }

        return need == 0 || cp < 0x80 || (need == 3 && cp < 0x800) || cp is >= 0xD800 and <= 0xDFFF ? '\0' : (char)cp;
    }

    /// <summary>
    /// The likeliest CJK character whose lead went into Shift_JIS's marker (hidesLead) and whose two continuations
    /// come next: ィ of セキュリティ after the marker that holds テ's last byte and ィ's E3. U+0000 where none is ranked.
    /// </summary>
    private static char LikeliestEndingIn(ByteReader reader) =>
        reader.PeekAfter() is int third and >= 0x80 and <= 0xBF && MostFrequentOf(-1, reader.Peek(), third) is int c and >= 0 ? (char)c : '\0';

    /// <summary>The reader moved past its next character.</summary>
    private static ByteReader Past(ByteReader reader)
    {
        reader.Advance();
        return reader;
    }

    /// <summary>The most frequent ranked character whose three UTF-8 bytes are these (-1: any), or -1.</summary>
    private static int MostFrequentOf(int first, int second, int third = -1)
    {
        ReadOnlySpan<byte> utf8 = CjkFrequency.Utf8ByRank;
        for (int at = 0; at + 2 < utf8.Length; at += 3)
        {
            if ((first < 0 || utf8[at] == first) && (second < 0 || utf8[at + 1] == second) && (third < 0 || utf8[at + 2] == third))
            {
                return CjkFrequency.CharAt(at / 3);
            }
        }

        return -1;
    }

    /// <summary>The character <paramref name="back"/> places before the next one of a run: in its output, else in the line before it ('\0' at the start).</summary>
    private static char Before(ReadOnlySpan<char> before, char[] output, int length, int back) =>
        length >= back ? output[length - back] : back - length <= before.Length ? before[^(back - length)] : '\0';

    /// <summary>
    /// The last byte of a letter outside the CJK table (Cyrillic, Indic, Georgian, Vietnamese…) whose other bytes were
    /// read (<paramref name="second"/> -1 for a letter of two bytes): such a byte is lost only where the letter ends a
    /// stretch, so the likeliest letter to end one after the characters <paramref name="before"/> it (up to four, the
    /// nearest last: <see cref="LetterEndings.Chance"/>, which weighs the shorter histories in where the longer ones
    /// were seen little); where the letter <paramref name="endsWord"/> and <paramref name="before"/> holds its word from
    /// the start, the whole words that begin so (<see cref="WordEndings"/>), and, where one space parts it from a whole
    /// word before, the words seen after that one (<see cref="WordEndings.ChanceAfter"/>: Gói bị hỏng, not bộ).
    /// -1 when none was ever seen ending one. <paramref name="fromLineStart"/>: <paramref name="before"/> begins the line.
    /// </summary>
    private static int BestEnding(int first, int second, ReadOnlySpan<char> before, bool endsWord, bool fromLineStart, int following,
        DoubleByteCodePage page, int next, CyrillicAlphabets.Alphabet alphabet)
    {
        int wordStart = before.Length;
        while (wordStart > 0 && WordEndings.IsWordChar(before[wordStart - 1]))
        {
            wordStart--;
        }

        ReadOnlySpan<char> word = before[wordStart..];
        bool known = endsWord && (wordStart > 0 || fromLineStart); // where the word began
        uint wordHash = known && following > 0 ? WordEndings.Hash(word) : 0; // (the next word's letters weigh only then)

        // The word before, where one space separates the two and it is read from its first letter: the pair weighs in.
        uint phrase = 0;
        if (known && wordStart >= 2 && before[wordStart - 1] == ' ' && WordEndings.IsWordChar(before[wordStart - 2]))
        {
            int p = wordStart - 1;
            while (p > 0 && WordEndings.IsWordChar(before[p - 1]))
            {
                p--;
            }

            phrase = p > 0 || fromLineStart ? WordEndings.PhraseHash(before[p..(wordStart - 1)], word) : 0;
        }

        bool whole = known && !word.IsEmpty; // (a word of the lost letter alone is left to LetterEndings: the table did worse there)

        bool afterLetter = before.Length > 0 && (char.IsLetter(before[^1]) // a mark needs one (a surrogate is none)
            || CharUnicodeInfo.GetUnicodeCategory(before[^1]) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark);
        int best = -1;
        double bestChance = 0;
        for (int last = 0x80; last <= 0xBF; last++)
        {
            int cp = second < 0 ? Detection.Sequence.DecodeUtf8((uint)(first | last << 8), 2) : Detection.Sequence.DecodeUtf8((uint)(first | second << 8 | last << 16), 3);
            if (cp < 0 || page.Reads(last, next) || CyrillicAlphabets.Lacks(alphabet, (char)cp) || (!afterLetter && IsMark(new System.Text.Rune(cp)))
                || (afterLetter && OtherIndicScript(before[^1], cp)))
            {
                continue; // no character, a byte the decoder would have read, a letter the line's alphabet lacks, a mark on
                          // nothing, or a letter or mark of another Indic script than the letter it follows
            }

            double chance = LetterEndings.Chance(before, (char)cp);
            if (whole)
            {
                chance = WordEndings.Chance(word, (char)cp, chance);
            }

            if (phrase != 0)
            {
                chance = WordEndings.ChanceAfter(phrase, (char)cp, chance);
            }

            if (known && following > 0)
            {
                chance *= WordEndings.FollowerFactor(WordEndings.Step(wordHash, (char)cp), following);
            }

            if (chance > bestChance)
            {
                bestChance = chance;
                best = cp;
            }
        }

        return best;
    }

    /// <summary>
    /// After a marker that stood for the second byte (81–9F, a lead to Shift_JIS) of a letter of two UTF-8 bytes
    /// whose lead (<paramref name="lead"/>) was read: reads the markers that follow it (each one the lead of a next
    /// letter lost with the second byte before it, and that letter's second byte with what followed) and what the
    /// last one took along: the next letter's lead where its continuation follows, else an ASCII character, or
    /// nothing at the end. Writes the likeliest letters (<see cref="LostLetterRun"/>); false when none fits.
    /// </summary>
    private static bool CompleteLostLetters(scoped ref ByteReader reader, int lead, char[] output, ref int length, ReadOnlySpan<char> lineBefore,
        CyrillicAlphabets.Alphabet alphabet)
    {
        DoubleByteCodePage page = reader.Page;
        ByteReader ahead = reader;
        int markers = 1;
        while (!ahead.AtEnd && ahead.PeekChar() == page.LostByte && markers < MaxLostLetters)
        {
            ahead.Advance();
            markers++;
        }

        int continuation = ahead.Peek() is int c and >= 0x80 and <= 0xBF ? c : -1;
        if (continuation < 0 && !ahead.AtEnd && ahead.PeekChar() == page.LostByte)
        {
            return false; // (more markers than a run of letters is read for)
        }

        int swallowed = continuation >= 0 ? -1
            : !ahead.AtEnd ? SwallowedAscii.Before(ahead.PeekChar(), ahead.PeekCharAfter(), afterLetter: true)
            : SwallowedAtEnd(lineBefore, output.AsSpan(0, length));
        if (continuation >= 0)
        {
            ahead.Advance();
        }

        // Where the letters go on in their word, the rest of it, so that the whole word is weighed (хранения, not франения).
        Span<char> rest = stackalloc char[WordEndings.LongestStart + 1];
        int lastLead = -1;
        int restLength = continuation >= 0 ? RestOfWord(ahead, rest, out lastLead) : -1;
        Span<char> letters = stackalloc char[MaxLostLetters + 1];
        int count = LostLetterRun(lead, output.AsSpan(0, length), lineBefore, page, markers, ref swallowed, continuation, LetterAt(ref ahead),
            Right.After(ahead), alphabet, letters, new WordRest(rest[..Math.Max(restLength, 0)], restLength >= 0, restLength >= 0 ? lastLead : -1));
        if (count == 0)
        {
            return false;
        }

        letters[..count].CopyTo(output.AsSpan(length));
        length += count;
        if (swallowed >= 0)
        {
            output[length++] = (char)swallowed;
        }

        reader = ahead;
        return true;
    }

    /// <summary>
    /// The rest of a word after lost letters, read at <paramref name="reader"/>: its letters (ASCII, of two bytes or of
    /// three) up to its end (the end of the text, or a character that is no letter), copied into
    /// <paramref name="rest"/>, a few letters lost inside it as placeholders (<see cref="LostSecond"/> and
    /// <see cref="LostLead"/>, <see cref="LostBoth"/>, <see cref="LostThird"/>) that <see cref="SeenCount"/> fills;
    /// its length, or -1 where it cannot be read whole (other lost bytes, more of them, a longer word). Where its last
    /// letter of two bytes lost its second byte to a marker that ends the word, that letter is left out and its lead is
    /// <paramref name="lastLead"/> (else -1).
    /// </summary>
    private static int RestOfWord(ByteReader reader, Span<char> rest, out int lastLead)
    {
        lastLead = -1;
        bool inner = false;
        int wildcards = 0;
        for (int n = 0; ; n++)
        {
            int b = reader.AtEnd ? ' ' : reader.Peek();
            int letter;
            if (b is >= 0 and < 0x80)
            {
                if (!char.IsAsciiLetter((char)b))
                {
                    return n;
                }

                letter = b;
                reader.Advance();
            }
            else if (b is >= 0xC2 and <= 0xDF && reader.PeekAfter() is int c and >= 0x80 and <= 0xBF)
            {
                letter = (b & 0x1F) << 6 | (c & 0x3F);
                if (!WordEndings.IsWordChar((char)letter))
                {
                    return n;
                }

                reader.Advance();
                reader.Advance();
            }
            else if (b is >= 0xC2 and <= 0xDF && reader.PeekAfter() == -2)
            {
                // The second byte went into a marker: the word ends there unless a continuation follows (the
                // marker took the next letter's lead, and the word goes on: one such pair is kept as two
                // placeholders, LostSecond and LostLead, for SeenCount to fill) or another marker.
                reader.Advance();
                reader.Advance();
                if (!reader.AtEnd && reader.Peek() is int next and >= 0x80 and <= 0xBF)
                {
                    if (inner || n + 2 > rest.Length)
                    {
                        return -1;
                    }

                    inner = true;
                    rest[n++] = (char)(LostSecond + b);
                    rest[n] = (char)(LostLead + next);
                    reader.Advance();
                    continue;
                }

                if (!reader.AtEnd && reader.Peek() == -2)
                {
                    return -1;
                }

                lastLead = b;
                return n;
            }
            else if (b is >= 0xE1 and <= 0xEF && reader.PeekAfter() == -2 && wildcards < MaxLostInRest)
            {
                // A letter of three bytes whose two continuations Shift_JIS lost as one pair it does not read (its
                // lead the trail of the character before): a placeholder, LostBoth, for SeenCount to fill.
                wildcards++;
                letter = LostBoth + b;
                reader.Advance();
                reader.Advance();
            }
            else if (b is >= 0xE1 and <= 0xEF && wildcards < MaxLostInRest && reader.PeekAfter() is int second and >= 0x80 and <= 0xBF
                && LostLastByte(ref reader, out int hidden) is var ends and not LostLastEnds.None)
            {
                // A letter of three bytes whose last byte (81–9F) went into a marker: with the space or ASCII
                // character after it where its word ends there, else with the next letter's lead (the same as its
                // own), whose continuations follow: a placeholder, LostThird, for SeenCount to fill.
                wildcards++;
                if (n == rest.Length)
                {
                    return -1;
                }

                rest[n] = (char)(LostThird + ((b & 0x0F) << 6 | (second & 0x3F)));
                if (ends == LostLastEnds.Word)
                {
                    return n + 1;
                }

                n++;
                letter = hidden;
            }
            else if (b is >= 0xE0 and <= 0xEF && ThreeByteChar(reader) is int three and >= 0)
            {
                if (!WordEndings.IsWordChar((char)three))
                {
                    return n; // (punctuation of three bytes ends a word)
                }

                letter = three;
                reader.Advance();
                reader.Advance();
                reader.Advance();
            }
            else
            {
                return -1; // (anything else is not read)
            }

            if (n == rest.Length)
            {
                return -1;
            }

            rest[n] = (char)letter;
        }
    }

    /// <summary>What a marker after a letter's first two bytes (of three) held besides its last byte.</summary>
    private enum LostLastEnds
    {
        None,
        Word,
        NextLetter,
    }

    /// <summary>
    /// At a letter of three bytes whose last byte went into a marker (its first two bytes, then the marker): where
    /// the word ends after it (no continuation after the marker), <see cref="LostLastEnds.Word"/>; where the marker
    /// took the next letter's lead too and its two continuations follow, <see cref="LostLastEnds.NextLetter"/>, that
    /// letter (of the same lead) in <paramref name="next"/>; the reader moved past what was read. Else
    /// <see cref="LostLastEnds.None"/>, the reader where it was.
    /// </summary>
    private static LostLastEnds LostLastByte(ref ByteReader reader, out int next)
    {
        next = -1;
        ByteReader ahead = reader;
        int lead = ahead.Peek();
        ahead.Advance();
        ahead.Advance();
        if (ahead.AtEnd || !ahead.OnCharBoundary || ahead.Peek() != -2)
        {
            return LostLastEnds.None;
        }

        ahead.Advance();
        int c0 = ahead.AtEnd ? -1 : ahead.Peek();
        if (c0 == -2)
        {
            return LostLastEnds.None;
        }

        if (c0 is not (>= 0x80 and <= 0xBF))
        {
            reader = ahead;
            return LostLastEnds.Word;
        }

        ByteReader after = ahead;
        after.Advance();
        int c1 = after.AtEnd ? -1 : after.Peek();
        next = c1 is >= 0x80 and <= 0xBF ? Detection.Sequence.DecodeUtf8((uint)(lead | c0 << 8 | c1 << 16), 3) : -1;
        if (next < 0 || !WordEndings.IsWordChar((char)next))
        {
            return LostLastEnds.None;
        }

        after.Advance();
        reader = after;
        return LostLastEnds.NextLetter;
    }

    // The character of three bytes at the reader, or -1 where its bytes are not all there.
    private static int ThreeByteChar(ByteReader reader)
    {
        int b = reader.Peek();
        reader.Advance();
        int c1 = reader.AtEnd ? -1 : reader.Peek();
        reader.Advance();
        int c2 = reader.AtEnd ? -1 : reader.Peek();
        return c1 is >= 0x80 and <= 0xBF && c2 is >= 0x80 and <= 0xBF ? Detection.Sequence.DecodeUtf8((uint)(b | c1 << 8 | c2 << 16), 3) : -1;
    }

    /// <summary>
    /// The word before a lost letter, for the letter model: up to its last three letters (in <paramref name="output"/>,
    /// then the line before the run), case folded and packed (<see cref="LetterGrams.Pack"/>), after a space where the
    /// word starts; <paramref name="upper"/> when its last two letters are capitals (of a capital and its small letter,
    /// both of which may fit, the case they keep), <paramref name="afterSmall"/> when its last one is small.
    /// </summary>
    private static void WordSoFar(ReadOnlySpan<char> output, ReadOnlySpan<char> lineBefore, out ulong tail, out int tailLength,
        out bool upper, out bool afterSmall)
    {
        Span<char> word = stackalloc char[LetterGrams.Order - 1];
        int n = 0;
        for (int k = 1; n < word.Length && k <= output.Length + lineBefore.Length; k++, n++)
        {
            char c = k <= output.Length ? output[^k] : lineBefore[^(k - output.Length)];
            if (!IsWordChar(c))
            {
                break;
            }

            word[word.Length - 1 - n] = c;
        }

        tail = 0;
        tailLength = 0;
        if (n < word.Length)
        {
            tail = LetterGrams.Pack(tail, ref tailLength, ' ');
        }

        foreach (char c in word[^n..])
        {
            tail = LetterGrams.Pack(tail, ref tailLength, char.ToLowerInvariant(c));
        }

        upper = n >= 2 && char.IsUpper(word[^1]) && char.IsUpper(word[^2]);
        afterSmall = n > 0 && char.IsLower(word[^1]);
    }

    /// <summary>
    /// The word before a lost letter, whole (from its first letter: in <paramref name="output"/>, then the line before
    /// the run), copied into <paramref name="word"/>; its length, or -1 where it is longer than <paramref name="word"/>.
    /// </summary>
    private static int WholeWordBefore(ReadOnlySpan<char> output, ReadOnlySpan<char> lineBefore, Span<char> word)
    {
        int n = 0;
        for (int k = 1; k <= output.Length + lineBefore.Length; k++, n++)
        {
            char c = k <= output.Length ? output[^k] : lineBefore[^(k - output.Length)];
            if (!WordEndings.IsWordChar(c))
            {
                break;
            }

            if (n == word.Length)
            {
                return -1;
            }
        }

        for (int k = 1; k <= n; k++)
        {
            word[n - k] = k <= output.Length ? output[^k] : lineBefore[^(k - output.Length)];
        }

        return n;
    }

    /// <summary>
    /// Whether markers at <paramref name="i"/>, at a word's start, stand before a two-byte letter the page read: for a
    /// page that <see cref="DoubleByteCodePage.LosesPairs"/>, letters of the word lost whole (a question mark is
    /// not followed by a letter).
    /// </summary>
    private static bool StartsLostPairs(ReadOnlySpan<char> line, int i, DoubleByteCodePage page)
    {
        if (!page.LosesPairs || line[i] != page.LostByte || (i > 0 && (char.IsLetterOrDigit(line[i - 1]) || line[i - 1] == page.LostByte)))
        {
            return false;
        }

        int j = i;
        while (j < line.Length && line[j] == page.LostByte && j - i < MaxLostPairs)
        {
            j++;
        }

        return j < line.Length && page.BytesOf(line[j]) is var bytes && bytes >> 8 is >= 0xC2 and <= 0xDF && (bytes & 0xFF) is >= 0x80 and <= 0xBF;
    }

    // Latin words take lost letters inside only: at a word's edge a Latin marker is as likely a question mark
    // (Turkish mı?), and the letter after tells too little of the block of the one before it (Vietnamese đư).
    private const char FirstNonLatin = '\u0370';

    private const int MaxLostPairs = 4; // markers in a row read as letters lost whole (a bound on the work per marker)

    /// <summary>A letter (or mark) of two UTF-8 bytes: U+0080–U+07FF.</summary>
    private static bool IsTwoByteLetter(char c) => c is >= '\u0080' and < '\u0800' && IsWordChar(c);

    /// <summary>
    /// In a word of two-byte letters, at markers of a page that <see cref="DoubleByteCodePage.LosesPairs"/>: each marker
    /// is a letter of two UTF-8 bytes whose pair the page lacks (Cyrillic р–я, Greek π–ω, Arabic ل م ن…), where a
    /// letter follows them (a two-byte one the page read, or an ASCII one; a marker before a space or the end may
    /// be a question mark, taken only where the letter model finds letters likelier than the word's end there, and
    /// only in Greek, Cyrillic and the scripts after them). Also at a word's start (a run there begins at its markers,
    /// <see cref="StartsLostPairs"/>), a capital where a sentence starts. Writes the likeliest such letters by the
    /// letter model, after the word so far and before what follows, each of the block of the letter beside it (a lead
    /// one apart at most); false when none fits.
    /// </summary>
    private static bool CompleteLostPairs(scoped ref ByteReader reader, char[] output, ref int length, ReadOnlySpan<char> lineBefore,
        CyrillicAlphabets.Alphabet alphabet)
    {
        DoubleByteCodePage page = reader.Page;
        ByteReader ahead = reader;
        int markers = 0;
        while (!ahead.AtEnd && ahead.OnCharBoundary && ahead.PeekChar() == page.LostByte)
        {
            if (++markers > MaxLostPairs)
            {
                return false;
            }

            ahead.Advance();
        }

        // What follows: a letter, or the word's end (ASCII other than a letter or digit, or the end of the text).
        int b = ahead.Peek(), after;
        if (b is >= 0xC2 and <= 0xDF && ahead.PeekAfter() is int c and >= 0x80 and <= 0xBF && IsTwoByteLetter((char)((b & 0x1F) << 6 | (c & 0x3F))))
        {
            after = (b & 0x1F) << 6 | (c & 0x3F);
        }
        else if (b is >= 0 and < 0x80 && char.IsAsciiLetter((char)b))
        {
            after = b;
        }
        else if (length > 0 && output[length - 1] >= FirstNonLatin && (ahead.AtEnd || (b is >= 0 and < 0x80 && !char.IsAsciiLetterOrDigit((char)b))))
        {
            after = ' ';
        }
        else
        {
            return false;
        }

        // The block of the letter before, or at a word's start of the letter after.
        int lead = length > 0 ? 0xC0 | output[length - 1] >> 6 : after >= FirstNonLatin ? 0xC0 | after >> 6 : -1;
        WordSoFar(output.AsSpan(0, length), lineBefore, out ulong start, out int startLength, out bool upper, out bool afterSmall);
        if (length == 0)
        {
            // At a word's start: a capital where a sentence starts (the line's start, or after . ! ? :), else a small letter.
            ReadOnlySpan<char> before = lineBefore.TrimEnd();
            upper = before.IsEmpty || before[^1] is '.' or '!' or '?' or ':' or '\n' or '\r';
            afterSmall = !upper;
        }

        Span<char> letters = stackalloc char[MaxLostPairs];
        Right right = after == ' ' ? Right.WordEnd : Right.After(ahead);
        if (lead < 0 || !SearchLostPairs(lead, start, startLength, upper, afterSmall, page, markers, right, alphabet, letters, out double score, length == 0))
        {
            return false;
        }

        if (after == ' ' && score <= Math.Log(LetterGrams.Chance(start, startLength, ' ')))
        {
            return false; // the word is likelier to end before the markers: a question mark
        }

        letters[..markers].CopyTo(output.AsSpan(length));
        length += markers;
        reader = ahead;
        return true;
    }

    // A beam search, as SearchLostLetters: each step one letter the page loses whole, of the lead's block.
    private static bool SearchLostPairs(int lead, ulong start, int startLength, bool upper, bool afterSmall, DoubleByteCodePage page, int markers,
        Right right, CyrillicAlphabets.Alphabet alphabet, Span<char> letters, out double score, bool wordStart)
    {
        // The same words come back (each line is read by several passes and pages): the decision is kept (Decisions).
        ulong context = start | (ulong)lead << 48 | (upper ? 1UL : 0) << 56 | (ulong)markers << 57 | (afterSmall ? 1UL : 0) << 62 | (wordStart ? 1UL : 0) << 63;
        ulong shape = (ulong)alphabet << 16 | (ulong)page.CodePage << 24;
        ref Decision decision = ref Decisions.For(context, shape, right, out bool known);
        if (!known)
        {
            bool found = SearchLostPairsUncached(lead, start, startLength, upper, afterSmall, page, markers, right, alphabet, letters, out score, wordStart);
            decision = new Decision(context, shape, right, Pack(letters[..(found ? markers : 0)]), found ? markers : 0, score, Swallowed: -1);
        }

        Unpack(decision.Letters, letters[..decision.Count]);
        score = decision.Score;
        return decision.Count > 0;
    }

    /// <summary>A letter a page loses whole, with what the search asks of it, computed once.</summary>
    private readonly record struct LostPairLetter(char Letter, char Folded, bool Upper, bool SmallOfCapital, bool Mark);

    // Per page and lead byte (C2–DF): the letters of the model whose pair (lead, continuation) the page lacks.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<DoubleByteCodePage, LostPairLetter[][]> s_lostPairLetters = new();

    private static LostPairLetter[][] LostPairLettersOf(DoubleByteCodePage page) => s_lostPairLetters.GetOrAdd(page, static page =>
    {
        var byLead = new LostPairLetter[0xE0][];
        for (int l = 0; l < byLead.Length; l++)
        {
            var list = new List<LostPairLetter>();
            for (int second = 0x80; l >= 0xC2 && second <= 0xBF; second++)
            {
                char letter = (char)((l & 0x1F) << 6 | (second & 0x3F));
                if (!page.Reads(l, second) && IsLetterOfModel(letter))
                {
                    list.Add(new LostPairLetter(letter, char.ToLowerInvariant(letter), char.IsUpper(letter),
                        char.IsLower(letter) && char.ToUpperInvariant(letter) != letter, IsMark(new System.Text.Rune(letter))));
                }
            }

            byLead[l] = [.. list];
        }

        return byLead;
    });

    // A beam search, as SearchLostLetters: each step one letter the page loses whole, of the lead's block.
    private static bool SearchLostPairsUncached(int lead, ulong start, int startLength, bool upper, bool afterSmall, DoubleByteCodePage page, int markers,
        Right right, CyrillicAlphabets.Alphabet alphabet, Span<char> letters, out double score, bool wordStart)
    {
        score = double.NegativeInfinity;
        LostPairLetter[][] lostLetters = LostPairLettersOf(page);
        Span<LetterReading> readings = stackalloc LetterReading[(MaxLostPairs + 1) * LetterBeam];
        Span<int> kepts = stackalloc int[MaxLostPairs + 1];
        readings[0] = new(0, start, startLength, -1, '\0', -1);
        kepts[0] = 1;
        for (int step = 0; step < markers; step++)
        {
            int kept = 0;
            ReadOnlySpan<LetterReading> previous = readings.Slice(step * LetterBeam, kepts[step]);
            Span<LetterReading> next = readings.Slice((step + 1) * LetterBeam, LetterBeam);
            for (int r = 0; r < previous.Length; r++)
            {
                LetterReading reading = previous[r];
                for (int l = Math.Max(lead - 1, 0xC2); l <= Math.Min(lead + 1, 0xDF); l++)
                {
                    foreach (LostPairLetter candidate in lostLetters[l])
                    {
                        char letter = candidate.Letter;
                        if (CyrillicAlphabets.Lacks(alphabet, letter) || (candidate.Mark && (char)reading.Tail == ' ')
                            || (candidate.Upper && (step == 0 ? afterSmall || !upper : !char.IsUpper(reading.Letter) || wordStart))
                            || (step == 0 && wordStart && upper && candidate.SmallOfCapital))
                        {
                            continue; // not of the line's alphabet, or the case does not fit the word's
                        }

                        char folded = candidate.Folded;
                        double chance = reading.Score + Math.Log(LetterGrams.Chance(reading.Tail, reading.Length, folded));
                        int length = reading.Length;
                        ulong tail = LetterGrams.Pack(reading.Tail, ref length, folded);
                        if (step == markers - 1)
                        {
                            chance += right.Chance(tail, length);
                        }

                        Keep(next, ref kept, new LetterReading(chance, tail, length, 0, letter, r));
                    }
                }
            }

            if (kept == 0)
            {
                return false;
            }

            kepts[step + 1] = kept;
        }

        ReadOnlySpan<LetterReading> final = readings.Slice(markers * LetterBeam, kepts[markers]);
        int best = 0;
        for (int k = 1; k < final.Length; k++)
        {
            best = final[k].Score > final[best].Score ? k : best;
        }

        score = final[best].Score;
        for (int step = markers; step > 0; step--)
        {
            LetterReading chosen = readings[step * LetterBeam + best];
            letters[step - 1] = chosen.Letter;
            best = chosen.Parent;
        }

        return true;
    }

    /// <summary>
    /// Keeps a reading among a step's best (<paramref name="kept"/> of <paramref name="beam"/> filled): one ending
    /// alike (the model sees three letters back) and with the same second byte keeps the better score only; a full
    /// beam gives its worst up to a better one.
    /// </summary>
    private static void Keep(Span<LetterReading> beam, ref int kept, in LetterReading reading)
    {
        int at = 0;
        while (at < kept && (beam[at].Tail != reading.Tail || beam[at].Second != reading.Second))
        {
            at++;
        }

        if (at == kept)
        {
            if (kept < LetterBeam)
            {
                beam[kept++] = reading;
                return;
            }

            at = WorstOf(beam);
        }

        if (beam[at].Score < reading.Score)
        {
            beam[at] = reading;
        }
    }

    private static int WorstOf(ReadOnlySpan<LetterReading> kept)
    {
        int worst = 0;
        for (int k = 1; k < kept.Length; k++)
        {
            worst = kept[k].Score < kept[worst].Score ? k : worst;
        }

        return worst;
    }

    private const int MaxLostLetters = 16; // markers in a row read as letters (a bound on the work per marker)

    private const int LetterBeam = 16; // readings kept per lost letter

    /// <summary>
    /// One partial reading of lost letters: its log chance, its last letters (case folded, packed as
    /// <see cref="LetterGrams.Pack"/> makes them, <paramref name="Length"/> of them), the last second byte, the
    /// letter it chose and the reading of the step before it came from.
    /// </summary>
    private readonly record struct LetterReading(double Score, ulong Tail, int Length, int Second, char Letter, int Parent);

    /// <summary>
    /// The likeliest letters behind <paramref name="markers"/> markers after a letter's lead <paramref name="lead"/>:
    /// each letter of two UTF-8 bytes with a second byte 81–9F that Shift_JIS read as a lead and lost with the byte
    /// after it, the next letter's lead (one of a block beside <paramref name="lead"/>, a word keeping to its
    /// script) or, for the last one, an ASCII character (<paramref name="swallowed"/>: the likeliest one below
    /// U+0040 on the way in, where the word ends; a letter the page loses with that second byte where the word goes
    /// on; -1: nothing, at the end) or, where <paramref name="continuation"/> is given (80–BF), the lead of one more
    /// letter, chosen with them. By the letter model (<see cref="LetterGrams"/>), a beam search, after the word's
    /// letters so far (in <paramref name="output"/>, then the line before the run) and before
    /// <paramref name="after"/> (the letter after all that, a space for a word's end, -1 unknown).
    /// Returns the number of letters written to <paramref name="letters"/>, 0 when none fits.
    /// </summary>
    private static int LostLetterRun(int lead, ReadOnlySpan<char> output, ReadOnlySpan<char> lineBefore, DoubleByteCodePage page, int markers,
        ref int swallowed, int continuation, int after, Right right, CyrillicAlphabets.Alphabet alphabet, Span<char> letters, WordRest rest)
    {
        WordSoFar(output, lineBefore, out ulong start, out int startLength, out bool upper, out bool afterSmall);
        int steps = markers + (continuation >= 0 ? 1 : 0);
        Span<char> word = stackalloc char[WordEndings.LongestStart];

        // Letters inside a word read whole on both sides: the words seen weigh them (SearchLostLetters), so the
        // search depends on the whole word and is not kept.
        if (continuation >= 0 && rest.Known && WholeWordBefore(output, lineBefore, word) is int wordBefore and >= 0
            && wordBefore + steps + rest.Letters.Length <= WordEndings.LongestStart + 1)
        {
            return SearchLostLetters(lead, start, startLength, upper, afterSmall, page, markers, ref swallowed, continuation, after, right, alphabet, letters,
                word[..wordBefore], rest: rest);
        }

        // The same words come back (and each line is read more than once): the decision is kept (Decisions), where
        // its letters fit an entry. (Bit 40 of the shape sets these decisions apart from SearchLostPairs'.)
        ulong context = start | (ulong)lead << 48 | (upper ? 1UL : 0) << 56 | (ulong)markers << 57 | (afterSmall ? 1UL : 0) << 62;
        ulong shape = (ushort)after | (ulong)((continuation + 1) & 0x1FF) << 16 | (ulong)((swallowed + 1) & 0xFF) << 25 | 1UL << 40 | (ulong)alphabet << 41;
        // Letters that end a word which began further back than the letter model sees: the whole word is weighed too
        // (удалось, not удалося). Such a search depends on the whole word, so it is not kept.
        int wordLength = continuation < 0 ? WholeWordBefore(output, lineBefore, word) : -1;
        if (steps > Decision.MaxLetters || wordLength + steps - 1 >= LetterGrams.Order - 1)
        {
            return SearchLostLetters(lead, start, startLength, upper, afterSmall, page, markers, ref swallowed, continuation, after, right, alphabet, letters,
                word[..Math.Max(wordLength, 0)]);
        }

        // A word of one letter: the word before it weighs it too (Ukrainian не є, помилка у), so not kept either.
        if (steps == 1 && continuation < 0 && wordLength == 0 && lead is 0xD0 or 0xD1)
        {
            Span<char> tail = stackalloc char[32];
            int n = Math.Min(output.Length, tail.Length);
            int m = Math.Min(lineBefore.Length, tail.Length - n);
            lineBefore[^m..].CopyTo(tail);
            output[^n..].CopyTo(tail[m..]);
            uint previousWord = OneLetterWords.PreviousWord(tail[..(m + n)]);
            if (previousWord != 0)
            {
                return SearchLostLetters(lead, start, startLength, upper, afterSmall, page, markers, ref swallowed, continuation, after, right, alphabet, letters,
                    previousWord: previousWord);
            }
        }

        ref Decision decision = ref Decisions.For(context, shape, right, out bool known);
        if (!known)
        {
            int count = SearchLostLetters(lead, start, startLength, upper, afterSmall, page, markers, ref swallowed, continuation, after, right, alphabet, letters);
            decision = new Decision(context, shape, right, Pack(letters[..count]), count, Score: 0, swallowed);
        }

        Unpack(decision.Letters, letters[..decision.Count]);
        swallowed = decision.Swallowed;
        return decision.Count;
    }

    /// <summary>
    /// A lost-letter search's result, by all it depends on (<paramref name="Context"/>: the word so far and its case;
    /// <paramref name="Shape"/>: the bytes around, the page, the alphabet; <paramref name="Right"/>: the letters
    /// after): up to <see cref="MaxLetters"/> letters.
    /// </summary>
    private readonly record struct Decision(ulong Context, ulong Shape, Right Right, ulong Letters, int Count, double Score, int Swallowed)
    {
        internal const int MaxLetters = 4; // (16 bits each in Letters)
    }

    /// <summary>
    /// The same words come back (each line is read by several passes and pages): the searches keep their decisions
    /// per thread in a small table indexed by a hash, each entry checked against all it depends on.
    /// </summary>
    private static class Decisions
    {
        private const int Bits = 10;

        [ThreadStatic]
        private static Decision[]? t_table;

        /// <summary>The entry for a search: <paramref name="known"/> where it holds that search's result, else to fill.</summary>
        internal static ref Decision For(ulong context, ulong shape, Right right, out bool known)
        {
            var table = t_table ??= new Decision[1 << Bits];
            ulong hash = context * 0x9E3779B97F4A7C15UL ^ shape * 0xC2B2AE3D27D4EB4FUL ^ right.Letters * 0x165667B19E3779F9UL;
            ref Decision entry = ref table[(int)(hash >> (64 - Bits))];
            known = entry.Shape == shape && entry.Context == context && entry.Right == right; // (a shape is never 0: an empty entry matches nothing)
            return ref entry;
        }
    }

    private static ulong Pack(ReadOnlySpan<char> letters)
    {
        ulong packed = 0;
        for (int k = 0; k < letters.Length; k++)
        {
            packed |= (ulong)letters[k] << (16 * k);
        }

        return packed;
    }

    private static void Unpack(ulong packed, Span<char> letters)
    {
        for (int k = 0; k < letters.Length; k++)
        {
            letters[k] = (char)(packed >> (16 * k));
        }
    }

    // The search itself, from the word's start (packed) on.
    private static int SearchLostLetters(int lead, ulong start, int startLength, bool upper, bool afterSmall, DoubleByteCodePage page, int markers,
        ref int swallowed, int continuation, int after, Right right, CyrillicAlphabets.Alphabet alphabet, Span<char> letters, ReadOnlySpan<char> word = default,
        uint previousWord = 0, WordRest rest = default)
    {
        int steps = markers + (continuation >= 0 ? 1 : 0);
        // The readings kept after each step, LetterBeam slots per step, on the stack (steps are at most
        // MaxLostLetters + 1), the first kepts[step] of them filled.
        Span<LetterReading> readings = stackalloc LetterReading[(steps + 1) * LetterBeam];
        Span<int> kepts = stackalloc int[steps + 1];
        readings[0] = new(0, start, startLength, -1, '\0', -1);
        kepts[0] = 1;
        for (int step = 0; step < steps; step++)
        {
            bool last = continuation >= 0 && step == steps - 1; // the letter whose continuation was read
            int kept = 0;
            ReadOnlySpan<LetterReading> previous = readings.Slice(step * LetterBeam, kepts[step]);
            Span<LetterReading> next = readings.Slice((step + 1) * LetterBeam, LetterBeam);
            for (int r = 0; r < previous.Length; r++)
            {
                LetterReading reading = previous[r];
                int fromLead = step == 0 ? lead : FirstLeadBeside(lead);
                int toLead = step == 0 ? lead : LastLeadBeside(lead);
                for (int l = fromLead; l <= toLead; l++)
                {
                    if (step > 0 && page.Reads(reading.Second, l))
                    {
                        continue; // the second byte before would have made a character with this lead
                    }

                    for (int second = last ? continuation : 0x81; second <= (last ? continuation : 0x9F); second++)
                    {
                        char letter = (char)((l & 0x1F) << 6 | (second & 0x3F));
                        if (!IsLetterOfModel(letter) || CyrillicAlphabets.Lacks(alphabet, letter) || (IsMark(new System.Text.Rune(letter)) && (char)reading.Tail == ' ')
                            || (!last && char.IsUpper(letter) != upper && HasOtherCase(l, second))
                            || (char.IsUpper(letter) && (step == 0 ? afterSmall : char.IsLower(reading.Letter)))) // (no capital after a small letter: пуст, not пусК)
                        {
                            continue;
                        }

                        char folded = char.ToLowerInvariant(letter);
                        double score = reading.Score + Math.Log(LetterGrams.Chance(reading.Tail, reading.Length, folded));
                        int length = reading.Length;
                        ulong tail = LetterGrams.Pack(reading.Tail, ref length, folded);
                        if (last && after >= 0)
                        {
                            score += right.Chance(tail, length);
                        }

                        // (The next lead depends on the second byte: readings differing there are kept apart.)
                        Keep(next, ref kept, new LetterReading(score, tail, length, last ? 0 : second, letter, r));
                    }
                }
            }

            if (kept == 0)
            {
                return 0;
            }

            kepts[step + 1] = kept;
        }

        // What the last marker took along: nothing where a letter's continuation came after it; else the word ends
        // there (with the ASCII character guessed, or at the end of the text), or goes on with an ASCII letter the
        // page loses with the last second byte (ą before t: 85 74; not before a capital inside a word of small
        // letters: ÉTRUE is É TRUE).
        ReadOnlySpan<LetterReading> final = readings.Slice(steps * LetterBeam, kepts[steps]);
        int best = -1, bestSwallowed = swallowed;
        double top = double.NegativeInfinity;
        bool oneLetterWord = steps == 1 && continuation < 0 && startLength == 1 && (char)start == ' ' && lead is 0xD0 or 0xD1;

        bool lettersMayFollow = swallowed >= 0 && after != -1 && !(char.IsUpper((char)after) && !upper)
            && lead <= 0xCA; // (a Latin letter, U+0080–U+02BF: a word of another script takes no ASCII letter in)

        // Where the word's start is known (the letters before the run, and the lost ones before the last), the words
        // that begin so weigh its last letter (WordEndings), smoothed toward the letter model's share of that letter
        // among the endings of the same start (the readings of one parent).
        bool wholeWord = !word.IsEmpty && continuation < 0 && !lettersMayFollow;
        Span<double> endings = stackalloc double[LetterBeam];
        endings.Clear();
        ReadOnlySpan<LetterReading> parents = readings.Slice((steps - 1) * LetterBeam, kepts[steps - 1]);
        for (int r = 0; wholeWord && r < final.Length; r++)
        {
            endings[final[r].Parent] += page.Reads(final[r].Second, swallowed) ? 0
                : Math.Exp(final[r].Score - parents[final[r].Parent].Score) * LetterGrams.Chance(final[r].Tail, final[r].Length, ' ');
        }

        Span<char> wordStart = stackalloc char[word.Length + steps + rest.Letters.Length];
        word.CopyTo(wordStart);
        bool weighed = continuation >= 0 && rest.Known && Lookups(rest.Letters, page, '\0') <= MaxLookups;
        if (weighed)
        {
            best = BestWholeWord(final, readings, steps, wordStart, word.Length, rest, page);
        }

        for (int r = 0; r < final.Length && !weighed; r++)
        {
            LetterReading reading = final[r];
            if (continuation >= 0)
            {
                if (reading.Score > top)
                {
                    (top, best) = (reading.Score, r);
                }

                continue;
            }

            if (!page.Reads(reading.Second, swallowed))
            {
                // A word of one letter is weighed by the words of one letter its alphabet writes (с in Russian and
                // Bulgarian, у in Ukrainian), which the letter model, learned from every alphabet together, does not tell.
                double ends = (oneLetterWord ? Math.Log(OneLetterWords.Chance(alphabet, reading.Letter, previousWord))
                    : wholeWord && endings[reading.Parent] > 0 ? WholeWordEnding(reading, steps, readings, wordStart, word.Length, endings[reading.Parent])
                    : reading.Score + Math.Log(LetterGrams.Chance(reading.Tail, reading.Length, ' ')))
                    + (after > ' ' ? right.Chance(' ', 1) : 0);
                if (ends > top)
                {
                    (top, best, bestSwallowed) = (ends, r, swallowed);
                }
            }

            for (int ascii = 'a'; lettersMayFollow && ascii <= 'z'; ascii++)
            {
                int taken = upper ? char.ToUpperInvariant((char)ascii) : ascii;
                if (page.Reads(reading.Second, taken))
                {
                    continue;
                }

                int length = reading.Length;
                ulong tail = LetterGrams.Pack(reading.Tail, ref length, (char)ascii);
                double goes = reading.Score + Math.Log(LetterGrams.Chance(reading.Tail, reading.Length, (char)ascii))
                    + right.Chance(tail, length);
                if (goes > top)
                {
                    (top, best, bestSwallowed) = (goes, r, taken);
                }
            }
        }

        if (best < 0)
        {
            return 0;
        }

        for (int step = steps, slot = best; step > 0; step--)
        {
            LetterReading chosen = readings[(step * LetterBeam) + slot];
            letters[step - 1] = chosen.Letter;
            slot = chosen.Parent;
        }

        swallowed = bestSwallowed;
        return steps;
    }

    /// <summary>
    /// Of the readings of lost letters inside a word known on both sides (<paramref name="wordStart"/>: its first
    /// <paramref name="known"/> letters; <paramref name="rest"/>: the letters after), the one to keep: each weighs
    /// its share of the letter model's chance among them and how often the words seen were that whole word
    /// (<see cref="WordEndings.CountOf"/>, a capital at its start also as the small letter), so a word seen beats
    /// one never seen unless the model finds it far less likely; where none was seen, the model's best.
    /// </summary>
    private static int BestWholeWord(ReadOnlySpan<LetterReading> final, ReadOnlySpan<LetterReading> readings, int steps, Span<char> wordStart, int known,
        WordRest rest, DoubleByteCodePage page)
    {
        double top = double.NegativeInfinity, sum = 0;
        foreach (LetterReading reading in final)
        {
            top = Math.Max(top, reading.Score);
        }

        foreach (LetterReading reading in final)
        {
            sum += Math.Exp(reading.Score - top);
        }

        int best = -1;
        double bestWeight = double.NegativeInfinity;
        Span<char> whole = wordStart[..(known + steps + rest.Letters.Length)];
        for (int r = 0; r < final.Length; r++)
        {
            for (int step = steps, slot = r; step > 0; step--)
            {
                LetterReading chosen = readings[(step * LetterBeam) + slot];
                whole[known + step - 1] = chosen.Letter;
                slot = chosen.Parent;
            }

            rest.Letters.CopyTo(whole[(known + steps)..]);
            int seen = SeenCount(whole, rest.LastLead, page);
            if (char.IsUpper(whole[0]))
            {
                whole[0] = char.ToLowerInvariant(whole[0]);
                seen += SeenCount(whole, rest.LastLead, page);
            }

            double weight = seen + (SeenPrior * Math.Exp(final[r].Score - top) / sum);
            if (weight > bestWeight)
            {
                (bestWeight, best) = (weight, r);
            }
        }

        return best;
    }

    // The weight of the letter model's share against the count of a word seen: a word seen once beats an unseen one
    // the model finds likelier unless that one holds most of the share (0.3 and 1 did alike at stride 11, 4 worse).
    private const double SeenPrior = 1;

    // The leads of the letters a word of two-byte letters may go on with after one of lead: its block and those beside
    // it, and the whole of Arabic's four (D8–DB: ت D8 AA, چ DA 86, ا D8 A7 in one Uyghur word).
    private static int FirstLeadBeside(int lead) => lead is >= 0xD8 and <= 0xDB ? 0xD8 : Math.Max(lead - 1, 0xC2);

    private static int LastLeadBeside(int lead) => lead is >= 0xD8 and <= 0xDB ? 0xDB : Math.Min(lead + 1, 0xDF);

    // Placeholders in a word's rest (private use, never a letter of it): a letter that lost its second byte (81–9F)
    // with the next letter's lead, LostSecond + its lead, then that next letter, LostLead + its continuation.
    private const char LostSecond = '\uE000';
    private const char LostLead = '\uE100';

    // A letter of three bytes with both continuations lost: LostBoth + its lead.
    private const char LostBoth = '\uE200';

    // A letter of three bytes with its last byte (81–9F) lost: LostThird + its lead's low four bits and its second
    // byte's low six; at the word's end, or before a letter of the same lead, which the page does not read after it.
    private const char LostThird = '\uE300';

    // The letters of three bytes lost inside a word's rest (LostBoth, LostThird) it may hold: each is one of a few
    // letters of its script (eight in Georgian for LostBoth), and every choice is looked up (within MaxLookups).
    private const int MaxLostInRest = 4;

    // The words SeenCount looks up at most for one reading (more, and the word is not weighed: a bound on the work;
    // at stride 11, 256 and 1,024 did alike, 8,192 3 cases better, 64 137 worse).
    private const int MaxLookups = 256;

    // How many words SeenCount looks up for this word: the product of its placeholders' choices, capped just above
    // MaxLookups.
    private static int Lookups(ReadOnlySpan<char> word, DoubleByteCodePage page, char script)
    {
        int product = 1;
        for (int at = 0; at < word.Length && product <= MaxLookups; at++)
        {
            char c = word[at];
            int choices = 1;
            if (c is >= LostSecond and <= (char)(LostSecond + 0xDF))
            {
                choices = 93; // (31 second bytes, three leads after: a bound)
            }
            else if (c is >= LostBoth and <= (char)(LostBoth + 0xEF) || c is >= LostThird and < (char)(LostThird + 0x400))
            {
                choices = 0;
                int from = script & ~0x7F; // (SameScript's blocks: 128 letters, or Tibetan's and Myanmar's whole)
                from = script is >= '\u0F00' and <= '\u0FFF' ? 0x0F00 : script is >= '\u1000' and <= '\u109F' ? 0x1000 : from;
                for (int cp = from; cp < from + 0x100; cp++)
                {
                    choices += Fills(c, cp, page, script, last: at == word.Length - 1) ? 1 : 0;
                }
            }

            product = Math.Min(product * choices, MaxLookups + 1);
        }

        return product;
    }

    // Whether the letter cp may stand for a LostBoth or LostThird placeholder: of the script's block, of the lead
    // (and second byte) kept, and lost as the page loses it.
    private static bool Fills(char placeholder, int cp, DoubleByteCodePage page, char script, bool last)
    {
        int lead = 0xE0 | (cp >> 12), second = 0x80 | ((cp >> 6) & 0x3F), third = 0x80 | (cp & 0x3F);
        if (!ScriptPairs.IsScriptLetter(script) || !ScriptPairs.IsScriptLetter((char)cp) || !SameScript(script, cp))
        {
            return false;
        }

        if (placeholder >= LostThird)
        {
            int code = placeholder - LostThird;
            return lead == (0xE0 | code >> 6) && second == (0x80 | (code & 0x3F)) && third is >= 0x81 and <= 0x9F && (last || !page.Reads(third, lead));
        }

        return lead == placeholder - LostBoth && !page.Reads(second, third);
    }

    // How often the words seen were this one, or (lastLead >= 0) this one and a last letter lost after that lead;
    // a pair of placeholders counts every pair of letters the page would have lost so.
    private static int SeenCount(Span<char> word, int lastLead, DoubleByteCodePage page, char script = '\0')
    {
        int at = 0;
        while (at < word.Length && word[at] is < LostSecond or > (char)(LostSecond + 0xDF) and not (>= (char)(LostBoth + 0xE0) and <= (char)(LostBoth + 0xEF))
            and not (>= LostThird and < (char)(LostThird + 0x400)))
        {
            at++;
        }

        if (at < word.Length && word[at] >= LostThird)
        {
            int code = word[at] - LostThird, total = 0;
            int threeLead = 0xE0 | code >> 6, second = 0x80 | (code & 0x3F);
            for (int last = 0x81; ScriptPairs.IsScriptLetter(script) && last <= 0x9F; last++)
            {
                int cp = Detection.Sequence.DecodeUtf8((uint)(threeLead | second << 8 | last << 16), 3);
                if (cp >= 0 && ScriptPairs.IsScriptLetter((char)cp) && SameScript(script, cp) && (at == word.Length - 1 || !page.Reads(last, threeLead)))
                {
                    word[at] = (char)cp;
                    total += SeenCount(word, lastLead, page, script);
                }
            }

            word[at] = (char)(LostThird + code);
            return total;
        }

        if (at < word.Length && word[at] >= LostBoth)
        {
            // Every letter of the script's block with that lead whose continuations make no pair the page reads.
            int three = word[at] - LostBoth, total = 0;
            int from = script is >= '\u0F00' and <= '\u0FFF' ? 0x0F00 : script is >= '\u1000' and <= '\u109F' ? 0x1000 : script & ~0x7F;
            for (int cp = from; ScriptPairs.IsScriptLetter(script) && cp < from + (from is 0x0F00 ? 0x100 : from is 0x1000 ? 0xA0 : 0x80); cp++)
            {
                if ((0xE0 | (cp >> 12)) == three && !page.Reads(0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F)) && ScriptPairs.IsScriptLetter((char)cp))
                {
                    word[at] = (char)cp;
                    total += SeenCount(word, lastLead, page, script);
                }
            }

            word[at] = (char)(LostBoth + three);
            return total;
        }

        if (at + 1 >= word.Length)
        {
            return lastLead < 0 ? WordEndings.CountOf(word) : WordEndings.CountOfStart(word, lastLead, 0x81, 0x9F);
        }

        int lead = word[at] - LostSecond, continuation = word[at + 1] - LostLead, sum = 0;
        for (int second = 0x81; second <= 0x9F; second++)
        {
            char letter = (char)((lead & 0x1F) << 6 | (second & 0x3F));
            for (int next = FirstLeadBeside(lead); IsLetterOfModel(letter) && next <= LastLeadBeside(lead); next++)
            {
                char following = (char)((next & 0x1F) << 6 | (continuation & 0x3F));
                if (!page.Reads(second, next) && IsLetterOfModel(following))
                {
                    word[at] = letter;
                    word[at + 1] = following;
                    sum += SeenCount(word, lastLead, page, script);
                }
            }
        }

        word[at] = (char)(LostSecond + lead);
        word[at + 1] = (char)(LostLead + continuation);
        return sum;
    }

    /// <summary>
    /// The rest of a word after lost letters (<see cref="RestOfWord"/>): its letters, whether it was read whole, and
    /// the lead of a last letter that lost its second byte (81–9F) at the word's end, or -1.
    /// </summary>
    private readonly ref struct WordRest(ReadOnlySpan<char> letters, bool known, int lastLead)
    {
        internal ReadOnlySpan<char> Letters { get; } = letters;

        internal bool Known { get; } = known;

        internal int LastLead { get; } = lastLead;
    }

    /// <summary>
    /// The log weight of a reading's lost letters ending their word: its parent's (the letters before the last), the
    /// letter model's weight of a word ending after that parent (<paramref name="endings"/>, summed over the last
    /// letters), and the last letter's chance after the word's whole start (<paramref name="wordStart"/>, of which the
    /// first <paramref name="known"/> letters stood before the run), interpolated with its share of those endings.
    /// </summary>
    private static double WholeWordEnding(in LetterReading reading, int steps, ReadOnlySpan<LetterReading> readings, Span<char> wordStart, int known,
        double endings)
    {
        for (int step = steps - 1, slot = reading.Parent; step > 0; step--)
        {
            LetterReading chosen = readings[(step * LetterBeam) + slot];
            wordStart[known + step - 1] = chosen.Letter;
            slot = chosen.Parent;
        }

        LetterReading parent = readings[((steps - 1) * LetterBeam) + reading.Parent];
        double share = Math.Exp(reading.Score - parent.Score) * LetterGrams.Chance(reading.Tail, reading.Length, ' ') / endings;
        // (The parent keeps what its endings weigh together: how likely a word ends after it at all.)
        return parent.Score + Math.Log(endings) + Math.Log(WordEndings.Chance(wordStart[..(known + steps - 1)], reading.Letter, share));
    }

    // Whether c is a letter or mark (of U+0080–U+07FF) the letter model has seen: the others are not worth a guess.
    private static bool IsLetterOfModel(char c) => (s_lettersOfModel.Value[c >> 6] & 1UL << c) != 0;

    private static readonly Lazy<ulong[]> s_lettersOfModel = new(() =>
    {
        var bits = new ulong[0x800 / 64];
        for (int c = 0x80; c < 0x800; c++)
        {
            if (IsWordChar((char)c) && LetterGrams.Knows(char.ToLowerInvariant((char)c)))
            {
                bits[c >> 6] |= 1UL << c;
            }
        }

        return bits;
    });

    // Whether the letter of lead and second has its other case among the other second bytes 81–9F (Ą and ą).
    private static bool HasOtherCase(int lead, int second)
    {
        char letter = (char)((lead & 0x1F) << 6 | (second & 0x3F));
        char other = char.IsUpper(letter) ? char.ToLowerInvariant(letter) : char.ToUpperInvariant(letter);
        int otherSecond = 0x80 | (other & 0x3F);
        return other != letter && (other >> 6) == (letter >> 6) && otherSecond is >= 0x81 and <= 0x9F;
    }

    private static bool IsWordChar(char c) => char.IsLetter(c) || char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    /// <summary>
    /// The letter the bytes at <paramref name="reader"/> start with, for <see cref="LostLetterRun"/>: a space where
    /// the word ends there (the end, ASCII other than a letter), -1 where it cannot tell.
    /// </summary>
    private static int LetterAt(scoped ref ByteReader reader)
    {
        if (reader.AtEnd)
        {
            return ' ';
        }

        int b = reader.Peek();
        if (b is >= 0 and < 0x80)
        {
            return char.IsAsciiLetter((char)b) ? b : ' ';
        }

        if (b is >= 0xC2 and <= 0xDF && reader.PeekAfter() is int c and >= 0x80 and <= 0xBF)
        {
            char letter = (char)((b & 0x1F) << 6 | (c & 0x3F));
            return IsWordChar(letter) ? letter : ' ';
        }

        return -1;
    }

    /// <summary>
    /// What follows lost letters, for the letter model: up to <see cref="Order"/> - 1 case-folded letters read after
    /// them (as <see cref="LetterAt"/> reads each; a space, the word's end, is the last), packed 16 bits each, the
    /// first lowest. The model then weighs a candidate by the whole of the word's known rest it sees, not by its next
    /// letter alone (че + рез, not се + рез).
    /// </summary>
    private readonly record struct Right(ulong Letters, int Count)
    {
        private const int Order = LetterGrams.Order;

        /// <summary>The word ends right after the lost letters.</summary>
        internal static Right WordEnd => new(' ', 1);

        internal static Right After(ByteReader reader)
        {
            ulong letters = 0;
            int count = 0;
            while (count < Order - 1)
            {
                int letter = LetterAt(ref reader);
                if (letter < 0)
                {
                    break; // unknown: no more letters weighed
                }

                letters |= (ulong)char.ToLowerInvariant((char)letter) << (16 * count++);
                if (letter == ' ')
                {
                    break;
                }

                reader.Advance();
                if (letter >= 0x80)
                {
                    reader.Advance(); // (a letter of two bytes)
                }
            }

            return new Right(letters, count);
        }

        /// <summary>The log chance of these letters after a word's <paramref name="tail"/> (<paramref name="length"/> letters, as <see cref="LetterGrams.Pack"/> packs them).</summary>
        internal double Chance(ulong tail, int length)
        {
            double sum = 0;
            for (int k = 0; k < Count; k++)
            {
                char next = (char)(Letters >> (16 * k));
                sum += Math.Log(LetterGrams.Chance(tail, length, next));
                tail = LetterGrams.Pack(tail, ref length, next);
            }

            return sum;
        }
    }

    /// <summary>
    /// For <see cref="BestFit"/>'s next byte: the lead (E3–EF) of a ranked character, which the byte before took
    /// along into the marker (Shift_JIS).
    /// </summary>
    private const int AnyCjkLead = -3;

    // Whether the page reads lead before the lead of every ranked character: then it lost no such lead with it.
    private static bool ReadsBeforeEveryCjkLead(DoubleByteCodePage page, int lead)
    {
        for (int t = 0xE3; t <= 0xEF; t++)
        {
            if (!page.Reads(lead, t))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Byte <paramref name="k"/> (0–2) of a BMP character's three-byte UTF-8 form, or -1 for no character.</summary>
    private static int BytesOf(int value, int k) =>
        value < 0x800 ? -1 : k == 0 ? 0xE0 | value >> 12 : k == 1 ? 0x80 | ((value >> 6) & 0x3F) : 0x80 | (value & 0x3F);

    private static bool Put(int value, FixOptions options, char[] output, ref int length)
    {
        if (value < 0)
        {
            return false; // no common character fits: leave it
        }

        output[length++] = options.Lossy == LossyRepair.Replace ? '\uFFFD' : (char)value; // the table holds BMP characters only
        return true;
    }

    /// <summary>
    /// How strongly a decoded run shows damage: 0 (not at all), <see cref="Weak"/> (only beside a strong run of
    /// the same code page), <see cref="Isolated"/> (punctuation; two make a line strong) or <see cref="Strong"/>.
    /// Every decoded character must be plausible text. Strong: decoded CJK that is common, with a frequent pair,
    /// out of damage that is rare; three letters of one script out of rare characters; accented letters inside a
    /// Latin word (Caf茅 → Café).
    /// </summary>
    private static int Evidence(ReadOnlySpan<char> line, int start, int end, ReadOnlySpan<char> decoded, bool latinLine, char marker)
    {
        // Shift_JIS's marker, ・, is a common character of Japanese text; in a run it stood for lost bytes, not for a
        // character of the damage, so it is not counted beside others (窶・ for „ and %: one rare character).
        int damagedCjk = 0, damagedRare = 0, markers = 0;
        foreach (char c in line[start..end])
        {
            if (c >= 0x80)
            {
                markers += c == marker ? 1 : 0;
                damagedCjk++;
                damagedRare += CjkFrequency.IsCommon(c) ? 0 : 1;
            }
        }

        if (markers > 0 && markers < damagedCjk)
        {
            damagedCjk -= markers;
            damagedRare -= CjkFrequency.IsCommon(marker) ? 0 : markers;
        }

        int decodedCjk = 0, decodedCommon = 0, decodedOther = 0, decodedLetters = 0;
        // (A mark first in the run follows the letter before it: á read as a虂.)
        System.Text.Rune previous = start > 0 && !char.IsSurrogate(line[start - 1]) ? new System.Text.Rune(line[start - 1]) : default;
        foreach (System.Text.Rune r in decoded.EnumerateRunes())
        {
            System.Text.Rune before = previous;
            previous = r;
            if (r.Value == 0xFFFD)
            {
                continue; // a lost byte, replaced as asked
            }

            if (r.Value < 0x80)
            {
                continue;
            }

            if (!IsPlausible(r) || (IsMark(r) && !(System.Text.Rune.IsLetter(before) || IsMark(before))))
            {
                return 0; // a mark must follow a letter
            }

            if (CjkFrequency.IsCjk(r.Value))
            {
                decodedCjk++;
                decodedCommon += CjkFrequency.IsCommon(r.Value) || IsLevelOne(r.Value) ? 1 : 0;
            }
            else
            {
                decodedOther++;
                decodedLetters += System.Text.Rune.IsLetterOrDigit(r) || IsMark(r) ? 1 : 0;
            }
        }

        if (decodedCjk + decodedOther == 0)
        {
            return 0;
        }

        if (line[start..end].Contains('\uF8F0'))
        {
            // The private-use character Shift_JIS (cp932) reads the byte A0 as, a UTF-8 continuation (à is C3 A0, a
            // no-break space C2 A0): correct text does not hold it, so a run through it that decodes is damage.
            return Strong;
        }

        bool rareDamage = damagedRare * 2 >= damagedCjk;
        if (decodedCjk == 0)
        {
            // Accented letters inside a Latin word (Fran莽ais, G茅n茅rer); three letters or digits of one script from
            // rare characters (Привет, 賲賳 read as GBK). In correct text a CJK character beside Latin letters
            // (FROM句, Linux系统, %d件) is part of a CJK word, or not inside a Latin one.
            if (InsideLatinWord(line, start, end, decoded, latinLine) || (damagedRare == damagedCjk && IsVowelWordBetweenLatinWords(line, start, end, decoded))
                || IsVowelWordAmongItsWords(line, start, end, decoded)
                || (latinLine && IsElidedVowelWord(line, start, end, decoded)))
            {
                return Strong;
            }

            if (rareDamage && OneScript(decoded))
            {
                return decodedLetters >= 3 ? Strong : Weak;
            }

            // Greek, Cyrillic, Hebrew or Arabic read as GBK are common hanzi (危位慰尾伪 for Σλοβα), but hanzi that never
            // stand together in real text: four letters of one script from damage with no frequent pair are a word.
            if (decodedLetters >= 4 && decodedLetters == decodedOther && OneScript(decoded) && !HasFrequentPair(line[start..end]))
            {
                return Strong;
            }

            if (IsQuoteInWord(line, start, end, decoded) || IsTelltalePunctuation(line, start, end, decoded, damagedRare == damagedCjk, latinLine)
                || IsLoneLostMark(line, start, end, decoded, damagedRare == damagedCjk, latinLine, marker))
            {
                return Strong;
            }

            // Letters of one script and nothing else, from damage that need not be rare (茅s for és, 写谢褟 for для):
            // weak, so only a line whose other runs prove the code page takes them.
            if (decodedLetters == decodedOther && OneScript(decoded))
            {
                return Weak;
            }

            // Punctuation with no CJK beside it: from rare characters (芦%s禄 for «%s»), two in a line are strong;
            // from common ones (芦聽 for « and a no-break space), it is weak, taken only in a line proven otherwise.
            bool isolated = (start == 0 || line[start - 1] < 0x80) && (end == line.Length || line[end] < 0x80);
            if (latinLine && isolated && decoded is "\u00A0" && end < line.Length && line[end] is ':' or ';' or '!' or '?')
            {
                return Strong; // French spacing before a colon, in a line of Latin text (jour聽: for jour :)
            }

            return !isolated || !IsCommonPunctuation(decoded) ? 0 : damagedRare == damagedCjk || latinLine ? Isolated : Weak;
        }

        // No letter of another script among the decoded characters; then CJK that decodes from CJK is at least weak
        // (taken only in a line whose other runs prove the page): correct CJK text hardly ever decodes as UTF-8 at all.
        if (HasLetter(decoded, exceptCjk: true))
        {
            return 0;
        }

        // Strong: mostly common decoded characters from damage holding rare ones (a third will do when every decoded
        // character is common: traditional characters in the damage are common in Japanese and Taiwanese text), two
        // of which often stand together in real text, or three all common. Random rare characters of correct text
        // rarely decode to either. Weak otherwise: one character, a word of common ones without a frequent pair
        // (毵庫潓 for 많음), one of characters the table does not count as common (鎶辨瓑 for 抱歉).
        bool damageLooksRare = rareDamage || (damagedRare * 3 >= damagedCjk && decodedCommon == decodedCjk);
        bool mostlyCommon = decodedCommon * 5 >= decodedCjk * 4;
        return damageLooksRare && mostlyCommon && decodedCjk >= 2
            && (HasFrequentPair(decoded) || (decodedCommon == decodedCjk && (decodedCjk >= 3 || IsWordOfTwo(decoded, damagedRare == damagedCjk))))
            ? Strong : Weak;
    }

    /// <summary>
    /// Whether a character is of the first level of a national standard's character set, the common characters by the
    /// standard's own count: GB 2312's 3,755 hanzi (GBK B0A1–D7FE), Big5's 5,401 (A440–C67E), JIS X 0208's 2,965 kanji
    /// (Shift_JIS 889F–9872) and KS X 1001's 2,350 hangul syllables (EUC-KR B0A1–C8FE). The frequency table, learned from
    /// software messages, misses common words of other text (货币, 赌博).
    /// </summary>
    private static bool IsLevelOne(int codePoint) => codePoint is >= 0 and <= 0xFFFF && (s_levelOne.Value[codePoint >> 6] & 1UL << codePoint) != 0;

    private static readonly Lazy<ulong[]> s_levelOne = new(() =>
    {
        var bits = new ulong[1024];
        foreach (DoubleByteCodePage page in DoubleByteCodePage.All)
        {
            for (int c = 0x3000; c <= 0xFFFF; c++)
            {
                int b = page.BytesOf((char)c);
                bool first = page.CodePage switch
                {
                    936 => b is >= 0xB0A1 and <= 0xD7FE && (b & 0xFF) >= 0xA1,
                    950 => b is >= 0xA440 and <= 0xC67E,
                    932 => b is >= 0x889F and <= 0x9872,
                    949 => b is >= 0xB0A1 and <= 0xC8FE && (b & 0xFF) >= 0xA1,
                    _ => false,
                };
                if (first)
                {
                    bits[c >> 6] |= 1UL << c;
                }
            }
        }

        return bits;
    });

    /// <summary>
    /// Two characters decoded from damage that is rare throughout (<paramref name="rareDamage"/>), both in the frequency
    /// table, side by side, of one script (hanzi, kana or hangul): a word of two (公式, 罗技), which random rare
    /// characters hardly ever decode to.
    /// </summary>
    private static bool IsWordOfTwo(ReadOnlySpan<char> decoded, bool rareDamage) =>
        rareDamage && decoded.Length == 2 && CjkFrequency.IsCommon(decoded[0]) && CjkFrequency.IsCommon(decoded[1])
        && ScriptOfCjk(decoded[0]) == ScriptOfCjk(decoded[1]);

    // Hangul, kana, or anything else of the CJK range (hanzi, symbols, full-width forms).
    private static int ScriptOfCjk(char c) => c is >= '\uAC00' and <= '\uD7A3' ? 2 : c is >= '\u3040' and <= '\u30FF' ? 1 : 0;

    private static bool HasFrequentPair(ReadOnlySpan<char> decoded)
    {
        for (int k = 0; k + 1 < decoded.Length; k++)
        {
            if (CjkFrequency.PairRankOf(decoded[k], decoded[k + 1]) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Punctuation and symbols of everyday text (« » · × – “ ” € ™, the Arabic comma, semicolon and question mark, the Greek ano teleia, the Indic danda and double danda), not a rare symbol that a rare character decodes to.</summary>
    private static bool IsCommonPunctuation(ReadOnlySpan<char> decoded)
    {
        foreach (char c in decoded)
        {
            if (c >= 0x80 && c is not (>= '\u00A0' and <= '\u00BF' or '\u00D7' or '\u00F7' or >= '\u2010' and <= '\u2044' or '\u20AC' or '\u2122'
                or '\u060C' or '\u061B' or '\u061F' or '\u0387' or '\u0964' or '\u0965'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The decoded letters all belong to one script (a Unicode block of 256 for the scripts not told apart).</summary>
    private static bool OneScript(ReadOnlySpan<char> decoded)
    {
        int seen = -1;
        foreach (System.Text.Rune r in decoded.EnumerateRunes())
        {
            if (!System.Text.Rune.IsLetterOrDigit(r) || r.Value < 0x80)
            {
                continue;
            }

            // (A digit counts by its block: Bengali ১২ beside Bengali letters, which ScriptOf leaves as no script.)
            Text.Script script = System.Text.Rune.IsDigit(r) ? Text.Script.Other : Text.CharInfo.ScriptOf(r.Value);
            int key = script != Text.Script.Other ? (int)script
                : r.Value is >= 0x1200 and < 0x13A0 ? 0x112 // Ethiopic and its supplement span two blocks (ኤፕረል: U+12A4, U+1355)
                : r.Value is >= 0x1400 and < 0x1680 ? 0x114 // and so do Canadian syllabics
                : 0x100 + (r.Value >> 8);
            if (seen >= 0 && key != seen)
            {
                return false;
            }

            seen = key;
        }

        return seen >= 0;
    }

    /// <summary>
    /// A quote glued to a Latin word: an apostrophe after a letter (<c>Don鈥檛</c>, Don’t) or an opening quote
    /// starting a word (<c>鈥渇oo</c>, “foo). Such a quote is E2 80 xx: the first two bytes read as 鈥 and the third
    /// takes the letter after it along as its trail, so the run decodes to the quote and that letter. In correct
    /// text a pair of CJK characters does not sit glued to Latin letters so.
    /// </summary>
    private static bool IsQuoteInWord(ReadOnlySpan<char> line, int start, int end, ReadOnlySpan<char> decoded)
    {
        if (decoded.Length != 2 || !char.IsAsciiLetter(decoded[1]))
        {
            return false;
        }

        bool letterBefore = start > 0 && char.IsAsciiLetter(line[start - 1]);
        bool endsAtAscii = end == line.Length || line[end] < 0x80; // the run is the whole non-ASCII stretch
        return endsAtAscii && decoded[0] switch
        {
            '\u2019' => letterBefore,
            '\u2018' or '\u201C' or '\u201E' => !letterBefore,
            _ => false,
        };
    }

    /// <summary>
    /// Punctuation that correct text never writes as the CJK character it reads as, by where it stands: Catalan's
    /// middle dot between two l (<c>instal路lar</c>), Spanish ¿ and ¡ opening a Latin word whose sentence the line
    /// closes with ? or ! (<c>驴Borrar ...?</c>), × between numbers or format directives (<c>%s脳%s</c>), and, from
    /// rare damage, an ellipsis ending a line with no other non-ASCII character near it (<c>Durchsuchen 窶ｦ</c>); all
    /// only in Latin text (CJK text may put 路 or 脳 beside Latin letters or digits).
    /// </summary>
    private static bool IsTelltalePunctuation(ReadOnlySpan<char> line, int start, int end, ReadOnlySpan<char> decoded, bool rareDamage,
        bool latinLine)
    {
        if (decoded.Length != 1 || decoded[0] is not ('\u00B7' or '\u00BF' or '\u00A1' or '\u00D7' or '\u2026'))
        {
            return false;
        }

        // Only in Latin text: a line read as such, or one with no other non-ASCII character near the run (a window, so
        // that a line of many such runs stays linear).
        WorkMeter.Add(2 * Window);
        bool alone = line[Math.Max(0, start - Window)..start].IndexOfAnyExceptInRange('\0', '\u007F') < 0
            && line[end..Math.Min(line.Length, end + Window)].IndexOfAnyExceptInRange('\0', '\u007F') < 0;
        if (!(latinLine || alone))
        {
            return false;
        }

        char before = start > 0 ? line[start - 1] : '\0', after = end < line.Length ? line[end] : '\0';
        switch (decoded[0])
        {
            case '\u00B7':
                return before is 'l' or 'L' && after is 'l' or 'L';
            case '\u00BF' or '\u00A1':
                return before is '\0' or ' ' or '(' or '"' or '\n' && char.IsAsciiLetter(after)
                    && line[end..Math.Min(line.Length, end + Window)].Contains(decoded[0] == '\u00BF' ? '?' : '!');
            case '\u00D7':
                return (char.IsAsciiDigit(before) || (start >= 2 && line[start - 2] == '%' && before is 's' or 'd' or 'u'))
                    && (char.IsAsciiDigit(after) || after == '%');
            case '\u2026':
                return rareDamage && alone && after is '\0' or '\n' or '\r' or ' ';
            default:
                return false;
        }
    }

    /// <summary>
    /// A dash, quote or ellipsis (U+2010–U+2026) whose last byte the page lost, alone in Latin text: one rare character
    /// and the marker (鈥? for —, …, ” with the space or digit lost after it), the only non-ASCII characters near it.
    /// The character that reads E2 80 is no word of correct text, least of all before a marker in a line of ASCII.
    /// </summary>
    private static bool IsLoneLostMark(ReadOnlySpan<char> line, int start, int end, ReadOnlySpan<char> decoded, bool rareDamage,
        bool latinLine, char marker)
    {
        if (!rareDamage || end - start != 2 || line[end - 1] != marker || decoded.IsEmpty || decoded[0] is < '\u2010' or > '\u2026'
            || (decoded.Length == 2 ? decoded[1] >= 0x80 : decoded.Length != 1))
        {
            return false;
        }

        WorkMeter.Add(2 * Window);
        bool alone = line[Math.Max(0, start - Window)..start].IndexOfAnyExceptInRange('\0', '\u007F') < 0
            && line[end..Math.Min(line.Length, end + Window)].IndexOfAnyExceptInRange('\0', '\u007F') < 0;
        return alone || latinLine;
    }

    /// <summary>
    /// A one-letter word of an accented vowel between two Latin words (Italian è, French and Catalan à, Portuguese é,
    /// Norwegian å) read from half-width katakana or hangul: <c>non ﾃｨ stata</c> (Shift_JIS), <c>mis 횪 jour</c>
    /// (EUC-KR). Correct text does not put a lone rare syllable of those between two words of ASCII letters. An
    /// ideograph (GBK's 猫 for è, 氓 for å) is left, rare or not: a lone hanzi in an English sentence is how a word
    /// is quoted ("the word 猫 means"), and the frequency table, learned from software messages, counts 猫 as rare.
    /// </summary>
    private static bool IsVowelWordBetweenLatinWords(ReadOnlySpan<char> line, int start, int end, ReadOnlySpan<char> decoded)
    {
        if (!IsVowelWordShape(line, start, end, decoded) || decoded[0] is 'È' or 'À' or 'É')
        {
            return false;
        }

        foreach (char c in line[start..end])
        {
            if (c is not (>= '\uFF61' and <= '\uFF9F' or >= '\uAC00' and <= '\uD7A3'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A one-letter word of an accented vowel between two Latin words (or opening the line, a capital there: Italian
    /// <c>脠 stato</c> for È stato), whatever it was read as, GBK's ideographs too (<c>non 猫 stato</c>, <c>Met 脿
    /// jour</c>), where the words of ASCII letters around it keep that vowel company in real text
    /// (<see cref="Text.LatinCompany"/>): three of them at least, and a third of them, or two where the word after it is
    /// one real text puts after that vowel (<see cref="Text.LatinCompany.IsVowelNeighbour"/>). "The word 猫 means" has none:
    /// English words keep no accented letter company, so a hanzi quoted in English text stays; Italian text quoting one
    /// ("Il carattere 猫 significa gatto") has two, too few, and no text reads "è significa".
    /// </summary>
    private static bool IsVowelWordAmongItsWords(ReadOnlySpan<char> line, int start, int end, ReadOnlySpan<char> decoded)
    {
        if (!IsVowelWordShape(line, start, end, decoded))
        {
            return false;
        }

        // (The sentence around it, about: a window, so that a line of many such vowels stays linear.)
        WorkMeter.Add(2 * SentenceWindow);
        var (with, words) = Text.LatinCompany.WordsWith(decoded[0], line[Math.Max(0, start - SentenceWindow)..Math.Min(line.Length, end + SentenceWindow)]);
        if (with * 3 < words)
        {
            return false;
        }

        // Two words of company are enough where the word after the vowel is one real text puts there ("non 猫 ignorata"
        // as è ignorata; "Il carattere 猫 significa", which no text reads as è significa, stays).
        int next = end + 1, nextEnd = next;
        while (nextEnd < line.Length && char.IsAsciiLetter(line[nextEnd]))
        {
            nextEnd++;
        }

        return with >= 3 || (with == 2 && Text.LatinCompany.IsVowelNeighbour(decoded[0], line[next..nextEnd]));
    }

    /// <summary>
    /// One accented vowel (a small one, or È, À, É opening the line) standing as a word: a space after it, a word of
    /// two ASCII letters, a format directive (%s, %1$s) or a closing quote or parenthesis before it, unless it opens
    /// the line, and two ASCII letters after it.
    /// </summary>
    private static bool IsVowelWordShape(ReadOnlySpan<char> line, int start, int end, ReadOnlySpan<char> decoded) =>
        decoded.Length == 1 && ((char.IsLower(decoded[0]) && Text.LatinCompany.IsVowelWord(decoded[0])) || (start == 0 && decoded[0] is 'È' or 'À' or 'É'))
        && start is not (1 or 2) && end + 3 <= line.Length && (start == 0 || line[start - 1] == ' ') && line[end] == ' '
        && (start == 0 || (char.IsAsciiLetter(line[start - 2]) && (char.IsAsciiLetter(line[start - 3]) || line[start - 3] is '%' or '$'))
            || line[start - 2] is '"' or '\'' or ')')
        && char.IsAsciiLetter(line[end + 1]) && char.IsAsciiLetter(line[end + 2]);

    /// <summary>
    /// An accented vowel that is a word after an elision (Italian <c>c'猫</c> for c'è, French <c>jusqu'脿</c> for
    /// jusqu'à): an ASCII letter, an apostrophe, then the run, and no letter after it, in a line of Latin text.
    /// Correct text does not attach a lone CJK character to an elided Latin word.
    /// </summary>
    private static bool IsElidedVowelWord(ReadOnlySpan<char> line, int start, int end, ReadOnlySpan<char> decoded) =>
        decoded.Length == 1 && decoded[0] is 'à' or 'è' or 'é' or 'ì' or 'ò' or 'ù'
        && start >= 2 && line[start - 1] is '\'' or '\u2019' && char.IsAsciiLetter(line[start - 2])
        && (end == line.Length || !char.IsLetter(line[end]));

    /// <summary>
    /// Common accented Latin letters between ASCII letters, with ASCII on both sides: two letters on one side or
    /// one on each, and small letters after a small letter.
    /// </summary>
    private static bool InsideLatinWord(ReadOnlySpan<char> line, int start, int end, ReadOnlySpan<char> decoded, bool latinLine)
    {
        if (latinLine && decoded.Length > 1 && decoded[^1] == '\u00A0' && end < line.Length && line[end] is ':' or ';' or '!' or '?')
        {
            decoded = decoded[..^1]; // a word's last letter and French spacing before a colon (s茅curit茅聽: for sécurité :)
        }

        // A word's last letter whose last byte went into the marker with the space or punctuation after it
        // (zostaﾅ・zaakceptowany for został zaakceptowany): the word ends with the letter.
        bool endsWord = decoded.Length > 1 && decoded[^1] < 0x80 && !char.IsAsciiLetterOrDigit(decoded[^1]) && end < line.Length;
        if (endsWord)
        {
            decoded = decoded[..^1];
        }

        foreach (char c in decoded)
        {
            if (!Text.CharInfo.IsCommonLatinLetter(c) && !char.IsAsciiLetter(c) && !(latinLine && (char.IsLetter(c) || IsAccentMark(c))))
            {
                return false; // (an ASCII letter swallowed as the trail of a double-byte character comes back too)
            }
        }

        if ((start > 0 && line[start - 1] >= 0x80) || (end < line.Length && line[end] >= 0x80))
        {
            return false;
        }

        int left = 0, right = 0;
        while (left < 2 && start - left - 1 >= 0 && char.IsAsciiLetter(line[start - left - 1]))
        {
            left++;
        }

        while (!endsWord && right < 2 && end + right < line.Length && char.IsAsciiLetter(line[end + right]))
        {
            right++;
        }

        if (left > 0 && char.IsAsciiLetterLower(line[start - 1]) && !IsLowercaseOrMarks(decoded))
        {
            return false;
        }

        // A two-letter word (på, är) only where the whole line reads as Latin text: a CJK character glued to one
        // ASCII letter is otherwise as likely a CJK word beside a Latin name.
        return (left > 0 || right > 0) && (left + right + decoded.Length >= 3 || latinLine);
    }

    /// <summary>
    /// Whether every non-ASCII character of the line reads through <paramref name="page"/> as Latin text (letters up to
    /// U+024F and Vietnamese ones, a no-break space, « » · ¿ ¡) and the line holds ASCII letters: European text whose accented letters
    /// alone were misread (<c>paket 盲r libc6</c>). Correct CJK text has characters that read as nothing of the kind.
    /// </summary>
    private static bool IsLatinLine(ReadOnlySpan<char> line, DoubleByteCodePage page)
    {
        int letters = 0;
        for (var reader = new ByteReader(line, 0, page); !reader.AtEnd;)
        {
            int b = reader.Peek();
            reader.Advance();
            if (b is >= 0 and < 0x80)
            {
                letters += char.IsAsciiLetter((char)b) ? 1 : 0;
                continue;
            }

            // Every character up to U+024F takes two bytes, C2–C9 and a continuation (and Uzbek's ʻ, U+02BB, and ʼ, CA
            // BB–BC, and the combining accents of decomposed letters, CC 80–CC A8); Vietnamese letters with a tone
            // mark (U+1E00–U+1EFF, Latin Extended Additional) take three, E1 B8–BB and two continuations.
            int c = reader.AtEnd ? -1 : reader.Peek();
            if (b == 0xE1 && c is >= 0xB8 and <= 0xBB)
            {
                reader.Advance();
                int d = reader.AtEnd ? -1 : reader.Peek();
                if (d is < 0x80 or > 0xBF || !char.IsLetter((char)(0x1000 | (c & 0x3F) << 6 | (d & 0x3F))))
                {
                    return false;
                }

                reader.Advance();
                continue;
            }

            int cp = (b & 0x1F) << 6 | (c & 0x3F);
            if (b is < 0xC2 or > 0xCD || c is < 0x80 or > 0xBF || !((char.IsLetter((char)cp) && (b < 0xCA || cp is 0x2BB or 0x2BC))
                || (IsAccentMark((char)cp) && letters > 0) || cp is 0xA0 or 0xAB or 0xBB or 0xB7 or 0xBF or 0xA1))
            {
                return false;
            }

            reader.Advance();
        }

        return letters >= 3;
    }

    private static bool HasLetter(ReadOnlySpan<char> decoded, bool exceptCjk = false)
    {
        foreach (char c in decoded)
        {
            if (char.IsLetter(c) && !(exceptCjk && (CjkFrequency.IsCjk(c) || c < 0x80)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The combining accents of decomposed Latin letters (grave to caron, dot below, cedilla, ogonek), not the rarer
    /// marks another page's reading of a CJK character may give (U+0368 for Big5's ô in GBK).
    /// </summary>
    private static bool IsAccentMark(char c) => c is >= '\u0300' and <= '\u030C' or '\u0323' or '\u0327' or '\u0328';

    /// <summary>Small letters and combining accents only (what may follow a small letter inside a word).</summary>
    private static bool IsLowercaseOrMarks(ReadOnlySpan<char> decoded)
    {
        foreach (char c in decoded)
        {
            if (!LowercaseLetters.Contains(c) && !IsAccentMark(c))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly System.Buffers.SearchValues<char> LowercaseLetters = System.Buffers.SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĳĵķĸĺļľŀłńņňŉŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżžșțơưǎǐǒǔǖǘǚǜə"
        + "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹʻʼ");

    /// <summary>
    /// Whether <paramref name="codePoint"/> is a letter or mark of one Indic script (U+0900–U+0DFF, a block of 128
    /// each) and <paramref name="previous"/> a character of another: a word does not change script between two of its
    /// letters, and a vowel sign joins only a consonant of its own script (Assamese উপযোগী। came back as উপযোগীे, a
    /// Devanagari vowel sign on a Bengali letter). The danda and double danda (। ॥, U+0964–U+0965) end sentences of
    /// every one of them.
    /// </summary>
    private static bool OtherIndicScript(char previous, int codePoint) =>
        codePoint is >= 0x0900 and < 0x0E00 and not (0x0964 or 0x0965) && previous is >= '\u0900' and < '\u0E00'
        && !SameScript(previous, codePoint);

    private static bool IsMark(System.Text.Rune r) =>
        System.Text.Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static bool IsPlausible(System.Text.Rune r)
    {
        if (!Text.CharInfo.IsPlausible(r.Value))
        {
            return false;
        }

        return System.Text.Rune.GetUnicodeCategory(r) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.SpaceSeparator or UnicodeCategory.DashPunctuation
                or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation or UnicodeCategory.CurrencySymbol
                or UnicodeCategory.Format => true,
            UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol => r.Value is < 0x100 or 0x2122 or >= 0x2190 and < 0x2200 or >= 0x2600 and < 0x27C0 or >= 0x1F000,
            _ => false,
        };
    }

    /// <summary>The bytes behind a span of characters, one at a time: each character gives one or two bytes.</summary>
    private ref struct ByteReader
    {
        private readonly ReadOnlySpan<char> _s;
        private readonly DoubleByteCodePage _page;
        private int _char;   // the character the next byte comes from
        private int _offset; // 0 or 1: which of its bytes

        internal ByteReader(ReadOnlySpan<char> s, int start, DoubleByteCodePage page)
        {
            _s = s;
            _page = page;
            _char = start;
        }

        internal readonly bool AtEnd => _char >= _s.Length;

        internal readonly DoubleByteCodePage Page => _page;

        internal readonly bool OnCharBoundary => _offset == 0;

        internal readonly int CharIndex => _char;

        internal readonly ReadOnlySpan<char> Line => _s;

        internal readonly char PeekChar() => _s[_char];

        /// <summary>The character after the next one, or -1 at the end.</summary>
        internal readonly int PeekCharAfter() => _char + 1 < _s.Length ? _s[_char + 1] : -1;

        /// <summary>The next byte, or -1 at the end or at a character the code page does not produce.</summary>
        internal readonly int Peek() => ByteAt(_char, _offset);

        /// <summary>The byte after the next one.</summary>
        internal readonly int PeekAfter()
        {
            int width = Width(_char);
            return _offset + 1 < width ? ByteAt(_char, _offset + 1) : ByteAt(_char + 1, 0);
        }

        internal void Advance()
        {
            if (++_offset >= Width(_char))
            {
                _char++;
                _offset = 0;
            }
        }

        private readonly int Width(int i) => i < _s.Length && _s[i] >= 0x80 && _s[i] != _page.LostByte && _page.BytesOf(_s[i]) > 0xFF ? 2 : 1;

        private readonly int ByteAt(int i, int offset)
        {
            if (i >= _s.Length)
            {
                return -1;
            }

            char c = _s[i];
            if (c < 0x80)
            {
                return c;
            }

            if (c == _page.LostByte)
            {
                return -2; // Shift_JIS's ・ is read as a lost byte, not as the bytes 81 45
            }

            ushort bytes = _page.BytesOf(c);
            return bytes == 0 ? -1 : bytes > 0xFF ? (offset == 0 ? bytes >> 8 : bytes & 0xFF) : bytes;
        }
    }
}
