using System.Buffers;
using MojibakeFix.Detection;
using MojibakeFix.Internals;
using MojibakeFix.Repair;

namespace MojibakeFix;

/// <summary>
/// Finds and reverses mojibake: UTF-8 text that was decoded as Windows-1252 or Latin-1 (once or several
/// times, in whole or in part, with or without lost bytes). Correct text is never changed, unless one of the other
/// fixers of <see cref="FixOptions"/> (HTML entities, quotes, normalization...) is turned on.
/// </summary>
/// <remarks>
/// All members are thread-safe and never throw on any string content (lone surrogates, NULs, binary data).
/// Work is linear in the length of the input.
/// </remarks>
public static partial class Mojibake
{
    /// <summary>Repairs <paramref name="text"/> with <see cref="FixOptions.Default"/>.</summary>
    /// <param name="text">The text to repair.</param>
    /// <returns>The repaired text; the same instance when nothing needed repair.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static string Fix(string text) => Fix(text, FixOptions.Default);

    /// <summary>Repairs <paramref name="text"/> with the given options.</summary>
    /// <param name="text">The text to repair.</param>
    /// <param name="options">The options; <see cref="FixOptions.Default"/> when null.</param>
    /// <returns>The repaired text; the same instance when nothing needed repair.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static string Fix(string text, FixOptions? options)
    {
        if (text is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(text));
        }

        return Engine.Repair(text, options ?? FixOptions.Default, null, null);
    }

    /// <summary>Repairs <paramref name="text"/> and reports every repaired run.</summary>
    /// <param name="text">The text to repair.</param>
    /// <param name="options">The options; <see cref="FixOptions.Default"/> when null.</param>
    /// <returns>The repaired text with one <see cref="FixStep"/> per repaired run, in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static FixResult FixAndExplain(string text, FixOptions? options = null)
    {
        if (text is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(text));
        }

        var steps = new List<FixStep>();
        string fixedText = Engine.Repair(text, options ?? FixOptions.Default, steps, null);
        return new FixResult(fixedText, steps);
    }

    /// <summary>Tells whether <paramref name="text"/> holds mojibake, how confident the detector is, and where.</summary>
    /// <param name="text">The text to examine.</param>
    /// <param name="options">The options; <see cref="FixOptions.Default"/> when null.</param>
    /// <returns>The damaged runs, empty when the text is clean.</returns>
    /// <remarks>Only encoding damage is reported; the other fixers of <paramref name="options"/> are not applied.</remarks>
    public static DetectionResult Detect(ReadOnlySpan<char> text, FixOptions? options = null)
    {
        if (IsCertainlyClean(text))
        {
            return new DetectionResult([]);
        }

        // The sites are exactly the runs Fix would repair (every pass and code page), so Detect and Fix agree. Only
        // encoding damage counts: the other fixers of the options (HTML entities, quotes...) are not damage.
        var steps = new List<FixStep>();
        Engine.RepairEncoding(text.ToString(), options ?? FixOptions.Default, steps, null);
        var sites = new DamageSite[steps.Count];
        for (int i = 0; i < sites.Length; i++)
        {
            sites[i] = new DamageSite(steps[i].Index, steps[i].Length, steps[i].Confidence, steps[i].IsGuess);
        }

        return new DetectionResult(sites);
    }

    /// <summary>
    /// True when <paramref name="text"/> holds no character that can start damage: a single vectorized pass,
    /// no allocation. A false answer does not mean damage; <see cref="Detect"/> decides that.
    /// </summary>
    /// <param name="text">The text to examine.</param>
    /// <returns>True when the text is certainly free of mojibake.</returns>
    public static bool IsCertainlyClean(ReadOnlySpan<char> text) =>
        CandidateScanner.CannotHoldDamage(text) && !OtherCodePages.MayApply(text) && !DoubleByteCodePages.HasSuspect(text)
        && LegacyText.IndexOfCandidate(text, 0) < 0;

    /// <summary>
    /// The most characters <see cref="Fix(ReadOnlySpan{char}, Span{char}, out int, out int, bool, FixOptions?)"/>
    /// can write for <paramref name="length"/> input characters with the default options: repairs never lengthen text.
    /// </summary>
    /// <param name="length">The input length.</param>
    /// <returns><paramref name="length"/>.</returns>
    public static int GetMaxFixedLength(int length) => length;

    /// <summary>
    /// The most characters <see cref="Fix(ReadOnlySpan{char}, Span{char}, out int, out int, bool, FixOptions?)"/>
    /// can write for <paramref name="length"/> input characters with <paramref name="options"/>: the input length,
    /// unless a fixer that lengthens text is on (<see cref="FixOptions.ExpandLigatures"/>: ﬃ is three letters;
    /// <see cref="FixOptions.NarrowFullWidth"/>: U+FFE3 is two characters; <see cref="FixOptions.Normalization"/>:
    /// NFC and NFD up to 3 times, NFKC and NFKD up to 18 times). An upper bound, not the exact length.
    /// </summary>
    /// <param name="length">The input length.</param>
    /// <param name="options">The options; <see cref="FixOptions.Default"/> when null.</param>
    /// <returns>The destination length that always fits.</returns>
    public static int GetMaxFixedLength(int length, FixOptions? options) =>
        (int)Math.Min(Array.MaxLength, (long)length * Growth(options ?? FixOptions.Default, utf8: false));

    /// <summary>How many times longer the fixers can make text, as a bound (characters, or UTF-8 bytes).</summary>
    internal static int Growth(FixOptions options, bool utf8)
    {
        if (!options.HasFixers)
        {
            return 1;
        }

        int growth = options.Normalization switch
        {
            System.Text.NormalizationForm.FormKC or System.Text.NormalizationForm.FormKD => utf8 ? 11 : 18,
            System.Text.NormalizationForm.FormC or System.Text.NormalizationForm.FormD => 3,
            _ => 1,
        };

        // Stages run one after another, so their growths multiply (a bound: real text grows far less).
        growth *= options.ExpandLigatures ? 3 : 1;
        growth *= options.NarrowFullWidth && !utf8 ? 2 : 1;
        growth *= options.DecodeHtmlEntities != HtmlEntityDecoding.Off && utf8 ? 2 : 1;
        return growth;
    }

    /// <summary>
    /// Repairs <paramref name="source"/> into <paramref name="destination"/>, in the shape of
    /// <see cref="System.Text.Unicode.Utf8.FromUtf16(ReadOnlySpan{char}, Span{byte}, out int, out int, bool, bool)"/>.
    /// </summary>
    /// <param name="source">The text to repair.</param>
    /// <param name="destination">Where the repaired text goes.</param>
    /// <param name="charsRead">How many characters of <paramref name="source"/> were consumed.</param>
    /// <param name="charsWritten">How many characters were written to <paramref name="destination"/>.</param>
    /// <param name="isFinalBlock">
    /// False when more text follows: the call then stops at a point where no damaged run can be cut in two
    /// and returns <see cref="OperationStatus.NeedMoreData"/>; pass the unread rest again with the next block.
    /// </param>
    /// <param name="options">The options; <see cref="FixOptions.Default"/> when null.</param>
    /// <returns>
    /// <see cref="OperationStatus.Done"/> when all of <paramref name="source"/> was consumed;
    /// <see cref="OperationStatus.NeedMoreData"/> when a tail was held back (only when not final);
    /// <see cref="OperationStatus.DestinationTooSmall"/> when <paramref name="destination"/> is shorter than
    /// the repaired text (nothing is consumed then; a destination of <see cref="GetMaxFixedLength(int, FixOptions?)"/>
    /// always fits).
    /// </returns>
    /// <remarks>
    /// Never writes past <paramref name="charsWritten"/> and never allocates when nothing changes. Evidence is
    /// gathered line by line and a block that is not final ends at a line break, so text streamed in blocks of
    /// any size gets exactly the whole-string result; only a line longer than 64 K characters is cut inside,
    /// between plain ASCII characters, and its pieces are then judged apart. With the other fixers on
    /// (<see cref="FixOptions.DecodeHtmlEntities"/> and the rest) a block that may change is repaired through a
    /// string, and a block that is not final never ends between <c>\r</c> and <c>\n</c>.
    /// </remarks>
    public static OperationStatus Fix(ReadOnlySpan<char> source, Span<char> destination, out int charsRead,
        out int charsWritten, bool isFinalBlock = true, FixOptions? options = null)
    {
        options ??= FixOptions.Default;
        if (options.HasFixers)
        {
            return FixWithFixers(source, destination, out charsRead, out charsWritten, isFinalBlock, options);
        }

        int take = isFinalBlock ? source.Length : StreamBoundary.SafeEnd(source);
        ReadOnlySpan<char> block = source[..take];
        OperationStatus done = take == source.Length ? OperationStatus.Done : OperationStatus.NeedMoreData;

        // One classifying pass finds the suspect lines; the clean text between them is copied as it is.
        if (!Engine.TryRepairInto(block, options, destination, out int written))
        {
            charsRead = charsWritten = 0;
            return OperationStatus.DestinationTooSmall;
        }

        charsRead = take;
        charsWritten = written;
        return done;
    }

    /// <summary>
    /// The span core with the other fixers on: a block that no stage can change is copied; otherwise it is repaired
    /// as a string (the fixers may lengthen it, so it may not fit where its input did).
    /// </summary>
    private static OperationStatus FixWithFixers(ReadOnlySpan<char> source, Span<char> destination, out int charsRead,
        out int charsWritten, bool isFinalBlock, FixOptions options)
    {
        int take = isFinalBlock ? source.Length : StreamBoundary.SafeEndKeepingCrLf(source);
        ReadOnlySpan<char> block = source[..take];
        ReadOnlySpan<char> repaired = Engine.Repair(block, options) ?? block; // null: nothing changed, nothing allocated
        if (!repaired.TryCopyTo(destination))
        {
            charsRead = charsWritten = 0;
            return OperationStatus.DestinationTooSmall;
        }

        charsRead = take;
        charsWritten = repaired.Length;
        return take == source.Length ? OperationStatus.Done : OperationStatus.NeedMoreData;
    }

    /// <summary>Repairs <paramref name="source"/> into <paramref name="destination"/> as one final block.</summary>
    /// <param name="source">The text to repair.</param>
    /// <param name="destination">Where the repaired text goes.</param>
    /// <param name="charsWritten">How many characters were written.</param>
    /// <param name="options">The options; <see cref="FixOptions.Default"/> when null.</param>
    /// <returns>False when <paramref name="destination"/> is too small; nothing meaningful is written then.</returns>
    public static bool TryFix(ReadOnlySpan<char> source, Span<char> destination, out int charsWritten, FixOptions? options = null) =>
        Fix(source, destination, out _, out charsWritten, true, options) == OperationStatus.Done;

    internal static string DescribeChain(IReadOnlyList<string> encodings)
    {
        if (encodings.Count == 0)
        {
            return "windows-1252 (C1 controls)";
        }

        var parts = new List<string>();
        for (int i = 0; i < encodings.Count;)
        {
            int j = i;
            while (j < encodings.Count && encodings[j] == encodings[i])
            {
                j++;
            }

            parts.Add(j - i > 1 ? $"utf-8 → {encodings[i]} ×{j - i}" : $"utf-8 → {encodings[i]}");
            i = j;
        }

        return string.Join(", ", parts);
    }
}
