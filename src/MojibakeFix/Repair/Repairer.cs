using System.Runtime.CompilerServices;
using MojibakeFix.CodePages;
using MojibakeFix.Detection;
using MojibakeFix.Internals;
using MojibakeFix.Lossy;
using MojibakeFix.Text;

namespace MojibakeFix.Repair;

/// <summary>
/// One pass over a text: finds chains of candidate sequences, decides for each whether it is damage
/// (from its own evidence, its chain, its neighbours and the rest of the document), and writes the repaired
/// text. Layered damage is undone per repaired run, never by rescanning the whole text.
/// </summary>
internal ref partial struct Repairer
{
    private const int MaxChain = 64;

    /// <summary>
    /// Tests set this on their own thread to turn the plain-chain shortcut off, so that they can compare its output
    /// with the general path's on the same input.
    /// </summary>
    [ThreadStatic]
    internal static bool t_generalPathOnly;

    private readonly ReadOnlySpan<char> _s;
    private readonly FixOptions _o;
    private readonly bool _nested;
    private readonly List<FixStep>? _steps;
    private readonly List<DamageSite>? _sites;
    private sbyte _docEvidence; // -1 unknown, 0 no, 1 yes
    private PunctuationStyle? _style;
    private int _docScripts; // scripts of the proven sequences in the document, one bit per Script
    private long _docFamilies; // writing systems (Family) of the proven sequences
    private bool _profiled;
    private bool _quoteOpen;
    private sbyte _lossyEvidence = -1;
    private sbyte _vietnamese = -1; // whole-document answers, computed once: per-candidate scans would be quadratic
    private sbyte _catalan = -1;
    private int _lastGroupEnd;
    private int _lastGroupChar;
    private int _outerLeft = -1;
    private int _outerRight = -1;
    private int _outerLeft2 = -1;
    private SingleByteCodePage? _c1Page; // the Mac or DOS code page the line's C1 controls come from, if proven
    private bool _c1PageKnown;

    internal Repairer(ReadOnlySpan<char> text, FixOptions options, List<FixStep>? steps = null, List<DamageSite>? sites = null)
        : this(text, options, nested: false, steps, sites)
    {
    }

    private Repairer(ReadOnlySpan<char> text, FixOptions options, bool nested, List<FixStep>? steps, List<DamageSite>? sites)
    {
        _s = text;
        _o = options;
        _nested = nested;
        _steps = steps;
        _sites = sites;
        _docEvidence = -1;
        _lastGroupEnd = -1;
        _lastGroupChar = -1;
    }

    /// <summary>True when some repaired sequence was a lossy guess (set by <see cref="Run"/>).</summary>
    internal bool SawGuess { get; private set; }

    /// <summary>Whether a run was peeled of more than one Windows-1252 layer.</summary>
    internal bool PeeledFurtherLayer { get; private set; }

    /// <summary>
    /// Set by <see cref="Run"/>: every non-ASCII character of the text lay in a chain written as its plain decoding,
    /// so the text is the Windows-1252 image of valid UTF-8 (<see cref="SequenceReader.IsUtf8Image(ReadOnlySpan{char})"/>
    /// holds). False when unsure.
    /// </summary>
    internal bool ReadWholeImage { get; private set; }

    /// <summary>The code page the damage of this pass came through (set by <see cref="Run"/>).</summary>
    internal string Label { get; private set; } = "windows-1252";

    private readonly bool Lossy
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _o.Lossy != LossyRepair.Leave;
    }

    /// <summary>Repairs the text into <paramref name="output"/>; false (and nothing written) when nothing changed.</summary>
    internal bool Run(ref CharBuffer output)
    {
        ReadOnlySpan<char> s = _s;
        WorkMeter.Add(s.Length);
        int scored = 0; // candidates read, counted once at the end: the meter is a thread static
        int pending = 0;
        bool changed = false;
        bool sawC1 = false, sawSpecial = false;
        Unsafe.SkipInit(out StackBuffer64<Sequence> chainBuffer);
        Unsafe.SkipInit(out StackBuffer64<bool> acceptedBuffer);
        Span<Sequence> chain = chainBuffer;
        Span<bool> accepted = acceptedBuffer;

        var cursor = new CandidateCursor(s);
        int i = cursor.Next(0);
        int plainEnd = 0; // the end of the last plain chain, while every non-ASCII character before it lay in one
        bool wholeImage = true;
        while (i >= 0)
        {
            int next = i + 1;
            char c = s[i];
            if (Sequence.IsLeadChar(c))
            {
                // The shortcuts first: the run in one loop, else the chain read into sequences and written plain.
                int count = 0;
                bool plain = TryEmitPlainRun(i, ref output, ref pending, ref sawC1, ref sawSpecial, ref scored, out int emittedEnd);
                if (!plain && (count = ReadChain(i, chain, ref scored)) > 0
                    && TryEmitPlainChain(chain[..count], ref output, ref pending, ref sawC1, ref sawSpecial))
                {
                    plain = true;
                    emittedEnd = chain[count - 1].End;
                }

                if (plain)
                {
                    next = emittedEnd;
                    changed = true;
                    wholeImage = wholeImage && System.Text.Ascii.IsValid(s[plainEnd..i]);
                    plainEnd = next;
                }
                else if (count > 0)
                {
                    wholeImage = false;
                    foreach (ref Sequence q in chain[..count])
                    {
                        SequenceReader.GradeIfNeeded(s, ref q); // the general path weighs every sequence
                    }

                    Decide(chain[..count], accepted[..count]);
                    next = chain[count - 1].End;
                    for (int a = 0; a < count;)
                    {
                        if (!accepted[a])
                        {
                            // A rejected sequence (á + space + \x93 is no Mongolian digit) still holds its C1 controls.
                            changed |= EmitC1Within(chain[a].Start, chain[a].End, ref output, ref pending);
                            a++;
                            continue;
                        }

                        int b = a + 1;
                        while (b < count && accepted[b])
                        {
                            b++;
                        }

                        foreach (ref readonly Sequence q in chain[a..b])
                        {
                            sawC1 |= q.SawC1;
                            sawSpecial |= q.SawSpecial;
                        }

                        changed |= EmitGroup(chain[a..b], ref output, ref pending);
                        a = b;
                    }
                }
            }
            else if (!_nested && _o.FixC1Controls && c < '\u00A0')
            {
                int end = i;
                while (end < s.Length && s[end] is >= '\u0080' and < '\u00A0' && MapsC1(s[end]))
                {
                    end++;
                }

                if (end > i)
                {
                    EmitC1(i, end, ref output, ref pending);
                    changed = true;
                    next = end;
                    wholeImage = false;
                }
            }

            i = cursor.Next(next);
        }

        ReadWholeImage = changed && wholeImage && System.Text.Ascii.IsValid(s[plainEnd..]);
        WorkMeter.Add(scored);
        if (changed)
        {
            output.Append(s[pending..]);
        }

        Label = sawC1 && !sawSpecial ? "latin-1" : "windows-1252";
        return changed;
    }

    private readonly int ReadChain(int i, scoped Span<Sequence> chain, ref int scored)
    {
        int count = 0;
        bool lossy = Lossy, lostSpaces = _o.RestoreLostNoBreakSpace;
        while (count < chain.Length && i < _s.Length && SequenceReader.TryReadUncounted(_s, i, lossy, lostSpaces, grade: false, out chain[count]))
        {
            i = chain[count].End;
            count++;
        }

        // One candidate scored per read, the failed last one included.
        scored += count < chain.Length && i < _s.Length ? count + 1 : count;
        return count;
    }

    /// <summary>
    /// The common case at a fraction of the cost of <see cref="Decide"/> and <see cref="EmitGroup"/>: a chain that
    /// those would accept whole and write as its plain decoding. Every sequence is complete (no lost byte or
    /// space), the chain holds proof (or is one proven sequence that passes the case check), the decoding holds no
    /// C1 control and no lead image before a continuation image (so no further layer can be peeled), and no
    /// neighbour can join the replacement into a new sequence. False (nothing written) for anything else, which
    /// then takes the general path; the output is the same either way.
    /// </summary>
    private bool TryEmitPlainChain(scoped Span<Sequence> chain, ref CharBuffer output, ref int pending,
        ref bool sawC1, ref bool sawSpecial)
    {
        if (_nested || _steps is not null || t_generalPathOnly)
        {
            return false;
        }

        int start = chain[0].Start, end = chain[^1].End;

        // WouldFormNewSequence: a new sequence must start at a lead image left of the replacement, or run from
        // inside it into a continuation image right of it.
        for (int j = Math.Max(Math.Max(pending, start - 3), 0); j < start; j++)
        {
            if (Sequence.IsLeadChar(_s[j]))
            {
                return false;
            }
        }

        if (end < _s.Length && Windows1252.ContinuationByte(_s[end]) != 0)
        {
            return false;
        }

        bool anyDefinite = false, ambiguous = false, c1 = false, special = false;
        int previous = -1; // the last UTF-16 unit of the decoding so far
        foreach (ref Sequence q in chain)
        {
            int cp = q.CodePoint;
            if (q.SpaceMask != 0 || q.UnknownMask != 0 || q.ByteCount > 4 || cp is >= 0x80 and < 0xA0
                || (Sequence.IsLeadChar((char)previous) && previous >= 0 && (Windows1252.ContinuationByte((char)cp) != 0 || cp == 0xFFFD)))
            {
                return false;
            }

            if (!anyDefinite || _sites is not null)
            {
                // Grades matter until one sequence proves the chain, and all of them for a site's confidence.
                SequenceReader.GradeIfNeeded(_s, ref q);
            }

            anyDefinite |= q.Evidence == Evidence.Definite && q.Lead != 0xD7 && Sequence.IsPlausible(cp);
            ambiguous |= q.Evidence == Evidence.Ambiguous;
            c1 |= q.SawC1;
            special |= q.SawSpecial;
            previous = cp < 0x10000 ? cp : 0xDC00 + (cp & 0x3FF);
        }

        int l = Left(start);
        if (chain.Length == 1)
        {
            ref readonly Sequence q = ref chain[0];
            if (q.Evidence != Evidence.Definite || q.Lead == 0xD7 || !anyDefinite
                || !IsAcceptableResult(q.CodePoint, true, true, l) || IsCaseAnomaly(chain, 0, l, Right(end)))
            {
                return false;
            }
        }
        else
        {
            if (!anyDefinite)
            {
                return false;
            }

            for (int k = 0; k < chain.Length; k++)
            {
                int cp = chain[k].CodePoint;
                if (!IsAcceptableResult(cp, Sequence.IsPlausible(cp), true, k == 0 ? l : chain[k - 1].CodePoint))
                {
                    return false;
                }
            }
        }

        output.Append(_s[pending..start]);
        foreach (ref readonly Sequence q in chain)
        {
            output.AppendCodePoint(q.CodePoint);
        }

        pending = end;
        sawC1 |= c1;
        sawSpecial |= special;
        WrotePlain(start, end, previous, ambiguous);
        return true;
    }

    /// <summary>
    /// What both shortcuts note after writing [<paramref name="start"/>, <paramref name="end"/>) as its decoding: the
    /// group's end and last UTF-16 unit (the left neighbour of a chain right after it), and its site.
    /// </summary>
    private void WrotePlain(int start, int end, int lastUnit, bool ambiguous)
    {
        _lastGroupEnd = end;
        _lastGroupChar = lastUnit;
        _sites?.Add(new DamageSite(start, end - start, ambiguous ? 0.8 : 0.99, false));
    }

    /// <summary>
    /// <see cref="ReadChain"/> and <see cref="TryEmitPlainChain"/> in one loop, for the chain of whole sequences that
    /// a run of non-ASCII characters between ASCII ones is (a misread word of Cyrillic, Greek or CJK, an accented
    /// letter or a quote in Latin text): each character is looked up once and no <see cref="Sequence"/> is stored.
    /// It writes exactly what those two would, and returns false (nothing written, nothing changed) wherever they
    /// might differ, so the caller then takes them: a run that is not such a chain, a decision the shortcut leaves to
    /// the general path.
    /// </summary>
    private bool TryEmitPlainRun(int start, ref CharBuffer output, ref int pending, ref bool sawC1, ref bool sawSpecial,
        ref int scored, out int end)
    {
        end = start;
        ReadOnlySpan<char> s = _s;
        if (_nested || _steps is not null || t_generalPathOnly)
        {
            return false;
        }

        // WouldFormNewSequence, as in TryEmitPlainChain; on the right the run ends at ASCII, never a continuation image.
        for (int j = Math.Max(Math.Max(pending, start - 3), 0); j < start; j++)
        {
            if (Sequence.IsLeadChar(s[j]))
            {
                return false;
            }
        }

        Unsafe.SkipInit(out StackBuffer64<int> pointsBuffer);
        Span<int> points = pointsBuffer;
        bool grading = true, anyDefinite = false, ambiguous = false;
        int previous = -1, count = 0; // previous: the last UTF-16 unit of the decoding so far
        bool c1 = false, special = false;
        int i = start;
        while (true)
        {
            char c0 = s[i];
            if (!Sequence.IsLeadChar(c0) || count == points.Length)
            {
                return false;
            }

            int n = Sequence.LengthOfLead(c0);
            if (i + n > s.Length)
            {
                return false;
            }

            int cp = ReadPlainSequence(s, i, c0, n, previous, count == 0 ? Left(start) : points[count - 1],
                out _, out bool plausible, out bool seqC1, out bool seqSpecial);
            if (cp < 0)
            {
                return false;
            }

            if (grading)
            {
                Evidence evidence = SequenceReader.Grade(s, i, i + n);
                anyDefinite |= evidence == Evidence.Definite && c0 != '\u00D7' && plausible;
                ambiguous |= evidence == Evidence.Ambiguous;
                grading = !anyDefinite || _sites is not null; // all grades only for a site's confidence
            }

            points[count++] = cp;
            special |= seqSpecial;
            c1 |= seqC1;
            previous = cp < 0x10000 ? cp : 0xDC00 + (cp & 0x3FF);
            i += n;
            if (i == s.Length || s[i] < '\u0080')
            {
                break;
            }
        }

        // A sequence alone must also pass the chain path's case check (a small letter between capitals: MÃ©M). A run
        // without proof is still one Decide accepts whole when its letters are of one script (Hebrew: × is no proof).
        if (!(anyDefinite || IsSameScriptRun(points[..count])) || (count == 1 && IsCaseAnomalyAlone(points[0], start, Left(start), Right(i))))
        {
            return false;
        }

        scored += count < points.Length && i < s.Length ? count + 1 : count; // as ReadChain counts, its failed last read too

        output.Append(s[pending..start]);
        foreach (int cp in points[..count])
        {
            output.AppendCodePoint(cp);
        }

        end = i;
        pending = i;
        sawC1 |= c1;
        sawSpecial |= special;
        WrotePlain(start, i, previous, ambiguous);
        return true;
    }

    /// <summary>
    /// One whole sequence of a plain run, as both plain-run shortcuts read it: the sequence of <paramref name="n"/>
    /// characters at <paramref name="i"/> (lead <paramref name="c0"/>), its bytes, and its code point when the chain
    /// path would write that decoding as it is: no C1 control, no continuation image right after a decoded lead image
    /// (<paramref name="previous"/>, the last UTF-16 unit decoded before it: a further layer), and a result
    /// <see cref="IsAcceptableResult"/> takes beside <paramref name="left"/> (the code point decoded before it, or
    /// the text's). -1 for anything else.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadPlainSequence(ReadOnlySpan<char> s, int i, char c0, int n, int previous, int left,
        out uint bytes, out bool plausible, out bool c1, out bool special)
    {
        plausible = false;
        if (!SequenceReader.TryReadWholeBytes(s, i, c0, n, out bytes, out c1, out special, out _))
        {
            return -1;
        }

        int cp = Sequence.DecodeUtf8(bytes, n);
        if (cp < 0 || cp is >= 0x80 and < 0xA0
            || (Sequence.IsLeadChar((char)previous) && previous >= 0 && (Windows1252.ContinuationByte((char)cp) != 0 || cp == 0xFFFD)))
        {
            return -1;
        }

        plausible = Sequence.IsPlausible(cp);
        return IsAcceptableResult(cp, plausible, true, left) ? cp : -1;
    }

    private void Decide(scoped ReadOnlySpan<Sequence> chain, scoped Span<bool> accepted)
    {
        bool anyDefinite = false;
        Unsafe.SkipInit(out StackBuffer64<bool> plausibleBuffer);
        Span<bool> plausible = ((Span<bool>)plausibleBuffer)[..chain.Length]; // one category lookup per sequence, used twice
        for (int k = 0; k < chain.Length; k++)
        {
            ref readonly Sequence q = ref chain[k];
            plausible[k] = Sequence.IsPlausible(q.CodePoint);
            anyDefinite |= q.Evidence == Evidence.Definite && q.Lead != 0xD7
                && (plausible[k] || q.CodePoint is >= 0x80 and < 0xA0);
        }

        for (int k = 0; k < chain.Length; k++)
        {
            ref readonly Sequence q = ref chain[k];

            // Neighbours as the repaired text would have them: an adjacent sequence counts as what it decodes to.
            bool joinedLeft = k > 0 && chain[k - 1].End == q.Start;
            bool joinedRight = k + 1 < chain.Length && chain[k + 1].Start == q.End;
            int l = joinedLeft && accepted[k - 1] ? chain[k - 1].CodePoint : Left(q.Start);
            int r = joinedRight ? chain[k + 1].CodePoint : Right(q.End);
            if (q.HasTrailingSpace && _s[q.Start] is '\u00C3' or '\u00C2')
            {
                accepted[k] = AcceptAlone(q, l, r); // the no-break-space rules, never carried by the chain
                continue;
            }

            if (q.HasTrailingSpace && q.ByteCount == 2 && _s[q.Start] == '\u00C5' && !joinedRight)
            {
                // Å + lost no-break space is Š starting a word (Lithuanian "Å ie" → Šie) in a damaged document.
                accepted[k] = !CharInfo.IsLetter(l) && CharInfo.IsLower(Right(q.End)) && DocEvidence();
                continue;
            }

            if (q.HasTrailingSpace)
            {
                // A space at the end is a lost 0xA0 only inside a word of the same script (à¸ à¸², Ð ÑƒÑ).
                bool symbol = !CharInfo.IsLetter(q.CodePoint) && q.CodePoint is >= 0x2000 and < 0x2C00; // âš ï¸ → ⚠️
                // Its other characters must prove damage on their own: é… before a space is correct text.
                bool ownEvidence = q.ByteCount == 2 || !PairEvidence.IsNaturalAfterLead(_s[q.Start], _s[q.Start + 1]);
                bool rightInWord = joinedRight && SameBlock(q.CodePoint, chain[k + 1].CodePoint);
                bool leftInWord = joinedLeft && accepted[k - 1] && SameBlock(q.CodePoint, chain[k - 1].CodePoint);
                // The document's proven damage is in this writing system (Han, Hangul…): a word may end here too.
                bool docFamily = q.CodePoint >= 0x600 && CharInfo.ScriptOf(l) != Script.Latin && DocEvidence()
                    && (DocProfile().Families & FamilyBit(q.CodePoint)) != 0;
                int afterSpace = Right(q.End);
                bool wordEnd = docFamily && (afterSpace < 0 || CharInfo.IsSpace(afterSpace) || !CharInfo.IsLetter(afterSpace));
                bool inWord = rightInWord || leftInWord || wordEnd;
                ownEvidence |= (rightInWord && leftInWord) || docFamily; // 项目æ— 效: the same script on both sides
                bool evidence = anyDefinite || DocEvidence() || (joinedRight && SameScriptRun(chain, k + 1));
                accepted[k] = evidence && ((symbol && joinedRight) || (ownEvidence && q.CodePoint >= 0 && (CharInfo.IsLetter(q.CodePoint) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(q.CodePoint) == System.Globalization.UnicodeCategory.DecimalDigitNumber) && inWord));
                continue;
            }

            accepted[k] = q.Evidence switch
            {
                Evidence.Lossy => Lossy && (_o.Lossy != LossyRepair.Guess || LossyGuesser.CanGuess(q))
                    && (anyDefinite || DocEvidence() || LossyContextIsStrong(q)),
                _ when !IsAcceptableResult(q.CodePoint, plausible[k], anyDefinite, l) => false,
                Evidence.Definite when q.Lead != 0xD7 => !IsCaseAnomaly(chain, k, l, r),
                _ => anyDefinite || SameScriptRun(chain, k) || (joinedLeft && accepted[k - 1] && IsLayerChar(q.CodePoint))
                    || AcceptAlone(q, l, r),
            };
        }
    }

    /// <summary>
    /// A decoded code point worth writing: C1 controls only inside proven damage, where a further layer
    /// decodes them; combining marks only after something to combine with.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAcceptableResult(int cp, bool plausible, bool chainProven, int left) => cp switch
    {
        >= 0x80 and < 0xA0 => chainProven,
        >= 0x300 and < 0x370 => left >= 0 && !CharInfo.IsSpace(left) && plausible,
        _ => plausible,
    };

    /// <summary>
    /// Two or more adjacent sequences decoding to letters of one script support each other: Hebrew
    /// <c>×‘×”</c>, Latin <c>Å«Å¡</c> (ūš). Correct text never strings such pairs together. A lost no-break
    /// space in Latin text is not part of a word, so it gets no support this way.
    /// </summary>
    private static bool SameScriptRun(ReadOnlySpan<Sequence> chain, int k)
    {
        int cp = chain[k].CodePoint;
        if (!CharInfo.IsLetter(cp))
        {
            return false;
        }

        Script script = CharInfo.ScriptOf(cp);
        if (script == Script.None || (script == Script.Latin && (!CharInfo.IsCommonLatinLetter(cp) || chain[k].SpaceMask != 0)))
        {
            return false;
        }

        return (k > 0 && chain[k - 1].End == chain[k].Start && SameScript(chain[k - 1], script))
            || (k + 1 < chain.Length && chain[k].End == chain[k + 1].Start && SameScript(chain[k + 1], script));
    }

    /// <summary>
    /// Whether <see cref="Decide"/> accepts every sequence of a chain without proof, decoding to
    /// <paramref name="points"/> side by side, by <see cref="SameScriptRun"/>: two or more letters, all of one script
    /// (common letters, where it is Latin), each beside another. A chain of mixed scripts may be accepted too; the
    /// shortcuts leave that to Decide.
    /// </summary>
    private static bool IsSameScriptRun(scoped ReadOnlySpan<int> points)
    {
        if (points.Length < 2)
        {
            return false;
        }

        Script script = CharInfo.ScriptOf(points[0]);
        if (script == Script.None)
        {
            return false;
        }

        foreach (int cp in points)
        {
            if (!CharInfo.IsLetter(cp) || CharInfo.ScriptOf(cp) != script || (script == Script.Latin && !CharInfo.IsCommonLatinLetter(cp)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A character that a first layer of Windows-1252 damage is made of (ƒ ’ Å …): next to an accepted
    /// sequence it is the image of a second layer (Ã…Æ’ → Åƒ → Ń).
    /// </summary>
    private static bool IsLayerChar(int cp) => cp is >= 0xA0 and <= 0xFF || (cp <= 0xFFFF && Windows1252.TryGetByte((char)cp, out byte b) && b >= 0x80);

    /// <summary>Two decoded characters of one writing system, marks and digits included (ঠ ি, ١ ٠).</summary>
    private static bool SameBlock(int a, int b)
    {
        Script sa = CharInfo.ScriptOf(a);
        if (sa is not (Script.None or Script.Other or Script.Latin) && sa == CharInfo.ScriptOf(b))
        {
            return true;
        }

        return a >= 0x600 && b >= 0x600 && Family(a) == Family(b);
    }

    /// <summary>A writing system as a range of code points: the large ones whole, the rest by 128-point block.</summary>
    private static int Family(int cp) => cp switch
    {
        >= 0x3040 and < 0x3100 or >= 0x3400 and < 0xA000 or >= 0xF900 and < 0xFB00 => 1, // kana and Han
        >= 0x1100 and < 0x1200 or >= 0xAC00 and < 0xD7B0 or >= 0x3130 and < 0x3190 => 2, // Hangul
        >= 0x1200 and < 0x13A0 => 3, // Ethiopic
        >= 0x10A0 and < 0x1100 or >= 0x1C90 and < 0x1CC0 => 4, // Georgian
        _ => cp >> 7,
    };

    private static bool SameScript(in Sequence q, Script script) =>
        q.Evidence != Evidence.Lossy && CharInfo.IsLetter(q.CodePoint) && CharInfo.ScriptOf(q.CodePoint) == script;

    /// <summary>
    /// A lone sequence that would put a lowercase letter right after a capital at the end of a word or between
    /// capitals (<c>MÄ£ÄM</c> → MģÄM): damage of correct text never produces that shape, leetspeak does.
    /// </summary>
    private readonly bool IsCaseAnomaly(ReadOnlySpan<Sequence> chain, int k, int l, int r) =>
        chain.Length == 1 && IsCaseAnomalyAlone(chain[k].CodePoint, chain[k].Start, l, r);

    /// <summary><see cref="IsCaseAnomaly"/> of a sequence alone in its chain, decoding to <paramref name="cp"/> at <paramref name="start"/>.</summary>
    private readonly bool IsCaseAnomalyAlone(int cp, int start, int l, int r) =>
        IsCaseAnomalyBetween(cp, l, start >= 2 && start - 1 != _lastGroupEnd ? _s[start - 2] : -1, r);

    /// <summary>The same check given the two characters left of the sequence (<paramref name="l2"/> -1 where it joins an earlier group).</summary>
    private static bool IsCaseAnomalyBetween(int cp, int l, int l2, int r) =>
        CharInfo.IsLower(cp) && CharInfo.IsUpper(l) && (CharInfo.IsUpper(r) || (CharInfo.IsUpper(l2) && !CharInfo.IsLower(r)));

    private bool AcceptAlone(in Sequence q, int l, int r)
    {
        int cp = q.CodePoint;
        char lead = _s[q.Start];
        char last = _s[q.End - 1];
        bool endsInSpace = last is ' ' or '\u00A0';

        if (endsInSpace && lead is '\u00C3' or '\u00C2')
        {
            return AcceptNoBreakSpace(lead, l, q.Start, q.End);
        }

        if (q.HasTrailingSpace)
        {
            return false; // a plain space at the end needs its chain (à¸ à¸²) or the no-break-space rule
        }

        if (!CharInfo.IsLetter(cp))
        {
            if (lead == '\u00C2')
            {
                return CharInfo.IsLower(l) || DocEvidence();
            }

            // A lone symbol from the general punctuation, arrows, math, dingbat and braille blocks (✔ ⚠ ♫).
            // In a further layer of a proven run, such a symbol is the layer's own evidence (Ã¢â€\u009d → ┒).
            return lead == '\u00E2' && cp is >= 0x2000 and < 0x2C00
                && (_nested || DocEvidence() || ((l < 0 || CharInfo.IsSpace(l)) && (r < 0 || CharInfo.IsSpace(r))));
        }

        if (CharInfo.ScriptOf(cp) != Script.Latin)
        {
            // A lone Cyrillic, Greek, CJK… letter: believable only in a damaged document and away from Latin
            // letters (OPCIÓ… must not end in Cyrillic Ӆ).
            Script script = CharInfo.ScriptOf(cp);
            return DocEvidence() && ((CharInfo.ScriptOf(l) != Script.Latin && CharInfo.ScriptOf(r) != Script.Latin)
                || (!_nested && script != Script.Other && (DocProfile().Scripts & (1 << (int)script)) != 0 && CharInfo.ScriptOf(r) != Script.Latin));
        }

        if (!CharInfo.IsCommonLatinLetter(cp))
        {
            return false;
        }

        bool apostropheBeforeClitic = false;
        for (int j = q.Start + 1; j < q.End && !apostropheBeforeClitic; j++)
        {
            apostropheBeforeClitic = _s[j] is '\u2019' or '\u00B4' or '`' && IsClitic(q.End);
        }

        return AcceptLatinAlone(cp, lead, l, r, LeftOf(q.Start - 1), endsInSpace, apostropheBeforeClitic) switch
        {
            Verdict.Accept => true,
            Verdict.IfProven => DocEvidence(),
            _ => false,
        };
    }

    /// <summary>What <see cref="AcceptAlone"/> answers from a sequence's neighbours, and where the line's proof decides.</summary>
    private enum Verdict : byte
    {
        Reject,
        Accept,
        IfProven,
    }

    /// <summary>
    /// <see cref="AcceptAlone"/> of a sequence decoding to a common Latin letter, from its lead image, its neighbours
    /// (<paramref name="leftOfLeft"/> the character before <paramref name="l"/>) and whether an apostrophe in it
    /// comes before an English clitic; <see cref="Verdict.IfProven"/> where only proven damage elsewhere in the line
    /// (<see cref="DocEvidence"/>) makes it damage.
    /// </summary>
    private static Verdict AcceptLatinAlone(int cp, char lead, int l, int r, int leftOfLeft, bool endsInSpace, bool apostropheBeforeClitic)
    {
        bool caseOk = CharInfo.IsUpper(cp)
            ? !CharInfo.IsLower(l) && (!CharInfo.IsLower(r) || !CharInfo.IsLetter(l))
            : CharInfo.IsLower(l) || CharInfo.IsLower(r) || (!CharInfo.IsLetter(l) && !CharInfo.IsLetter(r))
                || (CharInfo.IsUpper(l) && !CharInfo.IsLetter(leftOfLeft));
        bool midWord = CharInfo.IsLetter(l) && CharInfo.IsLetter(r) && !endsInSpace;
        if (!caseOk && !(midWord && lead == '\u00C3'))
        {
            return Verdict.Reject; // Ã inside a word is damage whatever the case around it (AtopÃ“se)
        }

        if (apostropheBeforeClitic)
        {
            // An apostrophe before an English clitic is correct text (ZZAJÉ’s, Ã’s) unless inside a word.
            return midWord ? Verdict.Accept : Verdict.Reject;
        }

        // Å/Ä at the start of a capitalised word: Latin Extended-A capitals (Åšwiat → Świat, Å’uvre → Œuvre).
        bool extendedCapital = lead is '\u00C4' or '\u00C5' && CharInfo.IsUpper(cp) && !CharInfo.IsLetter(l) && CharInfo.IsLower(r);
        // A capital right after capitals at the end of a word (PÅ…, HÄ”): shouting with punctuation is real
        // text too, so only Ã (a rare final letter) or a damaged document makes it damage.
        bool shoutEnd = CharInfo.IsUpper(cp) && CharInfo.IsUpper(l) && !CharInfo.IsLetter(r);
        if (shoutEnd)
        {
            return lead == '\u00C3' ? Verdict.Accept : Verdict.IfProven;
        }

        bool shoutedWord = CharInfo.IsUpper(cp) && CharInfo.IsUpper(r);
        // A capital lead right after a small letter (qxÅ«, piÃ¹): camel case inside a word is damage.
        bool camel = CharInfo.IsLower(l) && char.IsUpper(lead);
        return midWord || shoutedWord || camel || lead == '\u00C3' || extendedCapital ? Verdict.Accept : Verdict.IfProven;
    }

    /// <summary>
    /// <c>Ã</c> or <c>Â</c> before a (lost) no-break space: à after a lowercase letter or before a lowercase
    /// word (<c>voilÃ le</c>, <c>Ã perturber</c>), a no-break space after a lowercase letter (<c>namedÂ </c>).
    /// Not after capitals, where real text has them (<c>C O N C L U S Ã O</c>, <c>MISUTÂ AJIKKO</c>).
    /// </summary>
    private bool AcceptNoBreakSpace(char lead, int l, int start, int end)
    {
        if (CharInfo.IsLower(l))
        {
            return true;
        }

        if (lead == '\u00C3' && CharInfo.IsUpper(l) && !CharInfo.IsLetter(LeftOf(start - 1))
            && (_s[end - 1] == '\u00A0' && (end == _s.Length || CharInfo.IsSpace(_s[end]))
                || (end < _s.Length && CharInfo.IsLower(_s[end]) && CharInfo.ScriptOf(_s[end]) == Script.Latin)))
        {
            return true; // a capitalised word: CÃ\u00a0nan → Cànan, FÃ\u00a0 → Fà
        }

        if (lead == '\u00C2')
        {
            // French typography puts a no-break space before : ; ! ? » and %: "21 °CÂ :" → "21 °C :".
            bool beforePunctuation = Right(end) is ':' or ';' or '!' or '?' or '\u00BB' or '%';
            // A lone Â between spaces is a word of its own, not a leftover: it must cling to what precedes it.
            // Czech, Slovak and Polish keep single-letter prepositions with a no-break space: "ZÂ roury".
            bool clings = l < 0 || (!CharInfo.IsSpace(l) && !CharInfo.IsLetter(l));
            bool singleLetterWord = CharInfo.IsLetter(l) && !CharInfo.IsLetter(LeftOf(start));
            return clings || singleLetterWord || (beforePunctuation && DocEvidence());
        }

        int w = end;
        while (w < _s.Length && _s[w] is ' ' or '\u00A0')
        {
            w++;
        }

        // At the start of a word: before a lowercase word, and only with more evidence than a single plain
        // space (a real no-break space, a second space, or damage elsewhere in the document).
        if (CharInfo.IsLetter(l))
        {
            return false;
        }

        // A real no-break space before punctuation or the end, in a damaged document: a lone "à".
        // Ã is no word of its own in any language: before a lowercase word it is à (Ã jour, jusqu'Ã nos).
        // Before a capitalised name (Ã  Paris, Ã Lyon) only with a second space or damage elsewhere:
        // a lone capital (C O N C L U S Ã O) is spelling, not à.
        bool capitalised = w + 1 < _s.Length && CharInfo.IsUpper(_s[w]) && CharInfo.IsLower(_s[w + 1]);

        // Another "Ã " next is another possible à: judged the same way, so a run of them is decided at once
        // (otherwise each pass would settle one more, and a second Fix would change the text again).
        bool anotherA = w + 1 < _s.Length && _s[w] == '\u00C3' && _s[w + 1] is ' ' or '\u00A0';
        return (w < _s.Length && (CharInfo.IsLower(_s[w]) || anotherA || (w - end >= 1 && _s[w] is (>= '0' and <= '9') or '%')
                || (capitalised && (w - end >= 1 || DocEvidence()))
                || (!CharInfo.IsLetter(_s[w]) && !Sequence.IsLeadChar(_s[w]) && !CharInfo.IsSpace(_s[w]))))
            || (_s[end - 1] == '\u00A0' && (w == _s.Length || !CharInfo.IsLetter(_s[w])) && DocEvidence());
    }

    /// <summary>A lossy <c>â??</c> in a place only punctuation takes: inside a word, before a word after a space, between spaces.</summary>
    private bool LossyContextIsStrong(in Sequence q)
    {
        int l = Left(q.Start), r = Right(q.End);
        if (q.Lead == 0xE2 && LossyDocEvidence())
        {
            return true; // the document shows lossy punctuation elsewhere beyond doubt
        }

        if (q.Lead != 0xE2)
        {
            // U+FFFD right after a lead letter inside a word (SlovenÄ�ina): a decoder marked a lost byte.
            return q.ReplacementMask != 0 && (CharInfo.IsLower(l) || (CharInfo.IsLetter(l) && CharInfo.IsLetter(r)));
        }

        PunctuationSlot slot = LossyGuesser.Classify(l, r);
        bool keptByte = (q.UnknownMask & 0b110) != 0b110;
        return slot switch
        {
            PunctuationSlot.WordInternal or PunctuationSlot.Opening or PunctuationSlot.Spaced => true,
            PunctuationSlot.Closing => keptByte || _quoteOpen,
            _ => keptByte,
        };
    }

    /// <summary>
    /// Whether the document holds a lossy punctuation sequence that kept a telling byte (<c>â?¦</c>, <c>â?•</c>,
    /// <c>â?ž</c>) or proven damage: then bare <c>â??</c> elsewhere in it is lossy punctuation too.
    /// </summary>
    private bool LossyDocEvidence()
    {
        if (_lossyEvidence < 0)
        {
            _lossyEvidence = 0;
            ReadOnlySpan<char> s = _s;
            WorkMeter.Add(s.Length);
            for (int i = s.IndexOf('\u00E2'); i >= 0 && i < s.Length; i = NextE2(s, i + 1))
            {
                if (SequenceReader.TryRead(s, i, true, false, out Sequence q) && q.Evidence == Evidence.Lossy
                    && (q.UnknownMask & 0b110) != 0b110 && (q.UnknownMask & 0b110) != 0 && LossyGuesser.CanGuess(q))
                {
                    _lossyEvidence = 1;
                    break;
                }
            }

            if (_lossyEvidence == 0 && DocEvidence())
            {
                _lossyEvidence = 1;
            }
        }

        return _lossyEvidence == 1;
    }

    private static int NextE2(ReadOnlySpan<char> s, int from)
    {
        int k = from < s.Length ? s[from..].IndexOf('\u00E2') : -1;
        return k < 0 ? -1 : from + k;
    }

    private readonly int Left(int start) =>
        start == _lastGroupEnd ? _lastGroupChar : start > 0 ? _s[start - 1] : _outerLeft;

    /// <summary>The character before <paramref name="index"/> as the repaired text has it so far.</summary>
    private readonly int CharBefore(int index, int pending, ReadOnlySpan<char> written)
    {
        if (index - 1 >= pending)
        {
            return _s[index - 1];
        }

        int back = pending - (index - 1); // 1 = last written character
        return index - 1 >= 0 && written.Length >= back ? written[^back] : -1;
    }

    /// <summary>An English clitic after an apostrophe: ’s ’t ’d ’m ’ll ’re ’ve.</summary>
    private readonly bool IsClitic(int at)
    {
        ReadOnlySpan<char> s = _s;
        int w = at;
        while (w < s.Length && CharInfo.IsLetter(s[w]))
        {
            w++;
        }

        return IsCliticWord(s.Slice(at, w - at));
    }

    /// <summary>Whether <paramref name="letters"/>, after an apostrophe, are an English clitic: s, t, d, m, ll, re, ve.</summary>
    private static bool IsCliticWord(ReadOnlySpan<char> letters) => letters.Length switch
    {
        1 => letters[0] is 's' or 't' or 'd' or 'm',
        2 => letters is "ll" or "re" or "ve",
        _ => false,
    };

    private readonly int LeftOf(int index) => index > 0 && index - 1 < _s.Length ? _s[index - 1] : index == 0 ? _outerLeft : _outerLeft2;

    private readonly int Right(int end) => end < _s.Length ? _s[end] : _outerRight;

    /// <summary>Whether the document shows proven damage anywhere: weak evidence elsewhere is then believed.</summary>
    private bool DocEvidence()
    {
        if (_docEvidence < 0)
        {
            _docEvidence = 0;
            ReadOnlySpan<char> s = _s;
            WorkMeter.Add(s.Length);
            var cursor = new CandidateCursor(s);
            for (int i = cursor.Next(0); i >= 0; i = cursor.Next(i + 1))
            {
                if (IsProof(s, i, out _))
                {
                    _docEvidence = 1;
                    break;
                }
            }
        }

        return _docEvidence == 1;
    }

    private static bool IsProof(ReadOnlySpan<char> s, int i, out Sequence q) =>
        SequenceReader.TryRead(s, i, false, false, out q)
        && q.Evidence == Evidence.Definite && q.Lead != 0xD7 && Sequence.IsPlausible(q.CodePoint);

    /// <summary>
    /// The writing systems of the document's proven damage (one bit per <see cref="Script"/>, Vietnamese
    /// letters in <see cref="VietnameseBit"/>) and their <see cref="Family"/> bits; computed once, on demand.
    /// </summary>
    private (int Scripts, long Families) DocProfile()
    {
        if (!_profiled)
        {
            _profiled = true;
            ReadOnlySpan<char> s = _s;
            WorkMeter.Add(s.Length);
            var cursor = new CandidateCursor(s);
            for (int i = cursor.Next(0); i >= 0; i = cursor.Next(i + 1))
            {
                if (IsProof(s, i, out Sequence q))
                {
                    _docScripts |= 1 << (int)CharInfo.ScriptOf(q.CodePoint);
                    _docFamilies |= FamilyBit(q.CodePoint);
                    if (q.CodePoint is >= 0x1EA0 and <= 0x1EF9 or 0x1A1 or 0x1B0)
                    {
                        _docScripts |= VietnameseBit;
                    }

                    i = q.End - 1;
                }
            }
        }

        return (_docScripts, _docFamilies);
    }

    /// <summary>Whether the document is Vietnamese: its repairs or its text hold letters only Vietnamese uses.</summary>
    private bool Vietnamese()
    {
        if (_vietnamese < 0)
        {
            WorkMeter.Add(_s.Length);
            _vietnamese = (sbyte)((DocProfile().Scripts & VietnameseBit) != 0 || _s.IndexOfAnyInRange('\u1EA0', '\u1EF9') >= 0
                || _s.Contains("á»", StringComparison.Ordinal) || _s.Contains("áº", StringComparison.Ordinal) || _s.Contains("Æ°", StringComparison.Ordinal) ? 1 : 0);
        }

        return _vietnamese == 1;
    }

    private const int VietnameseBit = 1 << 30;

    private static long FamilyBit(int cp) => 1L << (Family(cp) & 63);

    /// <summary>Whether the text is Catalan, where à also stands inside words (vàlid, màquina).</summary>
    private bool Catalan()
    {
        if (_catalan >= 0)
        {
            return _catalan == 1;
        }

        ReadOnlySpan<char> s = _s;
        WorkMeter.Add(s.Length);
        bool catalan = s.Contains(" els ", StringComparison.Ordinal) || s.Contains(" amb ", StringComparison.Ordinal)
            || s.Contains("l·l", StringComparison.Ordinal) || s.Contains("lÂ·l", StringComparison.Ordinal)
            || s.Contains(" per a ", StringComparison.Ordinal) || s.Contains("ciÃ³", StringComparison.Ordinal) && s.Contains(" de ", StringComparison.Ordinal) && !s.Contains(" le ", StringComparison.Ordinal);
        _catalan = (sbyte)(catalan ? 1 : 0);
        return catalan;
    }

    private PunctuationStyle Style()
    {
        if (_style is null)
        {
            ReadOnlySpan<char> s = _s;
            WorkMeter.Add(2 * s.Length);
            var (open, close, _) = Conventions.For(Letters());
            bool low = (open == '\u201E' && close == '\u201C') || s.Contains('\u201E')
                || s.Contains("â€ž", StringComparison.Ordinal) || s.Contains("â?ž", StringComparison.Ordinal);
            bool em = _o.Dash switch
            {
                DashStyle.EmDash => true,
                DashStyle.EnDash => false,
                _ => s.Contains('\u2014') || s.Contains("â€”", StringComparison.Ordinal) || s.Contains("â?”", StringComparison.Ordinal),
            };
            _style = new PunctuationStyle(low, em, open, close);
        }

        return _style.Value;
    }

    /// <summary>The accented letters of the document as repaired: its own, and those its proven damage decodes to.</summary>
    private LetterSet Letters()
    {
        var set = default(LetterSet);
        foreach (char c in _s)
        {
            if (c is >= '\u00C0' and < '\u0180' and not ('\u00C3' or '\u00C2' or '\u00C5' or '\u00C4') && char.IsLetter(c))
            {
                set.Add(c);
            }
        }

        var cursor = new CandidateCursor(_s);
        for (int i = cursor.Next(0); i >= 0; i = cursor.Next(i + 1))
        {
            if (IsProof(_s, i, out Sequence q))
            {
                set.Add(q.CodePoint);
                i = q.End - 1;
            }
        }

        return set;
    }

    private bool EmitGroup(scoped ReadOnlySpan<Sequence> group, ref CharBuffer output, ref int pending)
    {
        int start = group[0].Start, end = group[^1].End;
        Unsafe.SkipInit(out StackBuffer512<char> firstBuffer);
        Span<char> first = ((Span<char>)firstBuffer)[..Math.Min(2 * (end - start) + 2, 512)];
        var layer = new CharBuffer(first);
        char[]? big = null;
        if (2 * (end - start) + 2 > first.Length)
        {
            big = System.Buffers.ArrayPool<char>.Shared.Rent(2 * (end - start) + 2);
            layer = new CharBuffer(big);
        }

        bool guess = false;
        double confidence = 0.99;
        for (int k = 0; k < group.Length; k++)
        {
            ref readonly Sequence q = ref group[k];
            int cp = q.CodePoint;
            guess |= q.SpaceMask != 0; // a lost no-break space: the byte 0xA0 is restored from context, not read
            if (q.Evidence == Evidence.Lossy)
            {
                confidence = Math.Min(confidence, 0.6);
                if (_o.Lossy == LossyRepair.Guess)
                {
                    int l = k == 0 ? Left(q.Start) : (layer.Length > 0 ? layer.Written[^1] : -1);
                    cp = LossyGuesser.Guess(q, LossyGuesser.Classify(l, Right(q.End)), Style(), _quoteOpen);
                    guess |= cp >= 0;
                    bool low = Style().LowClosingQuotes;
                    if (cp == 0x201E || (cp == 0x201C && !low))
                    {
                        _quoteOpen = true;
                    }
                    else if (cp == 0x201D || (cp == 0x201C && low))
                    {
                        _quoteOpen = false;
                    }
                }

                if (cp < 0)
                {
                    cp = 0xFFFD;
                }
            }
            else if (q.Evidence == Evidence.Ambiguous)
            {
                confidence = Math.Min(confidence, 0.8);
            }

            layer.AppendCodePoint(cp);
            int after = q.End;
            bool boundaryMatters = (k == group.Length - 1 && _s[q.Start] != '\u00C5') || _s[q.Start] is '\u00C3' or '\u00C2';
            if (q.HasTrailingSpace && boundaryMatters && !CharInfo.IsSpace(cp) && after < _s.Length
                && (char.IsLetterOrDigit(_s[after]) || _s[after] is '(' or '[' or '%' or '"' or '\'' or '\u201C' or '\u00AB'))
            {
                // The lost no-break space was also the only word boundary: keep one (quantitÃ di → quantità di),
                // unless what follows cannot be a word of its own (àquele, às, Vietnamese thành).
                if (!WordContinues(cp, after))
                {
                    layer.Append(' ');
                }
            }
        }

        try
        {
            return Emit(group, start, end, (big ?? first)[..layer.Length], guess, confidence, ref output, ref pending);
        }
        finally
        {
            if (big is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(big);
            }
        }
    }

    /// <summary>
    /// Peels further layers off a decoded run, maps C1 controls, and writes it. Works on the decoded span; a
    /// string is made only when a further layer or an explanation needs one.
    /// </summary>
    private bool Emit(scoped ReadOnlySpan<Sequence> group, int start, int end, scoped Span<char> decoded, bool guess,
        double confidence, ref CharBuffer output, ref int pending)
    {
        ReadOnlySpan<char> text = decoded;
        string? layered = null;
        List<string>? chain = _steps is null ? null : [LabelOf(group)];
        int layers = 1, maxLayers = _o.EffectiveMaxLayers;
        bool plain = !HasLeadOrC1(decoded); // Cyrillic, CJK, Greek…: no further layer and no C1 control to look for
        while (!plain && !_nested && layers < maxLayers && !CandidateScanner.CannotHoldDamage(text))
        {
            layered ??= text.ToString();
            var inner = new Repairer(layered, _o, nested: true, null, null)
            {
                _outerLeft = Left(start),
                _outerLeft2 = CharBefore(start - 1, pending, output.Written),
                _outerRight = Right(end),
                _docEvidence = DocEvidence() ? (sbyte)1 : (sbyte)0,
                _docScripts = DocProfile().Scripts,
                _docFamilies = DocProfile().Families,
                _profiled = true,
            };
            var buffer = new CharBuffer(layered.Length);
            bool changed = inner.Run(ref buffer);
            if (changed)
            {
                layered = buffer.Written.ToString();
                text = layered;
                layers++;
                PeeledFurtherLayer = true;
                chain?.Add(inner.Label);
                guess |= inner.SawGuess;
            }

            buffer.Dispose();
            if (!changed)
            {
                break;
            }
        }

        if (!plain && !_nested && _o.FixC1Controls && text.IndexOfAnyInRange('\u0080', '\u009F') >= 0)
        {
            if (layered is null)
            {
                MapC1(decoded);
                text = decoded;
            }
            else
            {
                layered = string.Create(layered.Length, layered, static (dst, src) =>
                {
                    src.CopyTo(dst);
                    MapC1(dst);
                });
                text = layered;
            }
        }

        if (WouldFormNewSequence(start, end, text, pending))
        {
            return false; // inconsistent damage (a hopeless garble): repairing it would only make new garbage
        }

        SawGuess |= guess;
        output.Append(_s[pending..start]);
        output.Append(text);
        pending = end;
        _lastGroupEnd = end;
        _lastGroupChar = text.Length > 0 ? text[^1] : -1;

        if (_steps is not null)
        {
            _steps.Add(new FixStep(start, end - start, _s[start..end].ToString(), layered ?? text.ToString(), chain!, confidence, guess,
                guess || group.ContainsLossy() ? FixKind.LossySequence : FixKind.Mojibake));
        }

        _sites?.Add(new DamageSite(start, end - start, confidence, guess));
        return true;
    }

    /// <summary>
    /// True when the replacement would join an unrepaired neighbour into a new proven sequence
    /// (<c>ã†</c> + <c>â€™</c> → <c>ã†’</c> → ㆒): the damage is not the single-byte image of one text.
    /// </summary>
    private readonly bool WouldFormNewSequence(int start, int end, ReadOnlySpan<char> text, int pending)
    {
        int from = Math.Max(Math.Max(pending, start - 3), 0);
        if (!HasLeadOrC1(_s[from..start]) && !HasLeadOrC1(text))
        {
            return false; // no lead image left of the replacement's end: no sequence can start in the window
        }

        Unsafe.SkipInit(out StackBuffer16<char> windowBuffer);
        Span<char> window = windowBuffer;
        int n = 0;
        for (int j = from; j < start; j++)
        {
            window[n++] = _s[j];
        }

        int joinAt = n;
        int take = Math.Min(text.Length, 3);
        int textFrom = n;
        for (int j = 0; j < take; j++)
        {
            window[n++] = text[j];
        }

        // The right edge: the last few characters of the replacement, then what follows it.
        int tailStart = n;
        for (int j = Math.Max(take, text.Length - 3); j < text.Length; j++)
        {
            window[n++] = text[j];
        }

        int textEnd = n;
        for (int j = end; j < _s.Length && n < window.Length; j++)
        {
            window[n++] = _s[j];
        }

        ReadOnlySpan<char> w = window[..n];
        for (int i = 0; i < textEnd; i++)
        {
            bool fromLeft = i < joinAt;
            bool fromTail = i >= Math.Min(tailStart, textFrom) && i >= textFrom && text.Length > 0;
            if (!Sequence.IsLeadChar(w[i]) || !SequenceReader.TryRead(w, i, false, false, out Sequence q)
                || q.Evidence != Evidence.Definite || !Sequence.IsPlausible(q.CodePoint))
            {
                continue;
            }

            // Only sequences that straddle an edge of the replacement count.
            if ((fromLeft && q.End > joinAt) || (fromTail && !fromLeft && q.End > textEnd))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the text holds a character U+0080–U+00F4: a C1 control or a lead image (every candidate sequence
    /// starts with one). Decoded runs are short, so a plain loop beats a vectorized call.
    /// </summary>
    private static bool HasLeadOrC1(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if ((uint)(c - 0x80) <= 0xF4 - 0x80)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// After a lost no-break space, whether the letters that follow continue the word instead of starting one:
    /// Portuguese contractions (<c>às</c>, <c>àquele</c>, <c>àquilo</c>) and vowelless fragments (<c>nh</c> of thành).
    /// </summary>
    private bool WordContinues(int cp, int end)
    {
        ReadOnlySpan<char> s = _s;
        int w = end;
        while (w < s.Length && CharInfo.IsLetter(s[w]))
        {
            w++;
        }

        ReadOnlySpan<char> word = s[end..w];
        if (word.IsEmpty || (w < s.Length && s[w] is '\'' or '\u2019'))
        {
            return false;
        }

        if (cp == 0xE0 && (word.SequenceEqual("s") || word.StartsWith("quel", StringComparison.Ordinal) || word.StartsWith("quil", StringComparison.Ordinal)))
        {
            return true;
        }

        // Catalan has à inside words and never as a word of its own (vÃ lid → vàlid). French, Italian and
        // Portuguese end words with à after -t (città), -j (déjà), l (là), gi, voil; a short other stem before
        // a long tail is the middle of a word (grÃ fic, parÃ metres).
        if (cp == 0xE0 && CharInfo.IsLetter(LeftOf(end - 1)) && !Vietnamese())
        {
            if (Catalan())
            {
                return true;
            }

            int stemStart = end - 2;
            while (stemStart > 0 && CharInfo.IsLetter(_s[stemStart - 1]))
            {
                stemStart--;
            }

            ReadOnlySpan<char> stem = s[stemStart..(end - 2)];
            bool finalStem = stem.IsEmpty || (stem[^1] == 't' && stem.Length >= 3) || stem[^1] is 'j' or 'ç'
                || stem is "l" or "L" or "gi" or "Gi" or "voil" or "Voil" or "del" or "hol";
            if (!finalStem && stem.Length <= 3 && word.Length >= 3)
            {
                return true;
            }
        }

        // Vietnamese writes one syllable per word: after à comes the rest of the syllable (nào, sàng, làm).
        if (cp == 0xE0 && Vietnamese() && word is "o" or "i" or "y" or "u" or "n" or "ng" or "nh" or "m" or "c" or "ch" or "t" or "p")
        {
            return true;
        }

        // A fragment without a vowel cannot be a word (thÃ nh → thành); letters beyond ASCII may be vowels.
        foreach (char c in word)
        {
            if (c >= 0x80 || "aeiouyAEIOUY".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string LabelOf(ReadOnlySpan<Sequence> group)
    {
        bool c1 = false, special = false;
        foreach (ref readonly Sequence q in group)
        {
            c1 |= q.SawC1;
            special |= q.SawSpecial;
        }

        return c1 && !special ? "latin-1" : "windows-1252";
    }

    /// <summary>C1 controls to the Windows-1252 characters they stand for, in place (undefined bytes stay).</summary>
    private static void MapC1(Span<char> text)
    {
        for (int j = 0; j < text.Length; j++)
        {
            if (text[j] is >= '\u0080' and < '\u00A0')
            {
                text[j] = Windows1252.ToChar((byte)text[j]);
            }
        }
    }

    /// <summary>Maps the runs of C1 controls between <paramref name="start"/> and <paramref name="end"/>; true when there were any.</summary>
    private bool EmitC1Within(int start, int end, ref CharBuffer output, ref int pending)
    {
        if (_nested || !_o.FixC1Controls)
        {
            return false;
        }

        bool any = false;
        for (int i = Math.Max(start, pending); i < end; i++)
        {
            int runEnd = i;
            while (runEnd < end && _s[runEnd] is >= '\u0080' and < '\u00A0' && MapsC1(_s[runEnd]))
            {
                runEnd++;
            }

            if (runEnd > i)
            {
                EmitC1(i, runEnd, ref output, ref pending);
                any = true;
                i = runEnd;
            }
        }

        return any;
    }

    /// <summary>What a C1 control stands for: the Windows-1252 character, or the letter of the line's Mac or DOS code page.</summary>
    private char C1Char(char c) => C1Page() is SingleByteCodePage page ? page.ToChar((byte)c) : Windows1252.ToChar((byte)c);

    /// <summary>Whether a C1 control is mapped: bytes Windows-1252 leaves undefined stay, unless the line is Mac or DOS text.</summary>
    private bool MapsC1(char c) => !Windows1252.IsUndefined((byte)c) || C1Page() is not null;

    private SingleByteCodePage? C1Page()
    {
        if (!_c1PageKnown)
        {
            _c1Page = C1Controls.LetterPageOf(_s); // once per line: per-control scans would be quadratic
            _c1PageKnown = true;
        }

        return _c1Page;
    }

    private void EmitC1(int start, int end, ref CharBuffer output, ref int pending)
    {
        output.Append(_s[pending..start]);
        Unsafe.SkipInit(out StackBuffer256<char> mappedBuffer);
        Span<char> mapped = ((Span<char>)mappedBuffer)[..Math.Min(end - start, 256)];
        int done = start;
        while (done < end)
        {
            int n = Math.Min(end - done, mapped.Length);
            for (int j = 0; j < n; j++)
            {
                mapped[j] = C1Char(_s[done + j]);
            }

            output.Append(mapped[..n]);
            done += n;
        }

        pending = end;
        if (_steps is not null)
        {
            var replacement = new char[end - start];
            for (int j = start; j < end; j++)
            {
                replacement[j - start] = C1Char(_s[j]);
            }

            _steps.Add(new FixStep(start, end - start, _s[start..end].ToString(), new string(replacement), _c1Page is null ? [] : [_c1Page.Name],
                0.9, false, FixKind.C1Control));
        }

        _sites?.Add(new DamageSite(start, end - start, 0.9, false));
    }
}

internal static class SequenceSpanExtensions
{
    internal static bool ContainsLossy(this ReadOnlySpan<Sequence> group)
    {
        foreach (ref readonly Sequence q in group)
        {
            if (q.Evidence == Evidence.Lossy)
            {
                return true;
            }
        }

        return false;
    }
}
