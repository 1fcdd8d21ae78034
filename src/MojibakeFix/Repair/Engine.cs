using MojibakeFix.CodePages;
using MojibakeFix.Detection;
using MojibakeFix.Internals;

namespace MojibakeFix.Repair;

/// <summary>
/// Runs repair passes until the text is stable, so that <c>Fix(Fix(x)) == Fix(x)</c> for any input. Real damage
/// is undone in the first pass (layers are peeled per run); a second pass only finds something in odd input
/// where a repair made a new sequence with its neighbours.
/// </summary>
internal static class Engine
{
    private const int MaxPasses = 8;

    // The one-layer copy of each options instance, made once (options are immutable; the table holds no instance alive).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<FixOptions, FixOptions> s_oneLayer = new();

    /// <summary>
    /// Repairs <paramref name="text"/>; returns the same instance when nothing changed. Each line (up to and
    /// including its line break) is repaired as a document of its own: no damaged run holds a line break, and
    /// keeping the evidence (favourite code page, quote style, language) within a line means a stream cut at line
    /// breaks gets exactly the result of the whole string.
    /// </summary>
    internal static string Repair(string text, FixOptions options, List<FixStep>? steps, List<DamageSite>? sites) =>
        options.HasFixers ? Fixers.FixerPipeline.Run(text, options, steps) : RepairEncoding(text, options, steps, sites);

    /// <summary>The encoding repair alone (the other fixers of the options are not applied).</summary>
    internal static string RepairEncoding(string text, FixOptions options, List<FixStep>? steps, List<DamageSite>? sites)
    {
        int first = text.AsSpan().IndexOfAny('\n', '\r');
        if (first < 0 || first == text.Length - 1)
        {
            var line = default(CharBuffer);
            try
            {
                // One classifying pass rules out a clean line before any repair pass looks at it.
                return DamageClassifier.MayChangeLine(text, options) && RepairLine(text, options, steps, sites, ref line)
                    ? line.Written.ToString() : text;
            }
            finally
            {
                line.Dispose();
            }
        }

        // Only the repaired lines are written to a buffer; the result string is then assembled from them and the
        // input's unchanged lines in one copy, instead of copying the whole text into a buffer and that again.
        var repaired = default(CharBuffer);
        var edits = new LineEdits(recording: true);
        try
        {
            return RepairLines(text, options, steps, sites, ref repaired, ref edits) ? edits.Apply(text, repaired.Written) : text;
        }
        finally
        {
            repaired.Dispose();
            edits.Dispose();
        }
    }

    /// <summary>
    /// The same repair over a span with the other fixers of the options too: null when nothing changed (nothing
    /// allocated then), else the repaired text (the fixers may lengthen it).
    /// </summary>
    internal static string? Repair(ReadOnlySpan<char> text, FixOptions options)
    {
        if (options.HasFixers)
        {
            // No stage can change it (no fixer applies, no line may change): the pipeline's output would be its input.
            // Lines are asked one by one, as the pipeline repairs them: the double-byte pass weighs a weak run (a lone
            // 茅 for é in a Catalan line) by its own line's words, which the whole text's would outvote.
            int first = 0;
            if (!Fixers.FixerPipeline.MayApply(text, options) && !NextSuspectLine(text, ref first, out _, DamageClassifier.SearchesFor(options), options))
            {
                return null;
            }

            string all = text.ToString();
            string result = Fixers.FixerPipeline.Run(all, options, null);
            return ReferenceEquals(result, all) ? null : result;
        }

        var output = default(CharBuffer);
        try
        {
            return Repair(text, options, ref output) ? output.Written.ToString() : null;
        }
        finally
        {
            output.Dispose();
        }
    }

    /// <summary>
    /// The same repair over a span (a decoded UTF-8 block) into <paramref name="output"/> (the caller disposes
    /// it): false when nothing changed, so clean text is never copied; lines are repaired in place, never copied
    /// out to strings of their own.
    /// </summary>
    internal static bool Repair(ReadOnlySpan<char> text, FixOptions options, ref CharBuffer output)
    {
        int first = text.IndexOfAny('\n', '\r');
        if (first < 0 || first == text.Length - 1)
        {
            return DamageClassifier.MayChangeLine(text, options) && RepairLine(text, options, null, null, ref output);
        }

        var edits = default(LineEdits);
        return RepairLines(text, options, null, null, ref output, ref edits);
    }

    /// <summary>
    /// Repairs one line (a line break only at its end) into <paramref name="destination"/>, or copies it when
    /// nothing changed; false when the result does not fit.
    /// </summary>
    internal static bool TryRepairLine(ReadOnlySpan<char> line, FixOptions options, Span<char> destination, out int written)
    {
        var repaired = default(CharBuffer);
        try
        {
            ReadOnlySpan<char> result = RepairLine(line, options, null, null, ref repaired) ? repaired.Written : line;
            written = result.Length;
            return result.TryCopyTo(destination);
        }
        finally
        {
            repaired.Dispose();
        }
    }

    /// <summary>
    /// Moves <paramref name="start"/> on to the next line of <paramref name="all"/> that one classifying pass (every
    /// search of the repair at once, vectorized) finds a candidate in, its break included up to
    /// <paramref name="end"/>; false when no line is left. Clean lines thus cost no per-line call and the search
    /// stays linear. A line whose only candidates are double-byte suspects is passed over when that pass cannot
    /// read it. <paramref name="start"/> must be a line start (a suspect stretch needs a CJK character of its line).
    /// </summary>
    private static bool NextSuspectLine(ReadOnlySpan<char> all, ref int start, out int end, DamageSearch searches, FixOptions options)
    {
        while (start < all.Length)
        {
            int hit = DamageClassifier.IndexOfDamage(all, start, searches, out DamageSearch fired);
            if (hit < 0)
            {
                break;
            }

            start += all[start..hit].LastIndexOfAny('\n', '\r') + 1;
            int lineEnd = all[hit..].IndexOfAny('\n', '\r'); // the line's text ends here, its break included at `end`
            lineEnd = lineEnd < 0 ? all.Length : hit + lineEnd;
            end = lineEnd < all.Length ? lineEnd + 1 : lineEnd;
            // The double-byte check reads the line as the repair will, its break included: a marker before the break
            // may stand for a character it took along, where at the text's end it would not.
            if (fired != DamageSearch.DoubleByte || DoubleByteCodePages.MayApply(all[start..end], options)
                || DamageClassifier.IndexOfDamage(all[..end], hit + 1, searches & ~DamageSearch.DoubleByte, out _) >= 0)
            {
                return true;
            }

            start = end;
        }

        end = all.Length;
        return false;
    }

    /// <summary>
    /// Repairs <paramref name="all"/> into <paramref name="destination"/>: the clean stretches between suspect
    /// lines are copied straight there, and each suspect line is repaired in a pooled buffer and copied after.
    /// False when the result does not fit (a repair never lengthens a line, so a destination as long as the text
    /// always fits). The result is that of <see cref="RepairEncoding"/>, line by line.
    /// </summary>
    internal static bool TryRepairInto(ReadOnlySpan<char> all, FixOptions options, Span<char> destination, out int written)
    {
        written = 0;
        int copied = 0;
        DamageSearch searches = DamageClassifier.SearchesFor(options);
        for (int start = 0, end; NextSuspectLine(all, ref start, out end, searches, options); start = end)
        {
            if (!BlockCopy.TryCopy(all[copied..start], destination[written..]))
            {
                return false;
            }

            written += start - copied;
            if (!TryRepairLine(all[start..end], options, destination[written..], out int n))
            {
                return false;
            }

            written += n;
            copied = end;
        }

        if (!BlockCopy.TryCopy(all[copied..], destination[written..]))
        {
            return false;
        }

        written += all.Length - copied;
        return true;
    }

    /// <summary>
    /// Repairs each line of <paramref name="all"/> that a search finds a candidate in; false when none changed. The
    /// repaired text goes to <paramref name="output"/>, whole, or, when <paramref name="edits"/> records, only the
    /// repaired lines, with where they go in <paramref name="edits"/>.
    /// </summary>
    private static bool RepairLines(ReadOnlySpan<char> all, FixOptions options, List<FixStep>? steps, List<DamageSite>? sites,
        ref CharBuffer output, ref LineEdits edits)
    {
        // One pooled buffer, rented at the first change (a repair never lengthens a line). Recording edits, it holds
        // only the repaired lines: it starts small and grows, so a large text with a few damaged lines does not rent
        // (and, once the pool has trimmed it, allocate) a buffer as large as the text beside the result string.
        output = new CharBuffer(edits.Recording ? Math.Min(all.Length, 1 << 14) : all.Length);
        List<FixStep>? lineSteps = steps is null ? null : [];
        List<DamageSite>? lineSites = sites is null ? null : [];
        int copied = 0;

        // Lines are visited only where a candidate lies: one classifying pass over the whole text (every search of
        // the repair at once, vectorized) finds the next, so clean lines cost no per-line call and the search stays
        // linear. A line whose only candidates are double-byte suspects is left when that pass cannot read it.
        DamageSearch searches = DamageClassifier.SearchesFor(options);
        for (int start = 0, end; NextSuspectLine(all, ref start, out end, searches, options); start = end)
        {
            lineSteps?.Clear();
            lineSites?.Clear();
            var repaired = default(CharBuffer);
            try
            {
                if (RepairLine(all[start..end], options, lineSteps, lineSites, ref repaired))
                {
                    if (edits.Recording)
                    {
                        edits.Add(start, end, repaired.Length);
                    }
                    else
                    {
                        output.Append(all[copied..start]);
                    }

                    output.Append(repaired.Written);
                    copied = end;
                    if (lineSteps is not null)
                    {
                        foreach (FixStep step in lineSteps)
                        {
                            steps!.Add(step with { Index = step.Index + start });
                        }
                    }
                }
            }
            finally
            {
                repaired.Dispose();
            }

            if (lineSites is not null)
            {
                foreach (DamageSite site in lineSites)
                {
                    sites!.Add(site with { Index = site.Index + start });
                }
            }
        }

        if (copied == 0)
        {
            return false;
        }

        if (!edits.Recording)
        {
            output.Append(all[copied..]);
        }

        return true;
    }

    private static int Differences(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int n = 0;
        for (int i = 0; i < a.Length && i < b.Length; i++)
        {
            n += a[i] != b[i] ? 1 : 0;
        }

        return n;
    }

    /// <summary>
    /// <see cref="RepairLine"/> of one suspect line of valid UTF-8 that the Windows-1252 pass reads whole as plain
    /// runs (<see cref="Repairer.TryRunPlainUtf8"/>), without decoding the line: false, with nothing decided, for any
    /// other line. On such a line RepairLine's other steps find nothing: no legacy run (a lead image is always
    /// followed by a continuation image, so no four characters U+00C0–U+00FF stand together), no double-byte suspect
    /// (no character from U+3000 on), no other-code-page reading (the whole-image reading skips it); what is left is
    /// its checks of the repaired line, made here on that line decoded, exactly as it makes them: the lost-letter
    /// pass must find no candidate, and the pass that proves the line stable nothing at all. Otherwise false.
    /// </summary>
    /// <param name="line">The line, its break included.</param>
    /// <param name="options">The options (without other fixers).</param>
    /// <param name="destination">At least as long as <paramref name="line"/>.</param>
    /// <param name="written">The repaired line's length in bytes.</param>
    internal static bool TryRepairPlainUtf8Line(ReadOnlySpan<byte> line, FixOptions options, Span<byte> destination, out int written)
    {
        if (!Repairer.TryRunPlainUtf8(line, destination, out written))
        {
            return false;
        }

        ReadOnlySpan<byte> repaired = destination[..written];
        char[]? rented = null;
        Span<char> chars = repaired.Length <= 256 ? stackalloc char[256] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(repaired.Length));
        try
        {
            System.Text.Unicode.Utf8.ToUtf16(repaired, chars, out _, out int length, replaceInvalidSequences: false);
            ReadOnlySpan<char> current = chars[..length];
            // The lost-letter pass looks for what the classifier's lost-letter search finds (SearchesFor includes it
            // whenever that pass runs), so one classifying pass answers for it and for the pass that proves the line.
            return IsSettled(current, options, DamageClassifier.SearchesFor(options));
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Whether a damaged line, repaired, holds nothing any pass of <see cref="RepairLine"/> would change: no search of
    /// <paramref name="searches"/> finds a candidate in it (one classifying pass instead of each stage's own scan),
    /// and no pair that only a damaged line's other-code-page reading takes is there.
    /// </summary>
    private static bool IsSettled(ReadOnlySpan<char> line, FixOptions options, DamageSearch searches) =>
        DamageClassifier.IndexOfDamage(line, 0, searches, out _) < 0
        && !(options.OtherCodePages && OtherCodePages.MayChangeInDamagedLine(line));

    /// <summary>
    /// Repairs one line in passes until it is stable; false when nothing changed, else the repaired line is in
    /// <paramref name="result"/> (the caller disposes it). The line stays a span, over the input or a pooled
    /// buffer: a pass that works on strings (double-byte, other code pages, lost letters) gets one only when its
    /// own check says it may change the line, which in Windows-1252 damage it hardly ever does.
    /// </summary>
    private static bool RepairLine(ReadOnlySpan<char> text, FixOptions options, List<FixStep>? steps, List<DamageSite>? sites,
        ref CharBuffer result)
    {
        if (!RepairLineOnce(text, options, steps, sites, ref result))
        {
            return false;
        }

        // A guess may restore a line break that a double-byte marker swallowed (。 and a break read as 銆?): the line
        // is then two lines, and a second Fix would repair each on its own evidence, which may decide otherwise than
        // the whole line's did. Each new line is repaired so here, as that Fix would; a round is needed again only
        // where it restored yet another break (each line is otherwise stable after its own passes).
        int breaks = text.Count('\n') + text.Count('\r');
        for (int round = 0; round < MaxBreakRounds; round++)
        {
            ReadOnlySpan<char> written = result.Written;
            int now = written.Count('\n') + written.Count('\r');
            if (now <= breaks)
            {
                break;
            }

            breaks = now;

            var next = new CharBuffer(written.Length);
            List<FixStep>? later = steps is null ? null : [];
            bool any = false;
            for (int start = 0, end; start < written.Length; start = end)
            {
                int lineBreak = written[start..].IndexOfAny('\n', '\r');
                end = lineBreak < 0 ? written.Length : start + lineBreak + 1;
                List<FixStep>? pieceSteps = steps is null ? null : [];
                var piece = default(CharBuffer);
                try
                {
                    ReadOnlySpan<char> line = written[start..end];
                    if (DamageClassifier.MayChangeLine(line, options) && RepairLineOnce(line, options, pieceSteps, null, ref piece))
                    {
                        next.Append(piece.Written);
                        later?.AddRange(pieceSteps!.Select(step => step with { Index = step.Index + start }));
                        any = true;
                    }
                    else
                    {
                        next.Append(line);
                    }
                }
                finally
                {
                    piece.Dispose();
                }
            }

            if (!any)
            {
                next.Dispose();
                break;
            }

            if (steps is not null)
            {
                Compose(steps, later!, text, written);
            }

            result.Dispose();
            result = next;
        }

        return true;
    }

    /// <summary>How many times a line that a repair split by restoring a line break is repaired again, line by line.</summary>
    private const int MaxBreakRounds = 4;

    /// <summary>The passes of <see cref="RepairLine"/> over one line, until it is stable.</summary>
    private static bool RepairLineOnce(ReadOnlySpan<char> text, FixOptions options, List<FixStep>? steps, List<DamageSite>? sites,
        ref CharBuffer result)
    {
        ReadOnlySpan<char> current = text;
        string? currentString = null; // the string current is, when a string pass made it
        var held = default(CharBuffer); // the pooled buffer current lies in, when the Windows-1252 pass made it
        bool changed = false;

        // Text of another script stored in an 8-bit code page and read as Windows-1252: its reading is weighed
        // against the UTF-8 passes below.
        string? legacy = null;
        List<FixStep>? legacySteps = null;
        bool legacyWon = false;
        if (options.OtherCodePages && LegacyText.IndexOfCandidate(text, 0) >= 0)
        {
            string line = text.ToString();
            legacySteps = steps is null ? null : [];
            legacy = LegacyText.Repair(line, legacySteps);
            legacy = ReferenceEquals(legacy, line) ? null : legacy;
        }

        DoubleByteCodePage? doubleBytePage = null; // the page a pass repaired the line through: later passes keep to it
        DamageSearch searches = DamageClassifier.SearchesFor(options);
        bool settled = false; // the current line holds nothing any pass looks for
        try
        {
            for (int round = 0; round < 2; round++)
            {
                // The lost-letter step saw exactly the current line and left it unchanged: on the same line it would
                // again find nothing to do, so a pass in which nothing else changed the line skips it. A repaired line
                // is otherwise scanned for lost letters twice (by the pass that repaired it and by the pass that
                // proves it stable).
                bool lostSettled = false;
                for (int pass = 0; pass < MaxPasses; pass++)
                {
                    if (pass > 0 && IsSettled(current, options, searches))
                    {
                        // The pass that proves a repaired line stable: when no search finds anything in it (one
                        // classifying pass instead of each stage's own scan), no stage below would change it. The
                        // line is damaged by now, so the pairs only such a line reads are checked as well.
                        settled = true;
                        break;
                    }

                    bool passChanged = false;
                    if (options.DoubleByteCodePages && DoubleByteCodePages.MayApply(current, options, doubleBytePage))
                    {
                        List<FixStep>? pageSteps = steps is null ? null : [];
                        string before = currentString ?? current.ToString();
                        string next = DoubleByteCodePages.Repair(before, options, pageSteps, ref doubleBytePage);
                        Take(next, before, steps, pageSteps, text, ref current, ref currentString, ref held, ref passChanged);
                    }

                    bool lineDamaged = changed || passChanged; // an earlier pass proved the line misread

                    // Unless repairs are explained, the Windows-1252 pass reads the line first. When its plain decoding
                    // covers every non-ASCII character, the line is a Windows-1252 image of valid UTF-8, which the other
                    // code pages' check below would only validate to find nothing; and its reading stands whenever the
                    // other code pages leave the line as it is, so it is made once either way.
                    var early = default(CharBuffer);
                    bool earlyRead = false, earlyChanged = false, earlyPeeled = false, wholeImage = false;
                    if (steps is null && sites is null && options.OtherCodePages && !CandidateScanner.CannotHoldDamage(current))
                    {
                        early = new CharBuffer(current.Length);
                        var first = new Repairer(current, options);
                        earlyChanged = first.Run(ref early);
                        earlyRead = true;
                        earlyPeeled = first.PeeledFurtherLayer;
                        wholeImage = first.ReadWholeImage;
                    }

                    if (options.OtherCodePages
                        && ((!wholeImage && OtherCodePages.MayChange(current)) || (lineDamaged && OtherCodePages.MayChangeInDamagedLine(current))))
                    {
                        List<FixStep>? pageSteps = steps is null ? null : [];
                        string before = currentString ?? current.ToString();
                        string next = OtherCodePages.Repair(before, pageSteps, options, lineDamaged);
                        bool pageChanged = false;
                        Take(next, before, steps, pageSteps, text, ref current, ref currentString, ref held, ref pageChanged);
                        if (pageChanged)
                        {
                            passChanged = true;
                            early.Dispose(); // read again below, from the new line
                            earlyRead = false;
                        }
                    }

                    if (earlyRead || !CandidateScanner.CannotHoldDamage(current)) // (an early reading saw this very line hold damage)
                    {
                        List<FixStep>? passSteps = steps is null ? null : [];
                        List<DamageSite>? passSites = pass == 0 ? sites : null;
                        int sitesBefore = passSites?.Count ?? 0;
                        CharBuffer output;
                        bool read, peeled;
                        if (earlyRead)
                        {
                            output = early; // handed over: the early reading is this pass's
                            read = earlyChanged;
                            peeled = earlyPeeled;
                        }
                        else
                        {
                            output = new CharBuffer(current.Length);
                            var repairer = new Repairer(current, options, passSteps, passSites);
                            read = repairer.Run(ref output);
                            peeled = repairer.PeeledFurtherLayer;
                        }

                        if (read)
                        {
                            List<FixStep>? beneathSteps = steps is null ? null : [];
                            List<DamageSite>? beneathSites = passSites is null ? null : [];
                            if (peeled && options.OtherCodePages
                                && ReadingBeneathOtherPage(current, options, beneathSteps, beneathSites, output.Length) is string beneath)
                            {
                                // The runs peeled twice were another code page's image: its reading wins.
                                output.Dispose();
                                passSteps?.Clear();
                                passSteps?.AddRange(beneathSteps!);
                                passSites?.RemoveRange(sitesBefore, passSites.Count - sitesBefore);
                                passSites?.AddRange(beneathSites!);
                                output = new CharBuffer(beneath.Length);
                                output.Append(beneath);
                            }

                            if (steps is not null)
                            {
                                Compose(steps, passSteps!, text, current);
                            }

                            held.Dispose();
                            held = output;
                            current = held.Written;
                            currentString = null;
                            passChanged = true;
                        }
                        else
                        {
                            output.Dispose();
                        }
                    }

                    if (options.Lossy != LossyRepair.Leave && !(lostSettled && !passChanged))
                    {
                        bool lostChanged = false;
                        if (Lossy.LostLetters.IndexOfCandidate(current, 0) >= 0)
                        {
                            List<FixStep>? lostSteps = steps is null ? null : [];
                            string before = currentString ?? current.ToString();
                            string next = Lossy.LostLetters.Repair(before, options, lostSteps);
                            Take(next, before, steps, lostSteps, text, ref current, ref currentString, ref held, ref lostChanged);
                        }

                        passChanged |= lostChanged;
                        lostSettled = !lostChanged;
                    }

                    changed |= passChanged;
                    if (!passChanged)
                    {
                        break;
                    }
                }

                if (round == 0 && legacy is not null && (!changed || Differences(text, legacy) > 4 * (text.Length - current.Length)))
                {
                    // Such text has no UTF-8 damage, though a few of its pairs look like some (Â³ is Belarusian "Ві"):
                    // its reading wins when it changes far more than the UTF-8 passes shrank the line. UTF-8 damage
                    // itself shrinks by about a character per letter. The passes then run again over that reading (a C1
                    // control or a Windows-1252 pair beside it), so a second Fix finds nothing more.
                    steps?.Clear();
                    steps?.AddRange(legacySteps!);
                    sites?.Clear();
                    legacyWon = true;
                    settled = false;
                    Take(legacy, string.Empty, null, null, text, ref current, ref currentString, ref held, ref changed);
                    continue;
                }

                break;
            }

            if (!legacyWon && changed && !settled && options.OtherCodePages && LegacyText.IndexOfCandidate(current, 0) >= 0)
            {
                // The UTF-8 reading won; what it left is read as a line of its own, as a second Fix would (idempotence).
                List<FixStep>? laterSteps = steps is null ? null : [];
                string before = currentString ?? current.ToString();
                string next = LegacyText.Repair(before, laterSteps);
                Take(next, before, steps, laterSteps, text, ref current, ref currentString, ref held, ref changed);
            }

            if (steps is not null)
            {
                SplitByDepth(steps);
            }

            if (changed)
            {
                if (currentString is null)
                {
                    result = held; // hand the buffer over instead of copying it
                    held = default;
                }
                else
                {
                    result = new CharBuffer(currentString.Length);
                    result.Append(currentString);
                }
            }

            return changed;
        }
        finally
        {
            held.Dispose();
        }
    }

    /// <summary>
    /// The reading of a line whose Windows-1252 pass peeled some run twice, when one layer of Windows-1252 and then
    /// another code page read it shorter (ftfy #181): MacRoman then Windows-1252 leaves <c>—Ö—Ä–æ</c> after the
    /// first layer, where <c>Ä–</c> would pass for a second layer (Ė), though MacRoman reads the whole word (хро).
    /// Null when the other code page reads nothing or no less. True double Windows-1252 damage never gets here: its
    /// first layer is Windows-1252 damage again, which the other code pages leave to the Windows-1252 pass.
    /// </summary>
    private static string? ReadingBeneathOtherPage(ReadOnlySpan<char> current, FixOptions options, List<FixStep>? steps,
        List<DamageSite>? sites, int deepLength)
    {
        var first = new CharBuffer(current.Length);
        try
        {
            var shallow = new Repairer(current, s_oneLayer.GetValue(options, static o => o with { MaxLayers = 1 }), steps, sites);
            if (!shallow.Run(ref first) || !OtherCodePages.MayChange(first.Written))
            {
                return null;
            }

            string layer = first.Written.ToString();
            List<FixStep>? pageSteps = steps is null ? null : [];
            string read = OtherCodePages.Repair(layer, pageSteps, options, lineDamaged: true);
            if (read.Length >= deepLength)
            {
                return null;
            }

            if (steps is not null)
            {
                Compose(steps, pageSteps!, current, layer);
            }

            return read;
        }
        finally
        {
            first.Dispose();
        }
    }

    /// <summary>Makes a string pass's result the current line when it changed it, folding its steps in.</summary>
    private static void Take(string next, string before, List<FixStep>? steps, List<FixStep>? passSteps, ReadOnlySpan<char> text,
        ref ReadOnlySpan<char> current, ref string? currentString, ref CharBuffer held, ref bool changed)
    {
        if (ReferenceEquals(next, before))
        {
            currentString = before; // keep the copy: the next string pass needs no other
            return;
        }

        if (steps is not null)
        {
            Compose(steps, passSteps!, text, before);
        }

        held.Dispose();
        held = default;
        current = next;
        currentString = next;
        changed = true;
    }

    /// <summary>
    /// Folds the steps of a later pass (positions in <paramref name="current"/>) into the steps so far
    /// (positions in <paramref name="input"/>). Earlier replacements and later runs that overlap or touch form one
    /// cluster, reported as a single step; a position outside every cluster maps back by the length changes of
    /// the earlier steps before it, so the composed steps always lie inside <paramref name="input"/>.
    /// </summary>
    internal static void Compose(List<FixStep> steps, List<FixStep> later, ReadOnlySpan<char> input, ReadOnlySpan<char> current)
    {
        if (later.Count == 0)
        {
            return;
        }

        if (steps.Count == 0)
        {
            steps.AddRange(later);
            return;
        }

        // Earlier steps in current-text coordinates, and the length change each one made.
        int n = steps.Count;
        var spans = new List<(int Start, int End, int Id)>(n + later.Count);
        int shift = 0;
        for (int i = 0; i < n; i++)
        {
            int s = steps[i].Index - shift;
            spans.Add((s, s + steps[i].Replacement.Length, i));
            shift += steps[i].Length - steps[i].Replacement.Length;
        }

        for (int j = 0; j < later.Count; j++)
        {
            spans.Add((later[j].Index, later[j].Index + later[j].Length, n + j));
        }

        spans.Sort((x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.Id.CompareTo(y.Id));

        var result = new List<FixStep>(n + later.Count);
        var earlier = new List<int>();
        var laterIds = new List<int>();
        int k = 0;
        int deltaBefore = 0; // length change of the earlier steps wholly before the cluster
        while (k < spans.Count)
        {
            int cs = spans[k].Start, ce = spans[k].End;
            earlier.Clear();
            laterIds.Clear();
            while (k < spans.Count && spans[k].Start <= ce)
            {
                ce = Math.Max(ce, spans[k].End);
                (spans[k].Id < n ? earlier : laterIds).Add(spans[k].Id);
                k++;
            }

            int delta = 0;
            foreach (int i in earlier)
            {
                delta += steps[i].Length - steps[i].Replacement.Length;
            }

            if (laterIds.Count == 0)
            {
                foreach (int i in earlier)
                {
                    result.Add(steps[i]);
                }

                deltaBefore += delta;
                continue;
            }

            laterIds.Sort();
            var encodings = new List<string>();
            double confidence = 1;
            bool guess = false;
            IReadOnlyList<string> earlierChain = [];
            foreach (int i in earlier)
            {
                earlierChain = Longer(earlierChain, steps[i].Encodings);
                confidence = Math.Min(confidence, steps[i].Confidence);
                guess |= steps[i].IsGuess;
            }

            IReadOnlyList<string> laterChain = [];

            var replacement = new System.Text.StringBuilder();
            int pos = cs;
            FixKind kind = FixKind.Mojibake;
            foreach (int id in laterIds)
            {
                FixStep step = later[id - n];
                int a = Math.Max(step.Index, pos), b = Math.Max(step.Index + step.Length, a);
                replacement.Append(current[pos..a]).Append(step.Replacement);
                pos = b;
                laterChain = Longer(laterChain, step.Encodings);
                confidence = Math.Min(confidence, step.Confidence);
                guess |= step.IsGuess;
                kind = step.Kind;
            }

            replacement.Append(current[pos..ce]);

            // One layer's sites share its chain once: the merged site was damaged by the earlier layer's chain
            // and then the later one's, not once per site it holds.
            encodings.AddRange(earlierChain);
            encodings.AddRange(laterChain);
            int inStart = cs + deltaBefore;
            int inEnd = ce + deltaBefore + delta;
            result.Add(new FixStep(inStart, inEnd - inStart, input[inStart..inEnd].ToString(), replacement.ToString(), encodings,
                confidence, guess, guess ? FixKind.LossySequence : kind));
            deltaBefore += delta;
        }

        steps.Clear();
        steps.AddRange(result);
    }

    /// <summary>
    /// Splits steps whose characters were not all damaged the same number of times (a run where only part took
    /// a further layer, or a merged cluster) into pieces that each name their own chain. Each character of the
    /// replacement is damaged again with the chain's outer layers, deepest first, until it gives back the next
    /// characters of the original; ASCII stays with its neighbours. A step that does not walk through exactly
    /// (a guess, a C1 control shown as its Windows-1252 character) stays as it is.
    /// </summary>
    private static void SplitByDepth(List<FixStep> steps)
    {
        for (int k = steps.Count - 1; k >= 0; k--)
        {
            if (steps[k].Encodings.Count >= 2 && !steps[k].IsGuess && PiecesByDepth(steps[k]) is { } pieces)
            {
                steps.RemoveAt(k);
                steps.InsertRange(k, pieces);
            }
        }
    }

    private static List<FixStep>? PiecesByDepth(FixStep step)
    {
        string o = step.Original, r = step.Replacement;
        IReadOnlyList<string> chain = step.Encodings;
        var pieces = new List<FixStep>();
        int pieceR = 0, pieceO = 0, pieceDepth = 0, p = 0;
        for (int i = 0; i < r.Length;)
        {
            int len = char.IsHighSurrogate(r[i]) && i + 1 < r.Length && char.IsLowSurrogate(r[i + 1]) ? 2 : 1;
            int depth = 0, width = 0;
            if (r[i] < 0x80)
            {
                if (p >= o.Length || o[p] != r[i])
                {
                    return null;
                }

                width = 1;
            }
            else
            {
                for (int d = chain.Count; d >= 1 && depth == 0; d--)
                {
                    if (Shown(r.AsSpan(i, len), chain, d, o, p) is int w and >= 0)
                    {
                        (depth, width) = (d, w);
                    }
                }

                if (depth == 0)
                {
                    return null;
                }
            }

            if (depth != 0 && pieceDepth != 0 && depth != pieceDepth)
            {
                pieces.Add(Piece(step, pieceR, i, pieceO, p, pieceDepth));
                (pieceR, pieceO) = (i, p);
            }

            pieceDepth = depth != 0 ? depth : pieceDepth;
            i += len;
            p += width;
        }

        if (p != o.Length || (pieces.Count == 0 && pieceDepth == chain.Count))
        {
            return null; // not an exact walk, or one depth throughout: the step is right as it is
        }

        pieces.Add(Piece(step, pieceR, r.Length, pieceO, o.Length, pieceDepth == 0 ? chain.Count : pieceDepth));
        return pieces;

        static FixStep Piece(FixStep step, int r0, int r1, int o0, int o1, int depth) => step with
        {
            Index = step.Index + o0, Length = o1 - o0, Original = step.Original[o0..o1],
            Replacement = step.Replacement[r0..r1], Encodings = step.Encodings.Take(depth).ToArray(),
        };
    }

    /// <summary>
    /// How many characters of <paramref name="original"/> from <paramref name="at"/> the text becomes when damaged
    /// again by the outer <paramref name="depth"/> layers of the chain (its UTF-8 bytes shown through each code
    /// page, the innermost of them first); -1 when it does not give back those characters. A Windows-1252 or
    /// Latin-1 layer may show a byte 0x80–0x9F as its Windows-1252 character or as a C1 control: real decoders do
    /// either, and damage through a code page that leaves a byte undefined shows it as the control.
    /// </summary>
    private static int Shown(ReadOnlySpan<char> text, IReadOnlyList<string> chain, int depth, string original, int at)
    {
        if (depth == 0)
        {
            return original.AsSpan(at).StartsWith(text, StringComparison.Ordinal) ? text.Length : -1;
        }

        string name = chain[depth - 1];
        SingleByteCodePage? page = name is "windows-1252" or "latin-1" ? null : SingleByteCodePage.ByName(name);
        if (page is null && name is not ("windows-1252" or "latin-1"))
        {
            return -1; // a chain through a double-byte code page: not re-damaged here
        }

        Span<byte> bytes = stackalloc byte[8];
        int n = System.Text.Encoding.UTF8.GetBytes(text, bytes);
        int width = 0;
        Span<char> one = stackalloc char[1];
        foreach (byte b in bytes[..n])
        {
            one[0] = page is not null ? page.ToChar(b) : Windows1252.ToChar(b);
            int w = Shown(one, chain, depth - 1, original, at + width);
            if (w < 0 && page is null && b is >= 0x80 and < 0xA0)
            {
                one[0] = (char)b;
                w = Shown(one, chain, depth - 1, original, at + width);
            }

            if (w < 0)
            {
                return -1;
            }

            width += w;
        }

        return width;
    }

    /// <summary>The chain with more layers (the first on a tie): where one layer's sites differ, the deeper damage names the site.</summary>
    private static IReadOnlyList<string> Longer(IReadOnlyList<string> a, IReadOnlyList<string> b) => b.Count > a.Count ? b : a;
}
