using System.Buffers;

namespace MojibakeFix.Internals;

/// <summary>
/// Where repaired lines go in a text: for each, its start and end in the input and the length of its repair, in a
/// pooled array. The result is then built in one copy from the input's unchanged lines and the repairs.
/// </summary>
internal ref struct LineEdits
{
    private int[]? _items; // triples: start, end, repaired length
    private int _count;

    /// <summary>An empty list that records (a default one does not: its owner writes the whole text instead).</summary>
    internal LineEdits(bool recording) => Recording = recording;

    /// <summary>Whether the lines' owner records its repairs here.</summary>
    internal readonly bool Recording { get; }

    /// <summary>Records that input [<paramref name="start"/>, <paramref name="end"/>) became <paramref name="length"/> repaired characters.</summary>
    internal void Add(int start, int end, int length)
    {
        if (_items is null || _count + 3 > _items.Length)
        {
            int[] bigger = ArrayPool<int>.Shared.Rent(Math.Max(48, _count * 2));
            _items?.AsSpan(0, _count).CopyTo(bigger);
            if (_items is not null)
            {
                ArrayPool<int>.Shared.Return(_items);
            }

            _items = bigger;
        }

        _items[_count++] = start;
        _items[_count++] = end;
        _items[_count++] = length;
    }

    /// <summary>
    /// The input with each recorded range replaced by its repair, taken in order from <paramref name="repaired"/>
    /// (the repairs one after another, as recorded).
    /// </summary>
    internal readonly string Apply(ReadOnlySpan<char> input, ReadOnlySpan<char> repaired)
    {
        ReadOnlySpan<int> items = _items.AsSpan(0, _count);
        int length = input.Length;
        for (int k = 0; k < items.Length; k += 3)
        {
            length += items[k + 2] - (items[k + 1] - items[k]);
        }

        return string.Create(length, new Pieces(input, repaired, items), static (destination, pieces) =>
        {
            int from = 0, at = 0, taken = 0;
            for (int k = 0; k < pieces.Items.Length; k += 3)
            {
                int start = pieces.Items[k], end = pieces.Items[k + 1], n = pieces.Items[k + 2];
                BlockCopy.Copy(pieces.Input[from..start], destination[at..]);
                at += start - from;
                pieces.Repaired.Slice(taken, n).CopyTo(destination[at..]);
                at += n;
                taken += n;
                from = end;
            }

            BlockCopy.Copy(pieces.Input[from..], destination[at..]);
        });
    }

    internal void Dispose()
    {
        if (_items is not null)
        {
            ArrayPool<int>.Shared.Return(_items);
            _items = null;
        }
    }

    private readonly ref struct Pieces(ReadOnlySpan<char> input, ReadOnlySpan<char> repaired, ReadOnlySpan<int> items)
    {
        internal ReadOnlySpan<char> Input { get; } = input;

        internal ReadOnlySpan<char> Repaired { get; } = repaired;

        internal ReadOnlySpan<int> Items { get; } = items;
    }
}
