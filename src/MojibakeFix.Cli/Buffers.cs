using System.Buffers;

namespace MojibakeFix.Cli;

/// <summary>A growable byte buffer on <see cref="ArrayPool{T}"/>; <see cref="Dispose"/> gives the array back.</summary>
internal sealed class PooledBuffer(int capacity) : IBufferWriter<byte>, IDisposable
{
    private byte[] _array = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));
    private int _length;

    internal ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _length);

    internal int Length => _length;

    internal void Clear() => _length = 0;

    internal void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
    }

    internal void Write(byte b)
    {
        GetSpan(1)[0] = b;
        _length++;
    }

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_length);
    }

    private void Ensure(int sizeHint)
    {
        if (_array.Length - _length >= Math.Max(sizeHint, 1))
        {
            return;
        }

        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, _length + Math.Max(sizeHint, 256)));
        _array.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = bigger;
    }

    public void Dispose()
    {
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
            _length = 0;
        }
    }
}
