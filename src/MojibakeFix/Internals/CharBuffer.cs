using System.Buffers;
using System.Runtime.CompilerServices;

namespace MojibakeFix.Internals;

/// <summary>
/// Output of a repair pass. Writes go to a caller's span when one is given; otherwise a pooled array is
/// rented lazily, so a pass that changes nothing allocates nothing.
/// </summary>
internal ref struct CharBuffer
{
    private Span<char> _span;
    private char[]? _rented;
    private readonly bool _external;
    private int _length;

    /// <summary>A buffer over memory the caller owns; it must hold the whole output.</summary>
    internal CharBuffer(Span<char> destination)
    {
        _span = destination;
        _external = true;
    }

    /// <summary>A pooled buffer sized for <paramref name="capacity"/> characters, rented on first write.</summary>
    internal CharBuffer(int capacity)
    {
        _span = default;
        _length = -capacity - 1; // negative: not yet rented, remembers the capacity to rent
    }

    internal readonly int Length => _length < 0 ? 0 : _length;

    internal readonly ReadOnlySpan<char> Written => _span[..Length];

    /// <summary>True when the output does not fit the caller's span.</summary>
    internal bool Overflowed { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Append(scoped ReadOnlySpan<char> text)
    {
        EnsureStarted();
        if (_length + text.Length > _span.Length)
        {
            Grow(text.Length);
            if (Overflowed)
            {
                return;
            }
        }

        BlockCopy.Copy(text, _span[_length..]);
        _length += text.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Append(char c)
    {
        EnsureStarted();
        if (_length >= _span.Length)
        {
            Grow(1);
            if (Overflowed)
            {
                return;
            }
        }

        _span[_length++] = c;
    }

    internal void AppendCodePoint(int cp)
    {
        if (cp < 0x10000)
        {
            Append((char)cp);
        }
        else
        {
            cp -= 0x10000;
            Append((char)(0xD800 + (cp >> 10)));
            Append((char)(0xDC00 + (cp & 0x3FF)));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureStarted()
    {
        if (_length < 0)
        {
            int capacity = -_length - 1;
            _rented = ArrayPool<char>.Shared.Rent(Math.Max(capacity, 16));
            _span = _rented;
            _length = 0;
        }
    }

    private void Grow(int needed)
    {
        if (_external)
        {
            Overflowed = true;
            return;
        }

        char[] bigger = ArrayPool<char>.Shared.Rent(Math.Max(_span.Length * 2, _length + needed));
        _span[.._length].CopyTo(bigger);
        if (_rented is not null)
        {
            ArrayPool<char>.Shared.Return(_rented);
        }

        _rented = bigger;
        _span = bigger;
    }

    internal void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<char>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
