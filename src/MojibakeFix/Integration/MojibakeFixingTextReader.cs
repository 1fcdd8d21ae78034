namespace MojibakeFix.Integration;

/// <summary>
/// A <see cref="TextReader"/> that repairs mojibake as it reads from another reader, block by block, so a
/// damaged run that spans two reads of the inner reader is still repaired.
/// </summary>
/// <remarks>
/// Memory is bounded by the block size (a block ends at a line break or at a point no damaged run can straddle,
/// see <see cref="Mojibake.Fix(ReadOnlySpan{char}, Span{char}, out int, out int, bool, FixOptions?)"/>).
/// Decisions that use the rest of the document see the current block.
/// </remarks>
public sealed class MojibakeFixingTextReader : TextReader
{
    private readonly TextReader _inner;
    private readonly FixOptions _options;
    private readonly bool _leaveOpen;
    private char[] _raw;
    private int _rawLength;
    private char[] _fixed;
    private int _fixedStart;
    private int _fixedLength;
    private bool _innerDone;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The reader to repair.</param>
    /// <param name="options">The repair options; <see cref="FixOptions.Default"/> when null.</param>
    /// <param name="blockSize">Characters read from <paramref name="inner"/> at a time (at least 256).</param>
    /// <param name="leaveOpen">True to leave <paramref name="inner"/> open when this reader is disposed.</param>
    public MojibakeFixingTextReader(TextReader inner, FixOptions? options = null, int blockSize = 64 * 1024, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _options = options ?? FixOptions.Default;
        _leaveOpen = leaveOpen;
        _raw = new char[Math.Max(blockSize, 256)];
        _fixed = new char[Mojibake.GetMaxFixedLength(_raw.Length, _options)];
    }

    /// <summary>The characters of input held at most so far (for the tests of bounded memory).</summary>
    internal int BufferLength => _raw.Length;

    /// <inheritdoc/>
    public override int Peek() => Fill() ? _fixed[_fixedStart] : -1;

    /// <inheritdoc/>
    public override int Read() => Fill() ? _fixed[_fixedStart++] : -1;

    /// <inheritdoc/>
    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || !Fill())
        {
            return 0;
        }

        int n = Math.Min(buffer.Length, _fixedLength - _fixedStart);
        _fixed.AsSpan(_fixedStart, n).CopyTo(buffer);
        _fixedStart += n;
        return n;
    }

    /// <inheritdoc/>
    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    /// <summary>Makes sure repaired characters are waiting; false at the end of the input.</summary>
    private bool Fill()
    {
        while (_fixedStart >= _fixedLength)
        {
            if (_innerDone && _rawLength == 0)
            {
                return false;
            }

            if (!_innerDone && _rawLength < _raw.Length)
            {
                int read = _inner.Read(_raw, _rawLength, _raw.Length - _rawLength);
                _innerDone = read == 0;
                _rawLength += read;
            }

            var status = Mojibake.Fix(_raw.AsSpan(0, _rawLength), _fixed, out int consumed, out int written, _innerDone, _options);
            if (status == System.Buffers.OperationStatus.NeedMoreData && consumed == 0 && _rawLength == _raw.Length)
            {
                Array.Resize(ref _raw, _raw.Length * 2); // no safe cut in a full block: read more before cutting
                Array.Resize(ref _fixed, Mojibake.GetMaxFixedLength(_raw.Length, _options));
                continue;
            }

            if (status == System.Buffers.OperationStatus.DestinationTooSmall)
            {
                Array.Resize(ref _fixed, _fixed.Length * 2); // only a fixer that lengthens text gets here
                continue;
            }

            _raw.AsSpan(consumed, _rawLength - consumed).CopyTo(_raw);
            _rawLength -= consumed;
            _fixedStart = 0;
            _fixedLength = written;
            if (consumed == 0 && _innerDone && _rawLength == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
