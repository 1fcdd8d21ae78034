using System.Buffers;
using System.Text;
using MojibakeFix;

namespace MojibakeFix.Corpus;

/// <summary>
/// Feeds the streaming cores (<see cref="Mojibake.Fix(ReadOnlySpan{char}, Span{char}, out int, out int, bool, FixOptions?)"/>
/// and its UTF-8 twin) the way a caller reading a stream would: piece after piece, what a call leaves unread carried
/// into the next, the last call final. The tests, the soak run and the benchmarks' checks all feed through here, so
/// a streamed result is always produced one way. A core that asks for more room than its Get…Length bound promises,
/// or leaves a final block unread, throws <see cref="InvalidOperationException"/>: either is a fault of the core.
/// </summary>
public static class Feed
{
    /// <summary>The span core's result for <paramref name="text"/> given in pieces of <paramref name="blockSize"/> characters.</summary>
    public static string SpanCore(string text, int blockSize, FixOptions? options = null) => SpanCore(text, _ => blockSize, options);

    /// <summary>
    /// The span core's result for <paramref name="text"/> given in pieces, the i-th <paramref name="pieceSize"/>(i)
    /// characters long (at least one).
    /// </summary>
    public static string SpanCore(string text, Func<int, int> pieceSize, FixOptions? options = null)
    {
        var output = new StringBuilder(text.Length);
        var pending = new StringBuilder();
        int at = 0;
        for (int i = 0; at < text.Length || pending.Length > 0; i++)
        {
            int n = Math.Min(Math.Max(1, pieceSize(i)), text.Length - at);
            pending.Append(text, at, n);
            at += n;
            bool final = at == text.Length;
            string block = pending.ToString();
            var destination = new char[Mojibake.GetMaxFixedLength(block.Length, options)];
            OperationStatus status = Mojibake.Fix(block, destination, out int read, out int written, final, options);
            Check(status, final, read, block.Length, "span");
            output.Append(destination, 0, written);
            pending.Remove(0, read);
        }

        return output.ToString();
    }

    /// <summary>The UTF-8 core's result (as text) for <paramref name="utf8"/> given in pieces of <paramref name="blockSize"/> bytes.</summary>
    public static string Utf8Core(byte[] utf8, int blockSize, FixOptions? options = null) => Utf8Core(utf8, _ => blockSize, options);

    /// <summary>
    /// The UTF-8 core's result (as text) for <paramref name="utf8"/> given in pieces, the i-th
    /// <paramref name="pieceSize"/>(i) bytes long (at least one), splitting characters where a piece ends inside one.
    /// </summary>
    public static string Utf8Core(byte[] utf8, Func<int, int> pieceSize, FixOptions? options = null)
    {
        var output = new ArrayBufferWriter<byte>(utf8.Length + 16);
        var pending = new List<byte>();
        int at = 0;
        for (int i = 0; at < utf8.Length || pending.Count > 0; i++)
        {
            int n = Math.Min(Math.Max(1, pieceSize(i)), utf8.Length - at);
            pending.AddRange(utf8.AsSpan(at, n));
            at += n;
            bool final = at == utf8.Length;
            byte[] block = [.. pending];
            var destination = new byte[Mojibake.GetMaxFixedUtf8Length(block.Length, options)];
            OperationStatus status = Mojibake.FixUtf8(block, destination, out int read, out int written, final, options);
            Check(status, final, read, block.Length, "UTF-8");
            output.Write(destination.AsSpan(0, written));
            pending.RemoveRange(0, read);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    // (A final call may stop short and be called again, but it must make progress.)
    private static void Check(OperationStatus status, bool final, int read, int length, string core)
    {
        if (status == OperationStatus.DestinationTooSmall)
        {
            throw new InvalidOperationException($"the {core} core asked for more room than its maximum length gives");
        }

        if (final && read == 0 && length > 0)
        {
            throw new InvalidOperationException($"the {core} core left a final block of {length} unread");
        }
    }
}
