using System.Text;

namespace MojibakeFix.Integration;

/// <summary>
/// A read-only <see cref="Stream"/> of UTF-8 that repairs mojibake in another UTF-8 stream as it is read, with
/// bounded memory (it decodes through <see cref="MojibakeFixingTextReader"/>).
/// </summary>
/// <remarks>Bytes that are not valid UTF-8 come out as U+FFFD; use <c>Mojibake.FixUtf8</c> or the mojifix
/// tool to keep them byte for byte.</remarks>
public sealed class MojibakeFixingStream : Stream
{
    private readonly MojibakeFixingTextReader _reader;
    private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();
    private readonly char[] _chars = new char[16 * 1024];
    private readonly byte[] _bytes = new byte[64 * 1024];
    private int _byteStart;
    private int _byteLength;
    private bool _done;

    /// <summary>Wraps a UTF-8 stream.</summary>
    /// <param name="inner">The UTF-8 input.</param>
    /// <param name="options">The repair options; <see cref="FixOptions.Default"/> when null.</param>
    /// <param name="leaveOpen">True to leave <paramref name="inner"/> open when this stream is disposed.</param>
    public MojibakeFixingStream(Stream inner, FixOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _reader = new MojibakeFixingTextReader(new StreamReader(inner, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, leaveOpen: leaveOpen), options);
    }

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        while (_byteStart >= _byteLength)
        {
            if (_done)
            {
                return 0;
            }

            int chars = _reader.Read(_chars, 0, _chars.Length);
            _done = chars == 0;
            _byteLength = _encoder.GetBytes(_chars, 0, chars, _bytes, 0, flush: _done);
            _byteStart = 0;
        }

        int n = Math.Min(buffer.Length, _byteLength - _byteStart);
        _bytes.AsSpan(_byteStart, n).CopyTo(buffer);
        _byteStart += n;
        return n;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Dispose();
        }

        base.Dispose(disposing);
    }
}
