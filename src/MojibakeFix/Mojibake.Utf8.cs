using System.Buffers;
using System.Text;
using System.Text.Unicode;
using MojibakeFix.Detection;
using MojibakeFix.Internals;
using MojibakeFix.Repair;

namespace MojibakeFix;

public static partial class Mojibake
{
    /// <summary>
    /// Repairs UTF-8 text and writes the result to <paramref name="destination"/>. Text that cannot hold damage
    /// is copied as bytes, never transcoded; bytes that are not valid UTF-8 are copied through unchanged, in place.
    /// </summary>
    /// <typeparam name="TWriter">The writer type (a struct writer avoids boxing).</typeparam>
    /// <param name="utf8">The UTF-8 input.</param>
    /// <param name="destination">Receives the repaired UTF-8.</param>
    /// <param name="options">The options; <see cref="FixOptions.Default"/> when null.</param>
    /// <returns>True when something was repaired.</returns>
    /// <remarks>
    /// Every place a repair pass would look at begins with a byte pattern (U+00C2–U+00F4 is C3 82–C3 B4, a C1
    /// control C2 80–C2 9F, a Cyrillic or Greek pair D0/D1/CE/CF xx, CJK E3–EF xx xx…): the input is classified as
    /// bytes, a vector at a time (checking the UTF-8 byte rules on the way), and only the lines around such a place,
    /// or around an invalid byte, are decoded and repaired: clean text of any script costs one pass and a copy.
    /// The result is that of decoding the whole input: lines are the repair unit.
    /// </remarks>
    public static bool FixUtf8<TWriter>(ReadOnlySpan<byte> utf8, TWriter destination, FixOptions? options = null)
        where TWriter : IBufferWriter<byte>
    {
        ArgumentNullException.ThrowIfNull(destination);
        options ??= FixOptions.Default;
        if (options.HasFixers)
        {
            return FixDecoded(utf8, destination, options); // the fixers act on ASCII too: the string pipeline
        }

        return FixClassified(utf8, destination, options, Utf8Classifier.PassesOf(options));
    }

    /// <summary>Most bytes of suspect lines decoded together (neighbouring lines join up to this size).</summary>
    private const int GroupBytes = 64 << 10;

    /// <summary>
    /// Clean stretches are copied as bytes; the lines that hold a suspect or an invalid byte (by the byte
    /// classifier, which finds every place the repair passes search for) are repaired. A line that is Windows-1252
    /// damage read whole as plain runs is repaired on its bytes (<see cref="Engine.TryRepairPlainUtf8Line"/>); the
    /// others are decoded and repaired, neighbours together. Each line is repaired on its own by the engine, and an
    /// invalid byte never holds a line break, so the result is that of decoding the whole input.
    /// </summary>
    private static bool FixClassified<TWriter>(ReadOnlySpan<byte> utf8, TWriter destination, FixOptions options, Utf8Passes passes)
        where TWriter : IBufferWriter<byte>
    {
        bool changed = false;
        int copied = 0; // the input before this is written, or held
        int held = -1; // when not -1, the suspect lines [held, copied) wait for the decoding path, to be decoded together
        byte[]? scratch = null; // a line repaired on its bytes while held lines before it wait
        try
        {
            int next = Utf8Classifier.IndexOfSuspect(utf8, 0, passes);
            while (next >= 0)
            {
                int start = copied + utf8[copied..next].LastIndexOfAny((byte)'\n', (byte)'\r') + 1;
                int end = LineEnd(utf8, next);
                next = end < utf8.Length ? Utf8Classifier.IndexOfSuspect(utf8, end, passes) : -1;

                // Suspect lines that follow one another are decoded together (dense damage costs one call per group).
                if (held != -1 && (start != copied || copied - held >= GroupBytes))
                {
                    changed |= FixDecoded(utf8[held..copied], destination, options);
                    held = -1;
                }

                if (!t_decodeEveryLine && held == -1)
                {
                    // Nothing waits before the line: it is repaired on its bytes straight into the destination.
                    BlockCopy.Write(destination, utf8[copied..start]);
                    copied = start;
                    if (Engine.TryRepairPlainUtf8Line(utf8[start..end], options, destination.GetSpan(end - start), out int written))
                    {
                        destination.Advance(written);
                        changed = true;
                        copied = end;
                        continue;
                    }
                }
                else if (!t_decodeEveryLine)
                {
                    // Lines wait before it: it is repaired aside, and written after them.
                    if (scratch is null || scratch.Length < end - start)
                    {
                        if (scratch is not null)
                        {
                            ArrayPool<byte>.Shared.Return(scratch);
                        }

                        scratch = ArrayPool<byte>.Shared.Rent(Math.Max(end - start, 4096));
                    }

                    if (Engine.TryRepairPlainUtf8Line(utf8[start..end], options, scratch, out int written))
                    {
                        changed |= FixDecoded(utf8[held..copied], destination, options);
                        held = -1;
                        destination.Write(scratch.AsSpan(0, written));
                        changed = true;
                        copied = end;
                        continue;
                    }
                }

                if (held == -1)
                {
                    BlockCopy.Write(destination, utf8[copied..start]);
                    held = start;
                }

                copied = end;
            }

            if (held != -1)
            {
                changed |= FixDecoded(utf8[held..copied], destination, options);
            }
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }

        BlockCopy.Write(destination, utf8[copied..]);
        return changed;
    }

    /// <summary>
    /// Tests set this on their own thread to send every suspect line to the decoding path, so that they can compare
    /// the byte shortcut's output with it on the same input.
    /// </summary>
    [ThreadStatic]
    internal static bool t_decodeEveryLine;

    /// <summary>The end of the line holding <paramref name="at"/>, after its line break.</summary>
    private static int LineEnd(ReadOnlySpan<byte> utf8, int at)
    {
        int k = utf8[at..].IndexOfAny((byte)'\n', (byte)'\r');
        return k < 0 ? utf8.Length : at + k + 1;
    }

    /// <summary>
    /// The decoding path: each valid run is decoded into a pooled buffer (stopping at the first invalid byte),
    /// repaired as a span, and the invalid bytes after it are copied through as they are.
    /// </summary>
    internal static bool FixDecoded<TWriter>(ReadOnlySpan<byte> utf8, TWriter destination, FixOptions options)
        where TWriter : IBufferWriter<byte>
    {
        bool changed = false;
        char[] chars = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            while (!utf8.IsEmpty)
            {
                Utf8.ToUtf16(utf8, chars, out int read, out int written, replaceInvalidSequences: false);
                changed |= FixValidUtf8(utf8[..read], chars.AsSpan(0, written), destination, options);
                utf8 = utf8[read..];
                if (!utf8.IsEmpty && options.DecodeModifiedUtf8 && ModifiedUtf8.TryRewrite(utf8, destination) is int used and > 0)
                {
                    changed = true;
                    utf8 = utf8[used..];
                }
                else if (!utf8.IsEmpty)
                {
                    Rune.DecodeFromUtf8(utf8, out _, out int invalid);
                    destination.Write(utf8[..invalid]);
                    utf8 = utf8[invalid..];
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }

        return changed;
    }

    /// <summary>
    /// Repairs UTF-8 text from <paramref name="source"/> into <paramref name="destination"/>, in the shape of
    /// <see cref="System.Text.Unicode.Utf8.FromUtf16"/>: for streams, call it block by block with
    /// <paramref name="isFinalBlock"/> false and pass the unread rest again with the next block.
    /// </summary>
    /// <param name="source">The UTF-8 input.</param>
    /// <param name="destination">Where the repaired UTF-8 goes.</param>
    /// <param name="bytesRead">How many bytes of <paramref name="source"/> were consumed.</param>
    /// <param name="bytesWritten">How many bytes were written to <paramref name="destination"/>.</param>
    /// <param name="isFinalBlock">
    /// False when more input follows: the call then stops where no damaged run can be cut in two (a line break,
    /// or plain ASCII) and returns <see cref="OperationStatus.NeedMoreData"/>.
    /// </param>
    /// <param name="options">The options; <see cref="FixOptions.Default"/> when null.</param>
    /// <returns>
    /// <see cref="OperationStatus.Done"/> when all of <paramref name="source"/> was consumed;
    /// <see cref="OperationStatus.NeedMoreData"/> when a tail was held back (only when not final);
    /// <see cref="OperationStatus.DestinationTooSmall"/> when the repaired block does not fit (nothing is consumed
    /// then; <see cref="GetMaxFixedUtf8Length(int, FixOptions?)"/> bytes always fit).
    /// </returns>
    /// <remarks>
    /// Bytes that are not valid UTF-8 are copied through where they were. Clean blocks are copied without
    /// allocating. As for text, a block that is not final ends at a line break, so streamed input gets exactly the
    /// whole-input result; only a line longer than 64 K bytes is cut inside, between plain ASCII characters, and its
    /// pieces are then judged apart (the evidence of one piece no longer weighs the runs of another).
    /// </remarks>
    public static OperationStatus FixUtf8(ReadOnlySpan<byte> source, Span<byte> destination, out int bytesRead, out int bytesWritten,
        bool isFinalBlock = true, FixOptions? options = null)
    {
        options ??= FixOptions.Default;
        int take = isFinalBlock ? source.Length : options.HasFixers ? StreamBoundary.SafeEndKeepingCrLf(source) : StreamBoundary.SafeEnd(source);

        ReadOnlySpan<byte> block = source[..take];
        OperationStatus done = take == source.Length ? OperationStatus.Done : OperationStatus.NeedMoreData;
        if (!MayHoldDamageUtf8(block, options)
            || (!options.HasFixers && IsCertainlyCleanUtf8(block) && !(options.DecodeModifiedUtf8 && ModifiedUtf8.Contains(block))))
        {
            if (!block.TryCopyTo(destination))
            {
                bytesRead = bytesWritten = 0;
                return OperationStatus.DestinationTooSmall;
            }

            bytesRead = bytesWritten = take;
            return done;
        }

        var writer = new ArrayBufferWriter<byte>(Math.Max(block.Length, 1));
        FixUtf8(block, writer, options);
        if (!writer.WrittenSpan.TryCopyTo(destination))
        {
            bytesRead = bytesWritten = 0;
            return OperationStatus.DestinationTooSmall;
        }

        bytesRead = take;
        bytesWritten = writer.WrittenCount;
        return done;
    }

    /// <summary>
    /// The most bytes <see cref="FixUtf8(ReadOnlySpan{byte}, Span{byte}, out int, out int, bool, FixOptions?)"/>
    /// writes for <paramref name="length"/> input bytes with the default options: a repair only shortens text, except
    /// a C1 control (2 bytes) that becomes the Windows-1252 character it stood for (up to 3 bytes).
    /// </summary>
    /// <param name="length">The input length in bytes.</param>
    /// <returns>The destination length that always fits.</returns>
    public static int GetMaxFixedUtf8Length(int length) => (int)Math.Min(Array.MaxLength, length + ((length + 1L) / 2));

    /// <summary>
    /// The most bytes <see cref="FixUtf8(ReadOnlySpan{byte}, Span{byte}, out int, out int, bool, FixOptions?)"/>
    /// writes for <paramref name="length"/> input bytes with <paramref name="options"/>: as
    /// <see cref="GetMaxFixedUtf8Length(int)"/>, times the growth of the fixers that lengthen text (see
    /// <see cref="GetMaxFixedLength(int, FixOptions?)"/>). An upper bound, not the exact length.
    /// </summary>
    /// <param name="length">The input length in bytes.</param>
    /// <param name="options">The options; <see cref="FixOptions.Default"/> when null.</param>
    /// <returns>The destination length that always fits.</returns>
    public static int GetMaxFixedUtf8Length(int length, FixOptions? options) =>
        (int)Math.Min(Array.MaxLength, (length + ((length + 1L) / 2)) * Growth(options ?? FixOptions.Default, utf8: true));

    /// <summary>Repairs UTF-8 text into a new array.</summary>
    /// <param name="utf8">The UTF-8 input.</param>
    /// <param name="options">The options; <see cref="FixOptions.Default"/> when null.</param>
    /// <returns>The repaired UTF-8 bytes (a copy even when nothing changed).</returns>
    public static byte[] FixUtf8(ReadOnlySpan<byte> utf8, FixOptions? options = null)
    {
        var writer = new ArrayBufferWriter<byte>(Math.Max(utf8.Length, 1));
        FixUtf8(utf8, writer, options);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// True when UTF-8 <paramref name="utf8"/> holds nothing damage can start with (ASCII, or no candidate
    /// character for any code page): no allocation. A false answer does not mean damage.
    /// </summary>
    /// <param name="utf8">The UTF-8 input.</param>
    /// <returns>True when the bytes are certainly free of mojibake.</returns>
    public static bool IsCertainlyCleanUtf8(ReadOnlySpan<byte> utf8)
    {
        if (System.Text.Ascii.IsValid(utf8))
        {
            return true;
        }

        if (Utf8Classifier.IndexOfSuspect(utf8, 0, Utf8Passes.All) < 0)
        {
            return true; // valid UTF-8 where none of the searches stops, found on the bytes
        }

        if (Utf8.IsValid(utf8))
        {
            return false;
        }

        char[] chars = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            ReadOnlySpan<char> decoded = chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, chars));
            return CandidateScanner.CannotHoldDamage(decoded) && !OtherCodePages.MayApply(decoded) && !DoubleByteCodePages.HasSuspect(decoded)
                && LegacyText.IndexOfCandidate(decoded, 0) < 0;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static bool FixValidUtf8<TWriter>(ReadOnlySpan<byte> utf8, ReadOnlySpan<char> decoded, TWriter destination, FixOptions options)
        where TWriter : IBufferWriter<byte>
    {
        if (options.HasFixers)
        {
            // The other fixers act on ASCII too (entities, escapes, controls) and may lengthen text: the string pipeline.
            string? fixedText = Engine.Repair(decoded, options);
            if (fixedText is null)
            {
                destination.Write(utf8);
                return false;
            }

            destination.Advance(Encoding.UTF8.GetBytes(fixedText, destination.GetSpan(Encoding.UTF8.GetMaxByteCount(fixedText.Length))));
            return true;
        }

        // The repaired characters stay in a pooled buffer and are encoded from there: no string of the block.
        var repaired = default(CharBuffer);
        try
        {
            if (utf8.Length == decoded.Length || !Engine.Repair(decoded, options, ref repaired)) // all ASCII: nothing to do
            {
                destination.Write(utf8); // unchanged: the input bytes, never re-encoded
                return false;
            }

            Span<byte> target = destination.GetSpan(Encoding.UTF8.GetMaxByteCount(repaired.Length));
            destination.Advance(Encoding.UTF8.GetBytes(repaired.Written, target));
            return true;
        }
        finally
        {
            repaired.Dispose();
        }
    }

    /// <summary>
    /// Whether UTF-8 text may hold damage, classified as bytes; text with an invalid byte (which may be modified
    /// UTF-8) is decided by the decoding path.
    /// </summary>
    private static bool MayHoldDamageUtf8(ReadOnlySpan<byte> utf8, FixOptions options)
    {
        if (options.HasFixers)
        {
            return true; // decided after decoding, once, in FixValidUtf8
        }

        return Utf8Classifier.IndexOfSuspect(utf8, 0, Utf8Classifier.PassesOf(options)) >= 0;
    }
}
