using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MojibakeFix.Internals;

/// <summary>
/// Copies of the long unchanged stretches between repaired lines. <see cref="Span{T}.CopyTo"/> hands them to the C
/// runtime's memmove, which moves mid-sized blocks with <c>rep movsb</c>; on the AMD EPYC the benchmarks run on,
/// that is about four times slower when the destination lies less than 64 bytes past the source modulo 4 KB (each
/// store seems to alias a later load). That is no rare layout: a string's characters start 12 bytes into the object
/// and an array's 16, so a large string repaired into a large <c>char[]</c>, both page-aligned in the large-object
/// heap, lands 4 bytes past it. A plain vector loop has no such penalty, so it takes those copies and memmove keeps
/// the rest.
/// </summary>
internal static class BlockCopy
{
    /// <summary>Below this many bytes a copy is short enough that its layout does not matter.</summary>
    internal const int MinLoopBytes = 1024;

    /// <summary>The vector width the loop uses, chosen once: 256 or 0 (memmove always).</summary>
    internal static readonly int BestWidth = Vector256.IsHardwareAccelerated ? 256 : 0;

    /// <summary>Copies <paramref name="source"/> to the start of <paramref name="destination"/>; false when it does not fit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryCopy(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (source.Length > destination.Length)
        {
            return false;
        }

        Copy(source, destination);
        return true;
    }

    /// <summary>Copies <paramref name="source"/> to the start of <paramref name="destination"/>, which must be as long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Copy(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (source.Length < MinLoopBytes / sizeof(char))
        {
            source.CopyTo(destination);
            return;
        }

        Copy(MemoryMarshal.AsBytes(source), MemoryMarshal.AsBytes(destination), BestWidth);
    }

    /// <summary>Copies <paramref name="source"/> to the start of <paramref name="destination"/>, which must be as long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Copy(ReadOnlySpan<byte> source, Span<byte> destination) => Copy(source, destination, BestWidth);

    /// <summary>Writes <paramref name="source"/> to <paramref name="writer"/>, as <c>BuffersExtensions.Write</c> does.</summary>
    internal static void Write<TWriter>(TWriter writer, ReadOnlySpan<byte> source)
        where TWriter : IBufferWriter<byte>
    {
        Span<byte> span = writer.GetSpan(source.Length);
        if (span.Length < source.Length)
        {
            writer.Write(source); // a writer that hands out less than asked: it copies piece by piece
            return;
        }

        Copy(source, span);
        writer.Advance(source.Length);
    }

    /// <summary>The copy at a given width (0: memmove always), for the tests.</summary>
    internal static void Copy(ReadOnlySpan<byte> source, Span<byte> destination, int width)
    {
        if (width >= 256 && source.Length >= MinLoopBytes && IsSlowForMemmove(source, destination))
        {
            if (source.Length > destination.Length)
            {
                ThrowHelper.ThrowDestinationTooShort();
            }

            CopyVector256(ref MemoryMarshal.GetReference(source), ref MemoryMarshal.GetReference(destination), (nuint)source.Length);
            return;
        }

        source.CopyTo(destination);
    }

    /// <summary>
    /// Whether the destination starts 1 to 63 bytes past the source modulo 4 KB and the two do not overlap (the loop
    /// copies forward, so it must not run where memmove's overlap handling is needed).
    /// </summary>
    internal static bool IsSlowForMemmove(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination)
    {
        nint gap = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(source), ref MemoryMarshal.GetReference(destination)) & 4095;
        return gap is > 0 and < 64 && !source.Overlaps(destination[..Math.Min(source.Length, destination.Length)]);
    }

    /// <summary>Copies <paramref name="length"/> ≥ 32 bytes, four vectors a step, the last piece by one vector ending at the end.</summary>
    internal static void CopyVector256(ref byte source, ref byte destination, nuint length)
    {
        nuint i = 0;
        for (; i + 128 <= length; i += 128)
        {
            Vector256<byte> a = Vector256.LoadUnsafe(ref source, i);
            Vector256<byte> b = Vector256.LoadUnsafe(ref source, i + 32);
            Vector256<byte> c = Vector256.LoadUnsafe(ref source, i + 64);
            Vector256<byte> d = Vector256.LoadUnsafe(ref source, i + 96);
            a.StoreUnsafe(ref destination, i);
            b.StoreUnsafe(ref destination, i + 32);
            c.StoreUnsafe(ref destination, i + 64);
            d.StoreUnsafe(ref destination, i + 96);
        }

        for (; i + 32 <= length; i += 32)
        {
            Vector256.LoadUnsafe(ref source, i).StoreUnsafe(ref destination, i);
        }

        if (i < length)
        {
            Vector256.LoadUnsafe(ref source, length - 32).StoreUnsafe(ref destination, length - 32);
        }
    }
}
